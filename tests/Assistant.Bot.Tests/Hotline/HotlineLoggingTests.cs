using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Assistant.Bot.Tests.Hotline;

public sealed class HotlineLoggingTests
{
    [Fact]
    public async Task Logs_never_hold_the_callers_phone_id_or_door_number()
    {
        var logs = new LogCollector();
        await using var app = new AssistantApplication();
        await using var logged = app.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<ILoggerProvider>(logs)));
        using var client = logged.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", AssistantApplication.OperatorKey);

        var response = await client.PostAsJsonAsync("/api/hotline/drafts", new
        {
            complaint = "牛街西里楼下烧烤油烟大，我电话13812345678，身份证110102198001011234，住3号楼2单元501室",
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var all = string.Join("\n", logs.Messages);
        Assert.Contains("Hotline draft", all);
        Assert.Contains("[电话]", all);
        Assert.DoesNotContain("13812345678", all);
        Assert.DoesNotContain("110102198001011234", all);
        Assert.DoesNotContain("3号楼2单元501", all);
    }

    [Fact]
    public async Task Logs_drafts_and_notes_never_hold_full_width_or_spoken_numbers_names_e_mails_or_plates()
    {
        var logs = new LogCollector();
        await using var app = new AssistantApplication();
        await using var logged = app.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<ILoggerProvider>(logs)));
        using var client = logged.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", AssistantApplication.OperatorKey);

        var response = await client.PostAsJsonAsync("/api/hotline/drafts", new
        {
            complaint = "实名：王某某，电话１３８１２３４５６７８，备用幺三九八七六五四三二一，邮箱wang@example.com，牛街西里楼下烧烤油烟大，车牌京A·12345的车天天停那",
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        var draft = System.Text.Json.JsonDocument.Parse(body).RootElement;
        var texts = string.Join("\n", logs.Messages) + draft.GetProperty("draft").GetString() + draft.GetProperty("dispatchNote").GetString();
        foreach (var secret in new[] { "１３８１２３４５６７８", "13812345678", "幺三九八七六五四三二一", "王某某", "wang@example.com", "京A·12345" })
        {
            Assert.DoesNotContain(secret, texts);
        }

        Assert.Contains("[姓名]", string.Join("\n", logs.Messages));
    }
}
