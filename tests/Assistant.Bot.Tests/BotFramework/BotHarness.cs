using System.Net.Http.Headers;
using System.Text;

namespace Assistant.Bot.Tests.BotFramework;

/// <summary>
/// The bot under test (the real host, in memory) wired to a loopback login service and a loopback connector,
/// each test with its own.
/// </summary>
public sealed class BotHarness : IAsyncDisposable
{
    private BotHarness(FakeBotLogin login, FakeConnector connector, AssistantApplication app)
    {
        Login = login;
        Connector = connector;
        App = app;
        Client = app.CreateClient();
    }

    public FakeBotLogin Login { get; }

    public FakeConnector Connector { get; }

    public AssistantApplication App { get; }

    public HttpClient Client { get; }

    /// <param name="servicePath">The path serviceUrl carries, as Teams regions do (<c>/amer/</c>); "/" by default.</param>
    /// <param name="authenticated">False runs without an app id (local development mode).</param>
    /// <param name="services">Services to replace (a fake clock).</param>
    public static async Task<BotHarness> StartAsync(
        string? servicePath = null, bool authenticated = true, IDictionary<string, string?>? settings = null,
        Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? services = null)
    {
        var login = await FakeBotLogin.StartAsync();
        var connector = await FakeConnector.StartAsync(servicePath);
        var values = authenticated ? login.BotSettings() : [];
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        return new BotHarness(login, connector, new AssistantApplication(values, services: services));
    }

    /// <summary>The payload addressed to this harness's connector.</summary>
    public string Activity(string payload) => payload.Replace("{serviceUrl}", Connector.ServiceUrl, StringComparison.Ordinal);

    /// <summary>A token the bot must accept for activities from this harness's connector.</summary>
    public string ValidToken() => Login.ChannelToken(Connector.ServiceUrl);

    /// <summary>Posts a payload to /api/messages with a valid token.</summary>
    public Task<HttpResponseMessage> SendAsync(string payload) => SendAsync(payload, ValidToken());

    /// <summary>Posts a payload to /api/messages; a null token sends no Authorization header.</summary>
    public async Task<HttpResponseMessage> SendAsync(string payload, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(Activity(payload), Encoding.UTF8, "application/json"),
        };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await Client.SendAsync(request);
    }

    /// <summary>
    /// Proves, without a sleep, that nothing was posted for what was sent to <paramref name="conversationId"/> so far:
    /// a valid message in that conversation (queued behind anything sent before, answered in order) is sent and
    /// waited for, and every post must be a reply to it.
    /// </summary>
    public async Task AssertNothingPostedAsync(string conversationId)
    {
        var probe = TeamsPayloads.PersonalMessage
            .Replace("1714968600000", "probe-1", StringComparison.Ordinal)
            .Replace("a:1Bc2De3Fg4Hi5Jk6Lm7No8Pq9Rs0Tu-Vw_Xy", conversationId, StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await SendAsync(probe)).StatusCode);
        var posted = await Connector.WaitForAsync(2);
        Assert.Equal(2, posted.Count);
        Assert.All(posted, p => Assert.Equal("probe-1", p.Body.GetProperty("replyToId").GetString()));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.DisposeAsync();
        await Connector.DisposeAsync();
        await Login.DisposeAsync();
    }
}
