using Assistant.Bot.Storage;
using Assistant.Index;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Assistant.Bot.Hosting;

public static class HealthEndpoints
{
    /// <summary>/healthz: the process answers (from the moment it listens). /readyz: the plan is loaded and the database opens.</summary>
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/healthz", () => TypedResults.Ok(new HealthStatus("ok")))
            .WithTags("Health").WithSummary("Liveness: the process answers.");
        routes.MapGet("/readyz", async Task<Results<Ok<ReadyStatus>, ProblemHttpResult>> (
            LivePlan plan, IDatabase database, ILoggerFactory loggers, CancellationToken cancellationToken) =>
        {
            // 503 while the plan loads (the first seconds after start): a load balancer waits for this instance.
            if (!plan.IsLoaded)
            {
                return TypedResults.Problem("The plan is loading.", statusCode: StatusCodes.Status503ServiceUnavailable);
            }

            var runtime = plan.Current;
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
        }).WithTags("Health").WithSummary("Readiness: the plan is loaded and the database answers.")
            .WithDescription("503 (problem+json) while the plan is still loading after start, or while the database cannot be reached, so a load balancer sends traffic elsewhere.")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return routes;
    }
}

public sealed record HealthStatus(string Status);

public sealed record ReadyStatus(string Status, int Measures);
