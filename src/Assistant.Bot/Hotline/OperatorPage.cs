using System.Security.Claims;
using Assistant.Bot.Api;
using Assistant.Bot.Hosting;
using Assistant.Bot.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.StaticFiles;

namespace Assistant.Bot.Hotline;

public sealed record OperatorLoginRequest(string? Key);

/// <summary>
/// The operator page (/operator, files in wwwroot/operator) for operators only, and its login: the key is posted once
/// (JSON, so no other site's form can post it) and exchanged for a session cookie that is HttpOnly, Secure and
/// SameSite=Strict. Mapping /operator/** as endpoints keeps the static-file middleware from serving the page to anyone.
/// </summary>
public static class OperatorPage
{
    public const string LoginPath = "/operator/login";

    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    public static IEndpointRouteBuilder MapOperatorPage(this IEndpointRouteBuilder routes)
    {
        var login = routes.MapGroup("/operator").WithTags("Operator page").RequireRateLimiting(PublicLimits.Policy);
        login.MapGet("/login", (IWebHostEnvironment env) => PageFile(env, "login.html")).ExcludeFromDescription();
        login.MapGet("/login.js", (IWebHostEnvironment env) => PageFile(env, "login.js")).ExcludeFromDescription();
        login.MapGet("/login.css", (IWebHostEnvironment env) => PageFile(env, "login.css")).ExcludeFromDescription();
        login.MapPost("/login", LogInAsync)
            .RequireRateLimiting(PublicLimits.LoginPolicy)
            .WithMetadata(new RequestSizeLimitAttribute(4096))
            .WithName("OperatorLogin")
            .WithSummary("Exchanges an operator key for the operator page's session cookie.");
        login.MapPost("/logout", (Func<HttpContext, OperatorSessions, Task<NoContent>>)LogOutAsync).WithName("OperatorLogout").WithSummary("Ends the operator page's session.");

        var page = routes.MapGroup("/operator").RequireAuthorization(Policies.Operator).RequireRateLimiting(PublicLimits.Policy);
        page.MapGet("/{**file}", (string? file, IWebHostEnvironment env) => PageFile(env, string.IsNullOrEmpty(file) ? "index.html" : file))
            .ExcludeFromDescription();
        return routes;
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> LogInAsync(
        OperatorLoginRequest? request, HttpContext http, ApiKeys keys, OperatorSessions sessions)
    {
        var key = request?.Key?.Trim();
        var role = keys.RoleOf(key);
        if (role is null)
        {
            return TypedResults.Problem(detail: "The key is not valid.", statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized");
        }

        if (!Roles.Grants(role, Roles.Operator))
        {
            return TypedResults.Problem(detail: "This key does not open the operator page.", statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");
        }

        await sessions.SignInAsync(http, $"api-key:{role}", role, new Claim(AuthSchemes.KeyClaim, keys.FingerprintOf(key!)!));
        return TypedResults.NoContent();
    }

    /// <summary>Ends the session on the server too: the cookie, copied or not, opens nothing afterwards.</summary>
    private static async Task<NoContent> LogOutAsync(HttpContext http, OperatorSessions sessions)
    {
        await sessions.SignOutAsync(http);
        return TypedResults.NoContent();
    }

    /// <summary>A file of wwwroot/operator; the file provider refuses paths that leave that folder.</summary>
    private static IResult PageFile(IWebHostEnvironment env, string name)
    {
        var file = env.WebRootFileProvider.GetFileInfo($"operator/{name}");
        if (!file.Exists || file.IsDirectory)
        {
            return Problems.NotFound("No such page.");
        }

        return TypedResults.Stream(file.CreateReadStream(), ContentTypes.TryGetContentType(name, out var type) ? type : "application/octet-stream");
    }
}
