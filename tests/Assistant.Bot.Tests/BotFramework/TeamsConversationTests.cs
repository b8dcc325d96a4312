using System.Text.RegularExpressions;
using System.Net;
using System.Text.Json;
using Assistant.Bot.Channels.BotFramework;

namespace Assistant.Bot.Tests.BotFramework;

/// <summary>Teams-shaped conversations end to end: channel, group chat and personal chat; greetings; card buttons.</summary>
public sealed class TeamsConversationTests
{
    [Fact]
    public void Teams_payloads_parse_with_their_mentions_stripped_and_tenant_read()
    {
        var channel = Parse(TeamsPayloads.ChannelMessage);
        var group = Parse(TeamsPayloads.GroupChatMessage);
        var personal = Parse(TeamsPayloads.PersonalMessage);

        Assert.Equal("餐饮油烟归哪个部门管", IncomingMessage.Question(channel));
        Assert.Equal("channel", channel.Conversation!.ConversationType);
        Assert.Equal("6be3a2f1-9c0e-4d2c-b4b8-3f2a1f8e5a10", channel.From!.AadObjectId);
        Assert.Equal(TeamsPayloads.TenantId, IncomingMessage.TenantId(channel));
        // Fields the bot does not model are kept, not rejected.
        Assert.True(channel.Properties!.ContainsKey("localTimezone"));

        // The bot's mention goes (its id in another case); the colleague's keeps the name.
        Assert.Equal("李华   施工扬尘管控什么时候完成", IncomingMessage.Question(group));
        Assert.Equal("groupChat", group.Conversation!.ConversationType);
        Assert.Equal(TeamsPayloads.TenantId, IncomingMessage.TenantId(group));

        Assert.Equal("餐饮油烟归哪个部门管", IncomingMessage.Question(personal));
        Assert.Equal("personal", personal.Conversation!.ConversationType);
    }

    [Fact]
    public void Without_a_mention_entity_the_bots_at_name_is_still_removed()
    {
        var activity = Parse(TeamsPayloads.ChannelMessage) with { Entities = [] };

        Assert.Equal("餐饮油烟归哪个部门管", IncomingMessage.Question(activity));
    }

    [Theory]
    [InlineData("/amer/")]
    [InlineData("/teams/")]
    [InlineData("/teams")]
    [InlineData("")]
    public async Task A_channel_post_is_answered_in_its_thread_whatever_path_serviceUrl_carries(string servicePath)
    {
        await using var bot = await BotHarness.StartAsync(servicePath);

        var response = await bot.SendAsync(TeamsPayloads.ChannelMessage);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var posted = await bot.Connector.WaitForAsync(2);
        var prefix = servicePath.TrimEnd('/');
        Assert.All(posted, p => Assert.Equal(
            prefix + "/v3/conversations/19%3Ad5f3a1b2c3e44f8a9b0c1d2e3f4a5b6c%40thread.tacv2%3Bmessageid%3D1714961618223/activities/1714961618223",
            p.RawPath));
        Assert.Contains("区生态环境局、区市场监管局", posted[1].CardTexts);
    }

