using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Assistant.Bot.Tests.BotFramework;

namespace Assistant.Bot.Tests.Security;

/// <summary>
/// Without BotFramework:AppId nothing vouches for an activity: no Teams user holds a role, replies go only to this
/// machine along a path the caller cannot steer, only JSON is read, and each address is rate-limited.
/// </summary>
public sealed class DevelopmentModeTests
{
    private static string Personal(string text) =>
        TeamsPayloads.PersonalMessage.Replace("\"text\": \"餐饮油烟归哪个部门管\"", $"\"text\": {JsonSerializer.Serialize(text)}", StringComparison.Ordinal);

    [Fact]
    public async Task A_claimed_aadObjectId_of_a_listed_operator_gets_no_draft_and_nothing_is_stored()
    {
        // The same settings make this user an operator when the activity is authenticated (TeamsRolesTests).
        await using var bot = await BotHarness.StartAsync(authenticated: false, settings: new Dictionary<string, string?>
        {
            ["Assistant:Auth:TenantIds:0"] = TeamsPayloads.TenantId,
            ["Assistant:Auth:Operators:0"] = "6be3a2f1-9c0e-4d2c-b4b8-3f2a1f8e5a10",
        });

        Assert.Equal(HttpStatusCode.OK, (await bot.SendAsync(Personal("诉求：德胜街道新康社区楼下烧烤店每天晚上油烟特别大"), token: null)).StatusCode);

        var reply = Assert.Single(await bot.Connector.WaitForAsync(1));
        Assert.Contains("仅限接诉即办工作人员", string.Join("", reply.CardTexts), StringComparison.Ordinal);
        using var client = bot.App.CreateOperatorClient();
        Assert.Equal(0, (await client.GetFromJsonAsync<JsonElement>("/api/hotline/drafts")).GetArrayLength());
    }

    [Theory]
    [InlineData("https://smba.trafficmanager.net/amer/")]
    [InlineData("http://example.com/")]
    [InlineData("http://127.0.0.1.nip.io/")]
    [InlineData("{serviceUrl}?steer=")]
    [InlineData("{serviceUrl}#steer")]
    [InlineData("http://user:pass@127.0.0.1:9/")]
    [InlineData("ftp://127.0.0.1/")]
    [InlineData("127.0.0.1:9")]
    public async Task Replies_go_only_to_a_plain_loopback_serviceUrl(string serviceUrl)
    {
        await using var bot = await BotHarness.StartAsync(authenticated: false);
        var payload = TeamsPayloads.PersonalMessage.Replace("{serviceUrl}", serviceUrl, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.BadRequest, (await bot.SendAsync(payload, token: null)).StatusCode);
        // The harness's own loopback connector gets the probe's answer, and nothing else.
        await bot.AssertNothingPostedAsync("a:1Bc2De3Fg4Hi5Jk6Lm7No8Pq9Rs0Tu-Vw_Xy");
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=x")]
    [InlineData(null)]
    public async Task Only_json_bodies_are_read(string? contentType)
    {
        await using var bot = await BotHarness.StartAsync(authenticated: false);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(bot.Activity(TeamsPayloads.PersonalMessage))) };
        if (contentType is not null)
        {
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await bot.Client.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task Each_address_is_rate_limited()
    {
        await using var bot = await BotHarness.StartAsync(authenticated: false, settings: new Dictionary<string, string?> { ["Assistant:Limits:PerIpPerMinute"] = "3" });
        var typing = """{"type": "typing", "channelId": "msteams", "serviceUrl": "{serviceUrl}", "conversation": {"id": "a:1"}}""";

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await bot.SendAsync(typing, token: null)).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }
}
