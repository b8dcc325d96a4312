using Assistant.Bot.Storage;
using Assistant.Index;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Assistant.Bot.Hosting;

public static class HealthEndpoints
{
    /// <summary>/healthz: the process answers. /readyz: the plan is loaded and the database opens.</summary>
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/healthz", () => TypedResults.Ok(new { status = "ok" })).ExcludeFromDescription();
        routes.MapGet("/readyz", async Task<Results<Ok<ReadyStatus>, ProblemHttpResult>> (
            PlanRuntime runtime, IDatabase database, ILoggerFactory loggers, CancellationToken cancellationToken) =>
        {
            try
            {
                await database.CheckAsync(cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // 503, so a load balancer sends traffic to the instances that can reach the database.
                loggers.CreateLogger("Assistant.Health").LogWarning(e, "Not ready: the database does not answer");
                return TypedResults.Problem("The database does not answer.", statusCode: StatusCodes.Status503ServiceUnavailable);
            }

            return TypedResults.Ok(new ReadyStatus("ready", runtime.Knowledge.Plan.Measures.Count()));
        }).ExcludeFromDescription();
        return routes;
    }
}

public sealed record ReadyStatus(string Status, int Measures);
