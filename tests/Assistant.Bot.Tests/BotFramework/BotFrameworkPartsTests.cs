using Assistant.Bot.Channels.BotFramework;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Assistant.Bot.Tests.BotFramework;

public sealed class BotFrameworkPartsTests
{
    [Theory]
    [InlineData("https://smba.trafficmanager.net/amer/", "https://smba.trafficmanager.net/amer/v3/conversations/a%3A1/activities/9")]
    [InlineData("https://smba.trafficmanager.net/amer", "https://smba.trafficmanager.net/amer/v3/conversations/a%3A1/activities/9")]
    [InlineData("https://smba.trafficmanager.net/teams//", "https://smba.trafficmanager.net/teams/v3/conversations/a%3A1/activities/9")]
    [InlineData("https://directline.botframework.com", "https://directline.botframework.com/v3/conversations/a%3A1/activities/9")]
    public void Reply_urls_join_serviceUrl_and_path_with_one_slash(string serviceUrl, string expected)
    {
        Assert.Equal(expected, ConnectorClient.ActivitiesUrl(serviceUrl, "a:1", "9").AbsoluteUri);
    }

    [Fact]
    public void Teams_ids_are_escaped_whole_so_they_stay_one_path_segment_each()
    {
        var url = ConnectorClient.ActivitiesUrl("https://smba.trafficmanager.net/apac/", "19:abc@thread.tacv2;messageid=17/x?y#z", "1:1Xy/2");

        Assert.Equal(
            "/apac/v3/conversations/19%3Aabc%40thread.tacv2%3Bmessageid%3D17%2Fx%3Fy%23z/activities/1%3A1Xy%2F2",
            url.GetComponents(UriComponents.Path | UriComponents.KeepDelimiter, UriFormat.UriEscaped));
        Assert.Equal("https://smba.trafficmanager.net/apac/v3/conversations/a%3A1/activities",
            ConnectorClient.ActivitiesUrl("https://smba.trafficmanager.net/apac/", "a:1", null).AbsoluteUri);
    }

    [Theory]
    [InlineData("http://localhost:5000", true)]
    [InlineData("http://127.0.0.1:0", true)]
    [InlineData("http://127.0.0.1:5000", true)]
    [InlineData("http://[::1]:5000", true)]
    [InlineData("http://0.0.0.0:8080", false)]
    [InlineData("http://[::]:8080", false)]
    [InlineData("http://+:80", false)]
    [InlineData("http://*:80", false)]
    [InlineData("https://bot.example.gov.cn", false)]
    [InlineData("http://10.0.0.5:5000", false)]
    public void Loopback_addresses_are_recognised(string address, bool loopback)
    {
        Assert.Equal(loopback, UnauthenticatedMode.IsLoopback(address));
    }

    [Fact]
    public async Task Without_an_app_id_a_server_listening_beyond_loopback_refuses_to_start()
    {
        var guard = new UnauthenticatedMode(Options.Create(new BotFrameworkOptions()), new ListeningServer("http://127.0.0.1:5000", "http://0.0.0.0:8080"),
            NullLogger<UnauthenticatedMode>.Instance);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => guard.StartedAsync(CancellationToken.None));

        Assert.Contains("BotFramework:AppId", error.Message, StringComparison.Ordinal);
        Assert.Contains("http://0.0.0.0:8080", error.Message, StringComparison.Ordinal);
        Assert.False(guard.Allowed);
    }

    [Fact]
    public async Task Without_an_app_id_a_loopback_server_runs_unauthenticated_and_with_one_it_never_does()
    {
        var loopback = new ListeningServer("http://localhost:5000", "http://127.0.0.1:5001");
        var development = new UnauthenticatedMode(Options.Create(new BotFrameworkOptions()), loopback, NullLogger<UnauthenticatedMode>.Instance);
        var production = new UnauthenticatedMode(Options.Create(new BotFrameworkOptions { AppId = "app", AppPassword = "secret" }),
            new ListeningServer("http://0.0.0.0:8080"), NullLogger<UnauthenticatedMode>.Instance);

        await development.StartedAsync(CancellationToken.None);
        await production.StartedAsync(CancellationToken.None);

        Assert.True(development.Allowed);
        Assert.False(production.Allowed);
    }

    [Fact]
    public void Outbound_tokens_come_from_the_multi_tenant_or_the_bots_own_tenant()
    {
        Assert.Equal("https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token", new BotFrameworkOptions().ResolvedTokenEndpoint);
        Assert.Equal("https://login.microsoftonline.com/5e1f2a3b-0000-4c1d-9e8f-112233445566/oauth2/v2.0/token",
            new BotFrameworkOptions { TenantId = "5e1f2a3b-0000-4c1d-9e8f-112233445566" }.ResolvedTokenEndpoint);
    }

    [Fact]
    public async Task An_app_id_without_a_password_fails_at_start()
    {
        await using var app = new AssistantApplication(new Dictionary<string, string?> { ["BotFramework:AppId"] = "app" });

        var error = Assert.Throws<OptionsValidationException>(() => app.CreateClient());

        Assert.Contains("BotFramework:AppPassword", error.Message, StringComparison.Ordinal);
    }

    /// <summary>An IServer that only reports the addresses it listens on.</summary>
    private sealed class ListeningServer : IServer
    {
        public ListeningServer(params string[] addresses)
        {
            var feature = new ServerAddressesFeature();
            foreach (var address in addresses)
            {
                feature.Addresses.Add(address);
            }

            Features.Set<IServerAddressesFeature>(feature);
        }

        public IFeatureCollection Features { get; } = new FeatureCollection();

        public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken) where TContext : notnull => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public void Dispose()
        {
        }
    }
}