    [Fact]
    public async Task A_group_chat_question_gets_a_card_with_the_deadline_units_and_the_inferred_split_note()
    {
        await using var bot = await BotHarness.StartAsync();

        await bot.SendAsync(TeamsPayloads.GroupChatMessage);

        var reply = (await bot.Connector.WaitForAsync(2))[1];
        Assert.Equal("/v3/conversations/19%3Ameeting_ZGQ1ZjNhMWItYjJjMy00ZTQ0%40thread.v2/activities/1714964401101", reply.RawPath);
        var texts = reply.CardTexts;
        Assert.Contains("年底前", texts);
        Assert.Contains(texts, t => t.Contains("区住房城市建设委", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.StartsWith("依据：附件1 第14项", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.StartsWith("注：附件1-14-1 的主责/协办单位划分是根据原文表格排版推断的", StringComparison.Ordinal));
        // The question asked for the deadline, so the buttons offer the co-operating units and the full text.
        Assert.Equal(["协办单位", "原文"], Actions(reply.Card).Select(a => a.GetProperty("title").GetString()));
    }

    [Fact]
    public async Task Follow_up_buttons_come_back_as_value_only_messages_and_are_answered()
    {
        await using var bot = await BotHarness.StartAsync();
        await bot.SendAsync(TeamsPayloads.PersonalMessage);
        var first = (await bot.Connector.WaitForAsync(2))[1];
        var buttons = Actions(first.Card);
        Assert.Equal(["协办单位", "完成时限", "原文"], buttons.Select(a => a.GetProperty("title").GetString()));
        Assert.All(buttons, b => Assert.Equal("Action.Submit", b.GetProperty("type").GetString()));
        // Before "原文" the measure text is shortened.
        Assert.Contains(first.CardTexts, t => t.StartsWith("区市场监管局与区生态环境局", StringComparison.Ordinal) && t.EndsWith("……", StringComparison.Ordinal));

        // "协办单位": Teams sends the button's data as the value of a message without text.
        await bot.SendAsync(TeamsPayloads.CardSubmit(buttons[0].GetProperty("data").GetRawText()));
        var co = (await bot.Connector.WaitForAsync(4))[3];
        Assert.Equal("/v3/conversations/a%3A1Bc2De3Fg4Hi5Jk6Lm7No8Pq9Rs0Tu-Vw_Xy/activities/1714968660000", co.RawPath);
        var coTexts = co.CardTexts;
        Assert.Equal("协办单位", coTexts[0]);
        Assert.Equal("各街道办事处", coTexts[1]);
        Assert.Contains("主责单位：区生态环境局、区市场监管局", coTexts);
        Assert.Equal(["完成时限", "原文"], Actions(co.Card).Select(a => a.GetProperty("title").GetString()));

        // "原文": the same measure with its text in full.
        await bot.SendAsync(TeamsPayloads.CardSubmit(buttons[2].GetProperty("data").GetRawText()));
        var original = (await bot.Connector.WaitForAsync(6))[5];
        Assert.Contains(original.CardTexts, t => t.StartsWith("区市场监管局与区生态环境局", StringComparison.Ordinal) && t.EndsWith("并做好事中事后监管。", StringComparison.Ordinal));
        Assert.DoesNotContain(Actions(original.Card), a => a.GetProperty("title").GetString() == "原文");
    }

    [Fact]
    public async Task When_several_measures_answer_the_buttons_ask_a_follow_up_in_the_conversation()
    {
        await using var bot = await BotHarness.StartAsync();
        await bot.SendAsync(TeamsPayloads.PersonalMessage.Replace("餐饮油烟归哪个部门管", "扬尘管控", StringComparison.Ordinal));
        var first = (await bot.Connector.WaitForAsync(2))[1];
        // Several rows control dust (附件1-12-1, 1-13-2, 1-14-1, 1-14-2): two or three of them answer equally well.
        Assert.Matches(@"^计划中有 [23] 项措施", first.CardTexts[0]);
        var co = Actions(first.Card)[0].GetProperty("data");
        Assert.Equal("那协办单位呢？", co.GetProperty("question").GetString());

        await bot.SendAsync(TeamsPayloads.CardSubmit(co.GetRawText()));

        var second = (await bot.Connector.WaitForAsync(4))[3];
        Assert.Equal(first.CardTexts[0], second.CardTexts[0]);
        Assert.Equal("协办单位", second.CardTexts[1]);
        // The follow-up answers for the same rows the first answer listed.
        var listed = Regex.Matches(string.Join("\n", first.CardTexts), @"附件\d-\d+-\d+").Select(m => m.Value).Distinct().ToList();
        Assert.True(listed.Count >= 2, string.Join(" | ", first.CardTexts));
        Assert.All(listed, reference => Assert.Contains(second.CardTexts, t => t.Contains(reference, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_member_joining_is_greeted_with_example_questions_but_the_bot_joining_is_not()
    {
        await using var bot = await BotHarness.StartAsync();

        Assert.Equal(HttpStatusCode.OK, (await bot.SendAsync(TeamsPayloads.BotAdded)).StatusCode);
        await bot.AssertNothingPostedAsync("19:0a1b2c3d4e5f60718293a4b5c6d7e8f9@thread.tacv2");

        Assert.Equal(HttpStatusCode.OK, (await bot.SendAsync(TeamsPayloads.MemberAdded)).StatusCode);
        var greeting = (await bot.Connector.WaitForAsync(3))[2];
        Assert.Equal("message", greeting.Type);
        Assert.Equal("/v3/conversations/19%3Ameeting_ZGQ1ZjNhMWItYjJjMy00ZTQ0%40thread.v2/activities/f%3A5f6a7b8c-1d2e-3f4a-5b6c-7d8e9f0a1b2c", greeting.RawPath);
        Assert.StartsWith("您好，我是西城政策助手", greeting.CardTexts[0], StringComparison.Ordinal);
        Assert.Equal(3, Actions(greeting.Card).Count);
    }

    [Fact]
    public async Task Every_greeting_example_is_answered_from_the_plan()
    {
        await using var bot = await BotHarness.StartAsync();
        var expected = 0;
        foreach (var question in ActivityProcessor.ExampleQuestions)
        {
            await bot.SendAsync(TeamsPayloads.CardSubmit(JsonSerializer.Serialize(new { question })));
            expected += 2;
            var answer = (await bot.Connector.WaitForAsync(expected))[expected - 1];
            Assert.Contains(answer.CardTexts, t => t.Contains("附件", StringComparison.Ordinal));
            Assert.DoesNotContain(answer.CardTexts, t => t.Contains("没有找到", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task A_bare_mention_gets_the_greeting_and_an_over_long_question_a_notice()
    {
        await using var bot = await BotHarness.StartAsync();

        await bot.SendAsync(TeamsPayloads.ChannelMessage.Replace("&nbsp;餐饮油烟归哪个部门管\\n", "", StringComparison.Ordinal));
        var greeting = (await bot.Connector.WaitForAsync(1))[0];
        await bot.SendAsync(TeamsPayloads.ChannelMessage.Replace("餐饮油烟归哪个部门管", new string('油', 1001), StringComparison.Ordinal));
        var notice = (await bot.Connector.WaitForAsync(2))[1];

        Assert.StartsWith("您好，我是西城政策助手", greeting.CardTexts[0], StringComparison.Ordinal);
        Assert.Equal("问题太长了，请控制在 1000 字以内。", Assert.Single(notice.CardTexts));
    }

    [Fact]
    public async Task Tenants_outside_the_allowed_list_are_told_so_and_not_answered()
    {
        await using var bot = await BotHarness.StartAsync(settings: new Dictionary<string, string?>
        {
            ["BotFramework:AllowedTenantIds:0"] = "11111111-2222-3333-4444-555555555555",
        });

        await bot.SendAsync(TeamsPayloads.PersonalMessage);

        var reply = Assert.Single(await bot.Connector.WaitForAsync(1));
        Assert.Equal("本助手仅向已授权的机构提供服务。", Assert.Single(reply.CardTexts));
    }

    [Fact]
    public async Task The_allowed_tenant_is_answered()
    {
        await using var bot = await BotHarness.StartAsync(settings: new Dictionary<string, string?>
        {
            ["BotFramework:AllowedTenantIds:0"] = TeamsPayloads.TenantId.ToUpperInvariant(),
        });

        await bot.SendAsync(TeamsPayloads.ChannelMessage);

        var posted = await bot.Connector.WaitForAsync(2);
        Assert.Contains("区生态环境局、区市场监管局", posted[1].CardTexts);
    }

    private static Activity Parse(string payload) =>
        JsonSerializer.Deserialize<Activity>(payload.Replace("{serviceUrl}", "https://smba.trafficmanager.net/apac/", StringComparison.Ordinal), ActivityJson.Options)!;

    private static List<JsonElement> Actions(JsonElement card) =>
        card.TryGetProperty("actions", out var actions) ? actions.EnumerateArray().ToList() : [];
}
