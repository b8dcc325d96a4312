using Assistant.Bot.Storage;
using Assistant.Index;

namespace Assistant.Bot.Hosting;

public static class HealthEndpoints
{
    /// <summary>/healthz: the process answers. /readyz: the plan is loaded and the database opens.</summary>
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/healthz", () => TypedResults.Ok(new { status = "ok" })).ExcludeFromDescription();
        routes.MapGet("/readyz", async (PlanRuntime runtime, SqliteDatabase database, CancellationToken cancellationToken) =>
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            return TypedResults.Ok(new { status = "ready", measures = runtime.Knowledge.Plan.Measures.Count() });
        }).ExcludeFromDescription();
        return routes;
    }
}
