using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;

namespace Assistant.Bot.Tests.BotFramework;

/// <summary>POST /api/messages: authentication, status codes, acknowledging before answering, the outbound token.</summary>
public sealed class MessagesEndpointTests
{
    private const string PersonalConversation = "a:1Bc2De3Fg4Hi5Jk6Lm7No8Pq9Rs0Tu-Vw_Xy";

    [Fact]
    public async Task Valid_token_gets_typing_then_an_answer_card_posted_as_a_reply()
    {
        await using var bot = await BotHarness.StartAsync();

        var response = await bot.SendAsync(TeamsPayloads.PersonalMessage);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
        var posted = await bot.Connector.WaitForAsync(2);
        Assert.Equal(["typing", "message"], posted.Select(p => p.Type));

        // Both go to the reply URL of the inbound activity: ids escaped, one '/' after serviceUrl.
        Assert.All(posted, p => Assert.Equal("/v3/conversations/a%3A1Bc2De3Fg4Hi5Jk6Lm7No8Pq9Rs0Tu-Vw_Xy/activities/1714968600000", p.RawPath));
        Assert.All(posted, p => Assert.Equal("Bearer outbound-token-1", p.Authorization));
        // Not chunked: some connectors (and proxies) read only bodies with a length.
        Assert.All(posted, p => Assert.True(p.ContentLength > 0));

        var reply = posted[1].Body;
        Assert.Equal(TeamsPayloads.BotId, reply.GetProperty("from").GetProperty("id").GetString());
        Assert.Equal("王小明", reply.GetProperty("recipient").GetProperty("name").GetString());
        Assert.Equal("a:1Bc2De3Fg4Hi5Jk6Lm7No8Pq9Rs0Tu-Vw_Xy", reply.GetProperty("conversation").GetProperty("id").GetString());
        Assert.Equal(TeamsPayloads.TenantId, reply.GetProperty("conversation").GetProperty("tenantId").GetString());
        Assert.Equal("1714968600000", reply.GetProperty("replyToId").GetString());
        Assert.Equal("msteams", reply.GetProperty("channelId").GetString());
        // The connector assigns these.
        Assert.False(reply.TryGetProperty("id", out _));
        Assert.False(reply.TryGetProperty("serviceUrl", out _));
        Assert.False(reply.TryGetProperty("timestamp", out _));

        var card = posted[1].Card;
        Assert.Equal("AdaptiveCard", card.GetProperty("type").GetString());
        Assert.Equal("1.5", card.GetProperty("version").GetString());
        var texts = posted[1].CardTexts;
        Assert.Contains("区生态环境局、区市场监管局", texts);
        Assert.Contains("长期实施", texts);
        Assert.Contains(texts, t => t.Contains("附件1 第15项", StringComparison.Ordinal) && t.Contains("附件1-15-1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_outbound_token_is_fetched_once_with_client_credentials_and_reused()
    {
        await using var bot = await BotHarness.StartAsync();

        await bot.SendAsync(TeamsPayloads.PersonalMessage);
        await bot.Connector.WaitForAsync(2);
        await bot.SendAsync(TeamsPayloads.ChannelMessage);
        var posted = await bot.Connector.WaitForAsync(4);

        Assert.All(posted, p => Assert.Equal("Bearer outbound-token-1", p.Authorization));
        var request = Assert.Single(bot.Login.TokenRequests);
        Assert.Equal("client_credentials", request["grant_type"]);
        Assert.Equal(FakeBotLogin.AppId, request["client_id"]);
        Assert.Equal(FakeBotLogin.AppPassword, request["client_secret"]);
        Assert.Equal("https://api.botframework.com/.default", request["scope"]);
    }

    public static TheoryData<string> BadTokens() =>
    [
        "wrong issuer", "wrong audience", "expired", "bad signature", "unknown key", "unsigned", "serviceUrl mismatch",
        "missing endorsement", "not a jwt",
    ];

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task A_bad_token_is_401_and_nothing_is_posted(string fault)
    {
        await using var bot = await BotHarness.StartAsync();
        var serviceUrl = bot.Connector.ServiceUrl;
        using var otherKey = RSA.Create(2048);
        var token = fault switch
        {
            "wrong issuer" => bot.Login.ChannelToken(serviceUrl, issuer: "https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/"),
            "wrong audience" => bot.Login.ChannelToken(serviceUrl, audience: "another-bots-app-id"),
            // Beyond the 5 minutes' clock skew.
            "expired" => bot.Login.ChannelToken(serviceUrl, expiresIn: TimeSpan.FromMinutes(-6)),
            // The right kid, signed by a key that is not the one published under it.
            "bad signature" => bot.Login.ChannelToken(serviceUrl, signWith: otherKey),
            "unknown key" => bot.Login.ChannelToken(serviceUrl, keyId: "not-published", signWith: otherKey),
            "unsigned" => bot.Login.ChannelToken(serviceUrl, unsigned: true),
            // A genuine token for another bot endpoint, replayed here with our serviceUrl in the activity.
            "serviceUrl mismatch" => bot.Login.ChannelToken("https://smba.trafficmanager.net/emea/"),
            // Signed by a published key that endorses only webchat, for an msteams activity.
            "missing endorsement" => bot.Login.ChannelToken(serviceUrl, keyId: FakeBotLogin.WebChatKeyId),
            _ => "not-a-jwt",
        };

        var response = await bot.SendAsync(TeamsPayloads.PersonalMessage, token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await bot.AssertNothingPostedAsync(PersonalConversation);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer ")]
    public async Task No_bearer_token_is_401_and_nothing_is_posted(string? authorization)
    {
        await using var bot = await BotHarness.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(bot.Activity(TeamsPayloads.PersonalMessage), System.Text.Encoding.UTF8, "application/json"),
        };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        var response = await bot.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await bot.AssertNothingPostedAsync(PersonalConversation);
    }

    [Fact]
    public async Task A_token_expired_within_the_clock_skew_is_accepted()
    {
        await using var bot = await BotHarness.StartAsync();

        var response = await bot.SendAsync(TeamsPayloads.PersonalMessage, bot.Login.ChannelToken(bot.Connector.ServiceUrl, expiresIn: TimeSpan.FromMinutes(-2)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await bot.Connector.WaitForAsync(2);
    }

    [Theory]
    [InlineData("""{"text": "餐饮油烟归哪个部门管", "channelId": "msteams", "serviceUrl": "{serviceUrl}", "conversation": {"id": "a:1"}}""")]
    [InlineData("""{"type": "", "channelId": "msteams", "serviceUrl": "{serviceUrl}", "conversation": {"id": "a:1"}}""")]
    [InlineData("""{"type": "message", "text": """)]
    [InlineData("not json")]
    [InlineData("[]")]
    public async Task A_body_without_a_type_is_400(string body)
    {
        await using var bot = await BotHarness.StartAsync();

        var response = await bot.SendAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Invalid_utf8_in_an_activity_is_400()
    {
        await using var bot = await BotHarness.StartAsync();
        var payload = System.Text.Encoding.UTF8.GetBytes(bot.Activity(TeamsPayloads.PersonalMessage));
        // A lone surrogate's encoding in place of the first byte of the text.
        var at = Array.IndexOf(payload, (byte)0xE9);
        payload[at] = 0xED;
        payload[at + 1] = 0xA0;
        payload[at + 2] = 0x80;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new ByteArrayContent(payload) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Authorization = new("Bearer", bot.ValidToken());

        using var response = await bot.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task An_oversized_body_is_413()
    {
        await using var bot = await BotHarness.StartAsync(settings: new Dictionary<string, string?> { ["BotFramework:MaxActivityBytes"] = "4096" });

        var payload = TeamsPayloads.PersonalMessage.Replace("餐饮油烟归哪个部门管", new string('油', 3000), StringComparison.Ordinal);
        var response = await bot.SendAsync(payload);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Unknown_activity_types_are_acknowledged_and_ignored()
    {
        await using var bot = await BotHarness.StartAsync();
        var reaction = TeamsPayloads.PersonalMessage
            .Replace("\"type\": \"message\"", "\"type\": \"messageReaction\", \"reactionsAdded\": [{\"type\": \"like\"}]", StringComparison.Ordinal)
            .Replace("1714968600000", "1714968600999", StringComparison.Ordinal);

        var response = await bot.SendAsync(reaction);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await bot.AssertNothingPostedAsync(PersonalConversation);
    }

    [Fact]
    public async Task An_unhandled_invoke_is_501_and_the_health_check_invoke_is_answered()
    {
        await using var bot = await BotHarness.StartAsync();
        var invoke = TeamsPayloads.PersonalMessage.Replace("\"type\": \"message\"", "\"type\": \"invoke\", \"name\": \"composeExtension/query\"", StringComparison.Ordinal);
        var healthCheck = TeamsPayloads.PersonalMessage.Replace("\"type\": \"message\"", "\"type\": \"invoke\", \"name\": \"healthCheck\"", StringComparison.Ordinal);

        var unhandled = await bot.SendAsync(invoke);
        var health = await bot.SendAsync(healthCheck);

        Assert.Equal(HttpStatusCode.NotImplemented, unhandled.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        var body = await health.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(body.GetProperty("healthResults").GetProperty("success").GetBoolean());
        await bot.AssertNothingPostedAsync(PersonalConversation);
    }

    [Fact]
    public async Task An_invoke_with_a_bad_token_is_401_not_501()
    {
        await using var bot = await BotHarness.StartAsync();
        var invoke = TeamsPayloads.PersonalMessage.Replace("\"type\": \"message\"", "\"type\": \"invoke\", \"name\": \"healthCheck\"", StringComparison.Ordinal);

        var response = await bot.SendAsync(invoke, bot.Login.ChannelToken(bot.Connector.ServiceUrl, audience: "someone-else"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task The_endpoint_acknowledges_before_it_answers_and_refuses_when_the_queue_is_full()
    {
        // One slot per partition: while the connector holds the first reply, one more activity of the same
        // conversation waits in the queue and a third is refused.
        await using var bot = await BotHarness.StartAsync(settings: new Dictionary<string, string?> { ["BotFramework:QueueCapacity"] = "4" });
        bot.Connector.Hold();

        var first = await bot.SendAsync(TeamsPayloads.PersonalMessage);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Empty(bot.Connector.Posted);

        // The worker has taken the first activity once the token endpoint has been asked (it precedes the typing post).
        await WaitUntil(() => bot.Login.TokenRequests.Count == 1);
        var second = await bot.SendAsync(TeamsPayloads.PersonalMessage.Replace("1714968600000", "1714968600001", StringComparison.Ordinal));
        var third = await bot.SendAsync(TeamsPayloads.PersonalMessage.Replace("1714968600000", "1714968600002", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, third.StatusCode);

        bot.Connector.Release();
        var posted = await bot.Connector.WaitForAsync(4);
        Assert.Equal(
            ["1714968600000", "1714968600000", "1714968600001", "1714968600001"],
            posted.Select(p => p.Body.GetProperty("replyToId").GetString()));
    }

    [Fact]
    public async Task Without_an_app_id_activities_are_accepted_and_replies_carry_no_token()
    {
        await using var bot = await BotHarness.StartAsync(authenticated: false);

        var response = await bot.SendAsync(TeamsPayloads.PersonalMessage, token: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var posted = await bot.Connector.WaitForAsync(2);
        Assert.All(posted, p => Assert.Null(p.Authorization));
        Assert.Empty(bot.Login.TokenRequests);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "Timed out waiting for the condition.");
            await Task.Delay(20);
        }
    }
}
