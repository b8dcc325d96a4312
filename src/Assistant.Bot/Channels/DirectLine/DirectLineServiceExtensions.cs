using Assistant.Bot.Storage;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Assistant.Bot.Channels.DirectLine;

public static class DirectLineServiceExtensions
{
    /// <summary>
    /// The CORS policy on /v3/directline: DirectLine:AllowedOrigins, for sites that run their own Web Chat against this
    /// server. The widget needs none: its panel is this server's own page.
    /// </summary>
    public const string CorsPolicy = "DirectLine";

    /// <summary>Direct Line 3.0: options, keys and tokens, the conversation store (SQLite or PostgreSQL), the WebSocket feed, CORS.</summary>
    public static IServiceCollection AddDirectLine(this IServiceCollection services)
    {
        services.AddOptions<DirectLineOptions>()
            .BindConfiguration(DirectLineOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => o.AllowedOrigins.All(Origins.IsOrigin), "DirectLine:AllowedOrigins must be origins such as https://www.example.gov.cn")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ISqliteSchema, DirectLineSchema>();
        services.AddSingleton<IPostgresSchema, PostgresDirectLineSchema>();
        services.AddSingleton(sp => new DirectLineKeys(sp.GetRequiredService<ISecretStore>(),
            sp.GetRequiredService<IOptions<DirectLineOptions>>().Value.Secret, sp.GetRequiredService<ILogger<DirectLineKeys>>()));
        services.AddSingleton<DirectLineTokens>();
        services.AddSingleton<DirectLineAuthentication>();
        services.AddStore<IDirectLineStore, SqliteDirectLineStore, PostgresDirectLineStore>();
        services.AddSingleton<DirectLineLimits>();
        services.AddSingleton<ConversationFeed>();
        services.AddHostedService<PostgresActivityRelay>();
        services.AddSingleton<DirectLineBot>();
        services.AddHostedService<DirectLineRetention>();

        // DirectLine:AllowedOrigins as configured now: adding a site to appsettings.json needs no restart.
        services.TryAddSingleton(typeof(Hosting.LiveOptions<>));
        services.AddSingleton<ICorsPolicyProvider, DirectLineCorsPolicies>();
        services.AddCors();
        return services;
    }

    /// <summary>
    /// The CORS policy on /v3/directline, rebuilt when DirectLine:AllowedOrigins changes. Browsers send Authorization, a
    /// JSON content type, x-ms-bot-agent (directlinejs) and X-Requested-With (RxJS ajax), so every call is preflighted. No
    /// cookies are involved: credentials stay disallowed. Other policy names go to the configured ones.
    /// </summary>
    private sealed class DirectLineCorsPolicies(IOptions<CorsOptions> cors, Hosting.LiveOptions<DirectLineOptions> options) : ICorsPolicyProvider
    {
        private readonly DefaultCorsPolicyProvider _configured = new(cors);
        private (string[] Settings, CorsPolicy Policy)? _current;

        public Task<CorsPolicy?> GetPolicyAsync(HttpContext context, string? policyName)
        {
            if (!string.Equals(policyName, CorsPolicy, StringComparison.Ordinal))
            {
                return _configured.GetPolicyAsync(context, policyName);
            }

            var settings = options.Value.AllowedOrigins;
            if (_current is not { } current || !ReferenceEquals(current.Settings, settings))
            {
                var origins = settings.Where(o => !string.IsNullOrWhiteSpace(o)).Select(o => o.Trim().TrimEnd('/')).ToArray();
                current = (settings, new CorsPolicyBuilder()
                    .WithOrigins(origins)
                    .WithMethods("GET", "POST")
                    .WithHeaders("Authorization", "Content-Type", "Accept", "x-ms-bot-agent", "X-Requested-With")
                    .WithExposedHeaders("Retry-After")
                    .SetPreflightMaxAge(TimeSpan.FromHours(1))
                    .Build());
                _current = current;
            }

            return Task.FromResult<CorsPolicy?>(current.Policy);
        }
    }

    /// <summary>Deletes idle conversations, so the store holds only what the retention setting allows.</summary>
    private sealed class DirectLineRetention(IDirectLineStore store, IOptions<DirectLineOptions> options, TimeProvider clock,
        ILogger<DirectLineRetention> logger) : Hosting.RetentionSweep(clock, logger)
    {
        protected override string What => "idle Direct Line conversations";

        protected override Task<int> DeleteAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
            store.DeleteIdleAsync(now.AddDays(-options.Value.RetentionDays), cancellationToken);
    }
}
