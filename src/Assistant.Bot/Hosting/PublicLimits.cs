using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Assistant.Bot.Hosting;

/// <summary>The "Assistant:Limits" section: what an anonymous client may send and how often.</summary>
public sealed class PublicLimitsOptions
{
    public const string Section = "Assistant:Limits";

    /// <summary>Requests per client IP per minute on public endpoints.</summary>
    public int PerIpPerMinute { get; set; } = 120;

    /// <summary>Largest request body, in bytes, for any endpoint.</summary>
    public long MaxRequestBodyBytes { get; set; } = 256 * 1024;
}

public static class PublicLimits
{
    /// <summary>The rate-limit policy public endpoints (citizen Q&amp;A, Direct Line, widget tokens) carry.</summary>
    public const string Policy = "public";

    /// <summary>Per-IP token buckets → 429 with Retry-After; request body cap at the server.</summary>
    public static IServiceCollection AddPublicLimits(this IServiceCollection services)
    {
        services.AddOptions<PublicLimitsOptions>().BindConfiguration(PublicLimitsOptions.Section);
        services.AddOptions<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>()
            .Configure<IOptions<PublicLimitsOptions>>((kestrel, limits) => kestrel.Limits.MaxRequestBodySize = limits.Value.MaxRequestBodyBytes);
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (context, _) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                }

                return ValueTask.CompletedTask;
            };
            limiter.AddPolicy(Policy, http =>
            {
                var perMinute = http.RequestServices.GetRequiredService<IOptions<PublicLimitsOptions>>().Value.PerIpPerMinute;
                return RateLimitPartition.GetTokenBucketLimiter(
                    http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = perMinute,
                        TokensPerPeriod = perMinute,
                        ReplenishmentPeriod = TimeSpan.FromMinutes(1),
                        QueueLimit = 0,
                        AutoReplenishment = true,
                    });
            });
        });
        return services;
    }
}
