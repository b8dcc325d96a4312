namespace Assistant.Bot.Progress;

/// <summary>
/// The staff page: static files in wwwroot/staff (no data in them; everything comes from /api with the unit's key, which
/// the page keeps for the browser tab only). /staff → /staff/ so relative paths resolve.
/// </summary>
public static class StaffPage
{
    public static IEndpointRouteBuilder MapStaffPage(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/staff", () => TypedResults.Redirect("/staff/")).ExcludeFromDescription();
        return routes;
    }
}
