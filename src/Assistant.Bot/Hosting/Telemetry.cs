using Assistant.Bot.Security;
using OpenTelemetry.Metrics;

namespace Assistant.Bot.Hosting;

/// <summary>
/// Metrics out of the process: the assistant's own meter (questions by intent and channel, unanswered questions, answer
/// latency, model fallbacks) and ASP.NET Core's (requests by route and status, rate-limit refusals), scraped from
/// <c>GET /metrics</c> in the Prometheus text format by an admin, and pushed over OTLP when
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (the standard OpenTelemetry variables configure the rest).
/// </summary>
public static class Telemetry
{
    public const string ScrapePath = "/metrics";

    private static readonly string[] Meters =
    [
        AssistantMetrics.MeterName,
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.AspNetCore.RateLimiting",
    ];

    public static IServiceCollection AddAssistantTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOpenTelemetry().WithMetrics(metrics =>
        {
            metrics.AddMeter(Meters).AddPrometheusExporter();
            if (!string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
            {
                metrics.AddOtlpExporter();
            }
        });
        return services;
    }

    /// <summary>The scrape endpoint; admins only (X-Api-Key with Assistant:AdminApiKey, or an OIDC admin token).</summary>
    public static IEndpointRouteBuilder MapMetrics(this IEndpointRouteBuilder routes)
    {
        // Not in the API document: the exporter's own endpoint, in Prometheus' text format (README: Metrics).
        routes.MapPrometheusScrapingEndpoint(ScrapePath).RequireAuthorization(Policies.Admin).ExcludeFromDescription();
        return routes;
    }
}
