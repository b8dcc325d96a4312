using System.Net;
using System.Net.Http.Json;
using System.Text;
using Assistant.Bot.Tests.DirectLine;

namespace Assistant.Bot.Tests.Security;

/// <summary>How often and how much: per-IP and per-conversation rates for citizens, a partition of their own for authenticated clients, body sizes.</summary>
public sealed class LimitsTests
{
    private const string Question = "餐饮油烟归哪个部门管";

    [Fact]
    public async Task Authenticated_clients_are_not_held_to_the_per_ip_limit()
    {
        await using var app = new AssistantApplication(new Dictionary<string, string?> { ["Assistant:Limits:PerIpPerMinute"] = "3" });
        using var citizen = app.CreateClient();
        using var operatorClient = app.CreateOperatorClient();

        var citizenStatuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            citizenStatuses.Add((await citizen.PostAsJsonAsync("/api/ask", new { question = Question })).StatusCode);
        }

        var operatorStatuses = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++)
        {
            operatorStatuses.Add((await operatorClient.PostAsJsonAsync("/api/ask", new { question = Question })).StatusCode);
        }

        // The same address, still limited for anonymous calls.
        var again = await citizen.GetAsync("/api/tasks/附件1-15");

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], citizenStatuses);
        Assert.All(operatorStatuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, again.StatusCode);
        Assert.True(int.Parse(again.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
    }

    [Fact]
    public async Task One_conversation_may_ask_only_so_often()
    {
        await using var app = new AssistantApplication(new Dictionary<string, string?> { ["Assistant:Limits:PerConversationPerMinute"] = "2" });
        using var client = app.CreateClient();

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 3; i++)
        {
            last = await client.PostAsJsonAsync("/api/ask", new { question = Question, conversationId = "busy-conversation" });
            statuses.Add(last.StatusCode);
        }

        var other = await client.PostAsJsonAsync("/api/ask", new { question = Question, conversationId = "another-conversation" });

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.True(last!.Headers.Contains("Retry-After"));
        Assert.Equal("application/problem+json", last.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task A_teams_conversation_may_ask_only_so_often()
    {
        await using var bot = await BotFramework.BotHarness.StartAsync(settings: new Dictionary<string, string?> { ["Assistant:Limits:PerConversationPerMinute"] = "2" });

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 3; i++)
        {
            last = await bot.SendAsync(BotFramework.TeamsPayloads.PersonalMessage.Replace("1714968600000", $"17149686000{i:D2}", StringComparison.Ordinal));
            statuses.Add(last.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.True(last!.Headers.Contains("Retry-After"));
        // The two accepted ones are answered (typing + card each); the third was never queued.
        Assert.Equal(4, (await bot.Connector.WaitForAsync(4)).Count);
    }

    [Fact]
    public async Task Login_attempts_are_limited_per_address()
    {
        await using var app = new AssistantApplication(new Dictionary<string, string?> { ["Assistant:Limits:LoginsPerMinute"] = "3" });
        using var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false });

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await client.PostAsJsonAsync("/operator/login", new { key = $"guess-number-{i}-of-many" })).StatusCode);
        }

        // Even the right key waits once the address has used its attempts.
        var right = await client.PostAsJsonAsync("/operator/login", new { key = AssistantApplication.OperatorKey });

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
        Assert.True(right.Headers.Contains("Retry-After"));
    }

    [Fact]
    public async Task Bodies_over_their_endpoints_limit_are_refused_by_the_server()
    {
        await using var app = new AssistantApplication(DirectLineTestClient.Settings());
        var server = app.StartOnLoopback();
        using var client = new HttpClient { BaseAddress = server };
        client.DefaultRequestHeaders.Add("X-Api-Key", AssistantApplication.OperatorKey);

        // /api/ask takes 16 KB; a long question under it is a 400 with the reason, a body over it a 413.
        var underAsk = await client.PostAsync("/api/ask", Json($$"""{"question":"{{new string('x', 15_000)}}"}"""));
        var overAsk = await client.PostAsync("/api/ask", Json($$"""{"question":"{{new string('x', 20_000)}}"}"""));
        // Everything else: 256 KB.
        var overHotline = await client.PostAsync("/api/hotline/drafts", Json($$"""{"complaint":"{{new string('x', 300_000)}}"}"""));
        var overLogin = await client.PostAsync("/operator/login", Json($$"""{"key":"{{new string('x', 5_000)}}"}"""));
        var dl = new DirectLineTestClient(client);
        var (conversationId, token, _) = await dl.StartAsync();
        var (overActivity, _) = await dl.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{conversationId}/activities", token,
            $$"""{"type":"message","from":{"id":"u"},"text":"{{new string('x', 20_000)}}"}""");

        Assert.Equal(HttpStatusCode.BadRequest, underAsk.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, overAsk.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, overHotline.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, overLogin.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, overActivity);
        // The server is fine afterwards.
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/ask", new { question = Question })).StatusCode);
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
