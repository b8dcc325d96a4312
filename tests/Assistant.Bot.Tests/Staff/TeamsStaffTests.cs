using System.Net.Http.Json;
using System.Text.Json;
using Assistant.Bot.Progress;
using Assistant.Bot.Tests.BotFramework;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Assistant.Bot.Tests.Staff;

/// <summary>
/// Staff mapped to a unit in Teams: what is due this month, whether last month was reported, the monthly reminder sent
/// proactively to the loopback connector, and 取消提醒 / 开启提醒.
/// </summary>
public sealed class TeamsStaffTests
{
    /// <summary>from.aadObjectId of the personal chat's user (王小明).</summary>
    private const string UserObjectId = "6be3a2f1-9c0e-4d2c-b4b8-3f2a1f8e5a10";

    private static string Personal(string text, string id) =>
        TeamsPayloads.PersonalMessage
            .Replace("\"text\": \"餐饮油烟归哪个部门管\"", $"\"text\": {JsonSerializer.Serialize(text)}", StringComparison.Ordinal)
            .Replace("1714968600000", id, StringComparison.Ordinal);

    [Fact]
    public async Task Mapped_staff_ask_about_this_and_last_month_and_get_the_reminder_until_they_unsubscribe()
    {
        // 25 December 2026 in Beijing: the reminder day of plan month 2024-12.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 25, 9, 0, 0, TimeSpan.FromHours(8)));
        await using var bot = await BotHarness.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Assistant:Auth:TenantIds:0"] = TeamsPayloads.TenantId,
            ["Assistant:Auth:Staff:0"] = UserObjectId,
            ["Assistant:Progress:Units:城管委:0"] = UserObjectId,
            ["Assistant:AdminApiKey"] = ProgressApiTests.AdminKey,
        }, services: s => s.AddSingleton<TimeProvider>(clock));
        using (var admin = bot.App.CreateClientWithKey(ProgressApiTests.AdminKey))
        {
            (await admin.PutAsJsonAsync("/api/progress/2024-11/附件1-7-4", new { unit = "区城市管理委", status = "推进中", progress = "11月进展" })).EnsureSuccessStatusCode();
        }

        await bot.SendAsync(Personal("我们这个月要完成什么", "m1"));
        var thisMonth = (await bot.Connector.WaitForAsync(1))[0];
        await bot.SendAsync(Personal("上个月的进展报了没有", "m2"));
        var lastMonth = (await bot.Connector.WaitForAsync(2))[1];

        var thisText = string.Join("\n", thisMonth.CardTexts);
        Assert.StartsWith("区城市管理委 2024-12（计划年度）：本月到期的主责措施", thisText, StringComparison.Ordinal);
        Assert.Contains("附件1-7-4", thisText, StringComparison.Ordinal);
        var led = bot.App.Services.GetRequiredService<ProgressBoard>().Leads.Count(l => l.Unit == "区城市管理委");
        Assert.StartsWith($"区城市管理委 2024-11：已报送 1 项，未报送 {led - 1} 项", string.Join("\n", lastMonth.CardTexts), StringComparison.Ordinal);

        // The reminder: once this month, to the conversation kept at first contact.
        var reminders = bot.App.Services.GetRequiredService<ProgressReminders>();
        Assert.Equal(1, await reminders.RunOnceAsync(CancellationToken.None));
        Assert.Equal(0, await reminders.RunOnceAsync(CancellationToken.None));
        var reminder = (await bot.Connector.WaitForAsync(3))[2];
        var reminderText = string.Join("\n", reminder.CardTexts);
        Assert.Contains("/v3/conversations/a%3A1Bc2De3Fg4Hi5Jk6Lm7No8Pq9Rs0Tu-Vw_Xy/activities", reminder.RawPath, StringComparison.Ordinal);
        Assert.StartsWith("【按月报送提醒】区城市管理委 2024-12", reminderText, StringComparison.Ordinal);
        Assert.Contains($"尚未报送的主责措施 {led} 项", reminderText, StringComparison.Ordinal);
        Assert.Contains("30天内到期", reminderText, StringComparison.Ordinal);
        Assert.Contains("附件1-7-4 ", reminderText, StringComparison.Ordinal);

        // 取消提醒: next month's reminder day sends nothing; 开启提醒 brings it back.
        await bot.SendAsync(Personal("取消提醒", "m3"));
        Assert.StartsWith("已取消按月报送提醒", (await bot.Connector.WaitForAsync(4))[3].CardTexts[0], StringComparison.Ordinal);
        clock.SetUtcNow(new DateTimeOffset(2027, 1, 25, 9, 0, 0, TimeSpan.FromHours(8)));
        Assert.Equal(0, await reminders.RunOnceAsync(CancellationToken.None));
        await bot.SendAsync(Personal("开启提醒", "m4"));
        Assert.StartsWith("已开启按月报送提醒：每月25日", (await bot.Connector.WaitForAsync(5))[4].CardTexts[0], StringComparison.Ordinal);
        Assert.Equal(1, await reminders.RunOnceAsync(CancellationToken.None));
        Assert.Contains("2024-01", string.Join("\n", (await bot.Connector.WaitForAsync(6))[5].CardTexts), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_user_who_is_not_mapped_to_a_unit_gets_the_plans_answer_and_no_reference_is_kept()
    {
        await using var bot = await BotHarness.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Assistant:Auth:TenantIds:0"] = TeamsPayloads.TenantId,
            ["Assistant:Auth:Staff:0"] = UserObjectId,
        });

        await bot.SendAsync(Personal("取消提醒", "n1"));
        var posted = await bot.Connector.WaitForAsync(2);

        Assert.Equal("typing", posted[0].Type);
        Assert.DoesNotContain(posted[1].CardTexts, t => t.Contains("已取消", StringComparison.Ordinal));
        Assert.Empty(await bot.App.Services.GetRequiredService<StaffSubscriptions>().ListAsync(CancellationToken.None));
    }
}
