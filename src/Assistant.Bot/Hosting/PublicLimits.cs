using System.Globalization;
using System.Threading.RateLimiting;
using Assistant.Bot.Security;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Assistant.Bot.Hosting;

/// <summary>The "Assistant:Limits" section: what a client may send and how often.</summary>
public sealed class PublicLimitsOptions
{
    public const string Section = "Assistant:Limits";

    /// <summary>Requests per anonymous client IP per minute on public endpoints.</summary>
    public int PerIpPerMinute { get; set; } = 120;

    /// <summary>Requests per minute for each authenticated client (an API key, a token's subject): their own partition.</summary>
    public int AuthenticatedPerMinute { get; set; } = 6000;

    /// <summary>Operator page login attempts per client IP per minute.</summary>
    public int LoginsPerMinute { get; set; } = 10;

    /// <summary>Questions one conversation may ask per minute (/api/ask with a conversationId, Teams conversations).</summary>
    public int PerConversationPerMinute { get; set; } = 30;

    /// <summary>Largest request body, in bytes, for any endpoint.</summary>
    public long MaxRequestBodyBytes { get; set; } = 256 * 1024;

    /// <summary>Largest /api/ask body, in bytes (a 1,000-character question escaped as JSON is about 6 KB).</summary>
    public long MaxAskBodyBytes { get; set; } = 16 * 1024;
}

public static class PublicLimits
{
    /// <summary>The rate-limit policy every endpoint group outside the channels carries: per IP, or per authenticated client.</summary>
    public const string Policy = "public";

    /// <summary>Operator page logins, per IP.</summary>
    public const string LoginPolicy = "login";

    /// <summary>
    /// Token buckets → 429 with Retry-After: anonymous clients share one bucket per IP; clients holding a role (API key,
    /// bearer token, operator session) get a bucket of their own, so an office behind one address is not throttled as one
    /// citizen. Request bodies are capped at the server.
    /// </summary>
    public static IServiceCollection AddPublicLimits(this IServiceCollection services)
    {
        services.AddOptions<PublicLimitsOptions>().BindConfiguration(PublicLimitsOptions.Section);
        services.AddOptions<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>()
            .Configure<IOptions<PublicLimitsOptions>>((kestrel, limits) => kestrel.Limits.MaxRequestBodySize = limits.Value.MaxRequestBodyBytes);
        services.AddSingleton<ConversationLimits>();
        services.AddExceptionHandler<ClientErrorHandler>();
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (context, _) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    context.HttpContext.Response.Headers.RetryAfter = RetryAfterSeconds(retryAfter);
                }

                return ValueTask.CompletedTask;
            };
            limiter.AddPolicy(Policy, http =>
            {
                var limits = http.RequestServices.GetRequiredService<IOptions<PublicLimitsOptions>>().Value;
                return AuthSchemes.RoleOf(http.User) == Roles.Citizen
                    ? PerMinute("ip:" + ClientAddress(http), limits.PerIpPerMinute)
                    : PerMinute("user:" + http.User.Identity!.Name, limits.AuthenticatedPerMinute);
            });
            limiter.AddPolicy(LoginPolicy, http => PerMinute(
                "login:" + ClientAddress(http), http.RequestServices.GetRequiredService<IOptions<PublicLimitsOptions>>().Value.LoginsPerMinute));
        });
        return services;
    }

    /// <summary>Whole seconds, at least 1: a Retry-After of 0 would invite an immediate retry.</summary>
    public static string RetryAfterSeconds(TimeSpan wait) =>
        Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    private static string ClientAddress(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static RateLimitPartition<string> PerMinute(string key, int permits) =>
        RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = permits,
            TokensPerPeriod = permits,
            ReplenishmentPeriod = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
}

/// <summary>
/// A fixed number of permits per key (a conversation, a client address) per minute. Idle partitions are dropped by the
/// limiter itself.
/// </summary>
public sealed class PerMinuteLimiter(int permits) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(key =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));

    /// <summary>Null when the key may go ahead now; otherwise how long to wait.</summary>
    public TimeSpan? Take(string key)
    {
        using var lease = _limiter.AttemptAcquire(key);
        if (lease.IsAcquired)
        {
            return null;
        }

        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
    }

    public void Dispose() => _limiter.Dispose();
}

/// <summary>
/// Questions per conversation per minute, so one conversation cannot keep the answer engine and its stored context
/// busy from many addresses.
/// </summary>
public sealed class ConversationLimits(IOptions<PublicLimitsOptions> options) : IDisposable
{
    private readonly PerMinuteLimiter _limiter = new(options.Value.PerConversationPerMinute);

    /// <summary>Null when the conversation may ask now; otherwise how long to wait.</summary>
    public TimeSpan? Ask(string conversationId) => _limiter.Take(conversationId);

    public void Dispose() => _limiter.Dispose();
}

/// <summary>
/// Kestrel's own refusals surface as <see cref="BadHttpRequestException"/> wherever a handler reads the body (a chunked
/// body past Assistant:Limits:MaxRequestBodyBytes, a client too slow to send): answered with their status (413, 408, 400)
/// as problem+json for every endpoint, never as a 500.
/// </summary>
internal sealed class ClientErrorHandler(IProblemDetailsService problems) : Microsoft.AspNetCore.Diagnostics.IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad || http.Response.HasStarted)
        {
            return false;
        }

        http.Response.StatusCode = bad.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails =
            {
                Status = bad.StatusCode,
                Detail = bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "The request body is too large." : "The request could not be read.",
            },
        });
    }
}
