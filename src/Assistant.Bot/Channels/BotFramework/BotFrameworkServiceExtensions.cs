using System.Net;
using Assistant.Bot.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Assistant.Bot.Storage;
using Microsoft.Extensions.Options;

namespace Assistant.Bot.Channels.BotFramework;

public static class BotFrameworkServiceExtensions
{
    internal const string MetadataClient = "BotFramework.Metadata";
    internal const string TokenClient = "BotFramework.Token";
    internal const string ConnectorClient = "BotFramework.Connector";
    internal const string GraphClient = "BotFramework.Graph";

    /// <summary>The Bot Framework channel: options, token validation, outbound token and connector, the activity queue and its worker.</summary>
    public static IServiceCollection AddBotFramework(this IServiceCollection services)
    {
        services.AddOptions<BotFrameworkOptions>()
            .BindConfiguration(BotFrameworkOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddHttpClient(MetadataClient, c => c.Timeout = TimeSpan.FromSeconds(30));
        services.AddHttpClient(TokenClient, c => c.Timeout = TimeSpan.FromSeconds(30));
        services.AddHttpClient(ConnectorClient, c => c.Timeout = TimeSpan.FromSeconds(30));
        services.AddHttpClient(GraphClient, c => c.Timeout = TimeSpan.FromSeconds(15));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ChannelTokenValidator>();
        services.AddSingleton<BotTokenProvider>();
        services.AddSingleton<ConnectorClient>();
        services.AddSingleton<EntraGroups>();
        services.AddSingleton<TeamsRoles>();
        services.AddSingleton<ActivityProcessor>();
        services.AddSingleton<ActivityQueue>();
        services.AddSingleton<ISqliteSchema, ActivityInboxSchema>();
        services.AddSingleton<IPostgresSchema, ActivityInboxSchema>();
        services.AddStore<IActivityInbox, SqliteActivityInbox, PostgresActivityInbox>();
        // The worker answers through the conversation service, built from the plan: it starts once the plan has loaded
        // (a message posted meanwhile waits for the plan before it is acknowledged). The keeper takes over what an earlier
        // instance left only then too: claimed entries waiting seconds in the queue could see their lease run out and be
        // claimed, and answered, twice.
        services.AddHostedServiceAfterPlan(sp => ActivatorUtilities.CreateInstance<ActivityWorker>(sp));
        services.AddHostedServiceAfterPlan(sp => ActivatorUtilities.CreateInstance<ActivityInboxKeeper>(sp));
        services.AddSingleton<UnauthenticatedMode>();
        services.AddHostedService(sp => sp.GetRequiredService<UnauthenticatedMode>());
        return services;
    }
}

/// <summary>
/// With no app id the endpoint cannot authenticate anyone, which is acceptable only for local development: once the
/// server has bound its addresses, this allows it if every one is loopback and otherwise fails the start-up.
/// Until then (and after a refusal) unauthenticated activities are refused.
/// </summary>
internal sealed class UnauthenticatedMode(IOptions<BotFrameworkOptions> options, IServer server, ILogger<UnauthenticatedMode> logger)
    : IHostedLifecycleService
{
    private volatile bool _allowed;

    public bool Allowed => _allowed;

    public Task StartedAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.Enabled || settings.IsAuthenticated)
        {
            return Task.CompletedTask;
        }

        // An in-process server (tests) has no addresses feature and no network listener.
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var exposed = addresses.Where(a => !IsLoopback(a)).ToList();
        if (exposed.Count > 0)
        {
            throw new InvalidOperationException(
                $"BotFramework:AppId is empty, so POST /api/messages could not authenticate callers, and the server listens on " +
                $"{string.Join(", ", exposed)}. Set BotFramework:AppId and BotFramework:AppPassword, listen on 127.0.0.1 only, " +
                "or set BotFramework:Enabled=false.");
        }

        logger.LogWarning("BotFramework:AppId is empty: /api/messages accepts unauthenticated activities (loopback only, for local development)");
        _allowed = true;
        return Task.CompletedTask;
    }

    /// <summary>http://localhost:5000, http://127.0.0.1:0, http://[::1]:5000 — not http://+:80, http://*:80, http://0.0.0.0:80.</summary>
    internal static bool IsLoopback(string address)
    {
        // "+" and "*" are not valid URI hosts; they bind every interface anyway.
        if (!Uri.TryCreate(address.Replace("://+", "://any", StringComparison.Ordinal).Replace("://*", "://any", StringComparison.Ordinal),
                UriKind.Absolute, out var uri))
        {
            return false;
        }

        return string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
