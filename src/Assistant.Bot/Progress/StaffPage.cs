using Assistant.Bot.Api;

namespace Assistant.Bot.Progress;

/// <summary>
/// The staff page: static files in wwwroot/staff (no data in them; everything comes from /api with the unit's key, which
/// the page keeps for the browser tab only). /staff (with or without the slash) is its index.
/// </summary>
public static class StaffPage
{
    public static IEndpointRouteBuilder MapStaffPage(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/staff", (IWebHostEnvironment env) =>
            env.WebRootFileProvider.GetFileInfo("staff/index.html") is { Exists: true } page
                ? (IResult)TypedResults.Stream(page.CreateReadStream(), "text/html; charset=utf-8")
                : Problems.NotFound("No such page."))
            .ExcludeFromDescription();
        return routes;
    }
}
