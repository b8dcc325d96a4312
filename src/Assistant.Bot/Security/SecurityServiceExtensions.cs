using System.Net;
using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Assistant.Bot.Hosting;
using Assistant.Bot.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Assistant.Bot.Security;

public static class SecurityServiceExtensions
{
    /// <summary>The operator page's session cookie: host-only, HTTPS-only, never sent cross-site, unreadable by scripts.</summary>
    public const string SessionCookie = "__Host-assistant-operator";

    /// <summary>
    /// Who is calling and what they may do: API keys (X-Api-Key), OIDC bearer tokens when Assistant:Auth:Authority is set,
    /// the operator page's session cookie; one policy per role; data-protection keys (which seal the cookie) in the data folder.
    /// </summary>
    public static IServiceCollection AddAssistantSecurity(this IServiceCollection services)
    {
        services.AddOptions<AuthOptions>()
            .BindConfiguration(AuthOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<AssistantOptions>()
            .Validate(o => KeysAreSound(o), "Assistant:OperatorApiKey, StaffApiKey and AdminApiKey must each be at least 16 characters and differ from each other");
        // API JSON keeps Chinese readable but always escapes <, >, &, quotes: no response ever holds raw markup.
        // A body with a key twice is ambiguous (which one did a proxy or a log see?): 400, for every JSON endpoint.
        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All);
            json.SerializerOptions.AllowDuplicateProperties = false;
        });
        // Request log lines never carry the query of Direct Line (stream tokens) or operator paths, whatever the log levels.
        services.AddRequestLogRedaction();
        services.AddSingleton<RoleMap>();
        services.AddSingleton(sp => new ApiKeys(sp.GetRequiredService<IOptions<AssistantOptions>>().Value, sp.GetRequiredService<ISecretStore>()));
        services.AddHostedService<OperatorKeyNotice>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<OperatorSessionSchema>();
        services.AddSingleton<ISqliteSchema>(sp => sp.GetRequiredService<OperatorSessionSchema>());
        services.AddSingleton<IPostgresSchema>(sp => sp.GetRequiredService<OperatorSessionSchema>());
        services.AddStore<IOperatorSessionStore, SqliteOperatorSessionStore, PostgresOperatorSessionStore>();
        services.AddSingleton<OperatorSessions>();
        services.AddHostedService<OperatorSessionSweep>();

        services.AddDataProtection().SetApplicationName("Assistant");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(keys =>
        {
            if (sp.GetRequiredService<IConfiguration>().UsesPostgres())
            {
                // Several instances: a session begun on one must be good on the others.
                keys.XmlRepository = new PostgresKeyRepository(sp.GetRequiredService<PostgresDatabase>());
                return;
            }

            var folder = DataFolder.CreateFolder(Path.Combine(sp.DataDirectory(), "keys"));

            // Sessions survive a restart, and nothing is written to the user's home folder; key files are owner-only.
            keys.XmlRepository = new OwnerOnlyXmlRepository(
                new FileSystemXmlRepository(new DirectoryInfo(folder), sp.GetRequiredService<ILoggerFactory>()), folder);
        }));

        services.AddAuthentication(AuthSchemes.Default)
            .AddPolicyScheme(AuthSchemes.Default, "API key, bearer token or operator session", scheme => scheme.ForwardDefaultSelector = SelectScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(AuthSchemes.ApiKey, null)
            .AddCookie(AuthSchemes.Session, ConfigureSession)
            .AddJwtBearer(AuthSchemes.Bearer);
        services.AddOptions<CookieAuthenticationOptions>(AuthSchemes.Session)
            .Configure<IOptions<AuthOptions>>((cookie, auth) => cookie.ExpireTimeSpan = TimeSpan.FromHours(auth.Value.SessionHours));
        services.AddOptions<JwtBearerOptions>(AuthSchemes.Bearer).Configure<IOptions<AuthOptions>>((jwt, auth) => ConfigureBearer(jwt, auth.Value));

        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Staff, policy => policy.RequireRole(Roles.AtLeast(Roles.Staff)))
            .AddPolicy(Policies.Operator, policy => policy.RequireRole(Roles.AtLeast(Roles.Operator)))
            .AddPolicy(Policies.Admin, policy => policy.RequireRole(Roles.AtLeast(Roles.Admin)));
        return services;
    }

    /// <summary>
    /// An X-Api-Key header → the key; a bearer token → OIDC when configured, except on Direct Line and /api/messages,
    /// whose bearer tokens are their own (Direct Line tokens, Bot Connector JWTs); otherwise the session cookie, if any.
    /// </summary>
    private static string SelectScheme(HttpContext context)
    {
        var request = context.Request;
        if (request.Headers.ContainsKey(ApiKeyAuthenticationHandler.Header))
        {
            return AuthSchemes.ApiKey;
        }

        if (request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            && context.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value.UsesBearerTokens
            && !request.Path.StartsWithSegments("/v3/directline", StringComparison.OrdinalIgnoreCase)
            && !request.Path.StartsWithSegments("/api/messages", StringComparison.OrdinalIgnoreCase))
        {
            return AuthSchemes.Bearer;
        }

        return AuthSchemes.Session;
    }

    private static void ConfigureSession(CookieAuthenticationOptions cookie)
    {
        cookie.Cookie.Name = SessionCookie;
        cookie.Cookie.HttpOnly = true;
        cookie.Cookie.SecurePolicy = CookieSecurePolicy.Always;
        cookie.Cookie.SameSite = SameSiteMode.Strict;
        cookie.Cookie.Path = "/";
        cookie.SlidingExpiration = true;
        cookie.Events = new CookieAuthenticationEvents
        {
            // The page goes to its login; API calls get a status, never a redirect to HTML.
            OnRedirectToLogin = context =>
            {
                if (HttpMethods.IsGet(context.Request.Method) && context.Request.Path.StartsWithSegments("/operator", StringComparison.OrdinalIgnoreCase))
                {
                    context.Response.Redirect(Hotline.OperatorPage.LoginPath);
                }
                else
                {
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                }

                return Task.CompletedTask;
            },
            OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            },
            // A session ends at logout (its row is deleted), at its absolute lifetime, and when the key it was opened with changes.
            OnValidatePrincipal = async context =>
            {
                var services = context.HttpContext.RequestServices;
                if (!services.GetRequiredService<ApiKeys>().IsCurrent(context.Principal?.FindFirst(AuthSchemes.KeyClaim)?.Value)
                    || !await services.GetRequiredService<OperatorSessions>().IsActiveAsync(context.Principal, context.HttpContext.RequestAborted))
                {
                    context.RejectPrincipal();
                    await context.HttpContext.SignOutAsync(AuthSchemes.Session);
                }
            },
        };
    }

    private static void ConfigureBearer(JwtBearerOptions jwt, AuthOptions auth)
    {
        if (!auth.UsesBearerTokens)
        {
            return;
        }

        jwt.Authority = auth.Authority;
        jwt.Audience = auth.Audience;
        // Plain http only for a provider on this machine (tests, a local Keycloak).
        jwt.RequireHttpsMetadata = !(Uri.TryCreate(auth.Authority, UriKind.Absolute, out var authority) && authority.IsLoopback);
        jwt.MapInboundClaims = false;
        jwt.TokenValidationParameters.NameClaimType = "sub";
        jwt.TokenValidationParameters.RoleClaimType = ClaimTypes.Role;
        jwt.Events = new JwtBearerEvents
        {
            OnTokenValidated = context =>
            {
                var roles = context.HttpContext.RequestServices.GetRequiredService<RoleMap>();
                var identity = (ClaimsIdentity)context.Principal!.Identity!;
                if (auth.TenantIds.Length > 0 && !roles.TrustsTenant(identity.FindFirst("tid")?.Value))
                {
                    context.Fail("The token's tenant is not in Assistant:Auth:TenantIds.");
                    return Task.CompletedTask;
                }

                // Only the mapping below grants roles, whatever claim types the provider emits.
                foreach (var claim in identity.FindAll(ClaimTypes.Role).ToList())
                {
                    identity.RemoveClaim(claim);
                }

                var fromRoleClaims = roles.RoleOf(auth.RoleClaims.SelectMany(type => identity.FindAll(type)).Select(c => c.Value), roleNamesCount: true);
                var fromObjectId = roles.RoleOf(identity.FindAll("oid").Select(c => c.Value));
                identity.AddClaim(new Claim(ClaimTypes.Role, Roles.Higher(fromRoleClaims, fromObjectId)));
                return Task.CompletedTask;
            },
        };
    }

    private static bool KeysAreSound(AssistantOptions options)
    {
        var keys = new[] { options.OperatorApiKey, options.StaffApiKey, options.AdminApiKey }
            .Where(k => !string.IsNullOrWhiteSpace(k))
            .Select(k => k!.Trim())
            .ToList();
        return keys.All(k => k.Length >= 16) && keys.Distinct(StringComparer.Ordinal).Count() == keys.Count;
    }

    /// <summary>
    /// Shows a generated operator key once, with the login URL, when the server has its addresses; later starts say
    /// only where the key is kept.
    /// </summary>
    private sealed class OperatorKeyNotice(ApiKeys keys, IServer server, ILogger<OperatorKeyNotice> logger) : IHostedLifecycleService
    {
        public Task StartedAsync(CancellationToken cancellationToken)
        {
            if (keys.GeneratedOperatorKey is { } key)
            {
                var origin = Origin(server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault());
                logger.LogWarning(
                    "Assistant:OperatorApiKey is not set, so an operator key was generated and stored in {KeyPath}. It is shown this once: " +
                    "{OperatorKey} — log in to the operator page at {LoginUrl}",
                    keys.OperatorKeyPath, key, $"{origin}{Hotline.OperatorPage.LoginPath}#key={key}");
            }
            else if (keys.OperatorKeyFromFile)
            {
                logger.LogInformation("The operator key is in {KeyPath} (Assistant:OperatorApiKey is not set)", keys.OperatorKeyPath);
            }

            return Task.CompletedTask;
        }

        /// <summary>http://+:80, http://0.0.0.0:5000, http://[::]:5000 → http://localhost:…; no address (in-process host) → a relative URL.</summary>
        private static string Origin(string? address)
        {
            if (address is null)
            {
                return "";
            }

            var normalized = address.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal);
            if (!Uri.TryCreate(normalized, UriKind.Absolute, out var uri))
            {
                return "";
            }

            var host = IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && (ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any))
                ? "localhost"
                : uri.Host;
            return $"{uri.Scheme}://{host}:{uri.Port}";
        }

        public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
