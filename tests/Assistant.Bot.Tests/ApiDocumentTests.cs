using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Assistant.Bot.Tests;

/// <summary>
/// /openapi/v1.json describes every route the server maps, read from the routing table at run time, so a route added
/// later fails here until it has what a client needs: a summary, a typed success response, its errors (problem+json), and
/// a schema for any body. Routes left out on purpose are listed below with the reason.
/// </summary>
public sealed class ApiDocumentTests(ITestOutputHelper output)
{
    /// <summary>Routes deliberately not in the document ("METHOD /path"), and why.</summary>
    private static readonly Dictionary<string, string> Hidden = new(StringComparer.Ordinal)
    {
        ["GET /favicon.ico"] = "the site icon, not an API",
        ["GET /staff"] = "the staff page (HTML); its data comes from the documented /api/staff and /api/progress routes",
        ["GET /operator/login"] = "the operator page's login page (HTML); POST /operator/login is documented",
        ["GET /operator/login.js"] = "a file of the operator page's login page",
        ["GET /operator/login.css"] = "a file of the operator page's login page",
        ["GET /operator/{file}"] = "the operator page's files (HTML, JavaScript, CSS)",
        ["GET /v3/directline/conversations/{conversationId}/stream"] = "a WebSocket (the Direct Line stream), which OpenAPI cannot describe; its streamUrl comes from POST /conversations",
        ["ANY /metrics"] = "the Prometheus exporter's endpoint, in Prometheus' text format (README: Metrics)",
        ["GET /openapi/{documentName}.json"] = "the API document itself",
        ["GET /scalar/*"] = "the API reference page (HTML) and its scripts",
    };

    /// <summary>Routes whose success answer has no body by protocol ("METHOD /path"), and why.</summary>
    private static readonly Dictionary<string, string> BodilessSuccess = new(StringComparer.Ordinal)
    {
        ["POST /api/messages"] = "the Bot Framework protocol acknowledges a message with 200 and no body",
    };

    /// <summary>Channels whose protocol defines its own error body, so their errors are not problem+json.</summary>
    private static readonly string[] OwnErrorFormat = ["/v3/directline/", "/api/messages"];

    [Fact]
    public async Task Every_mapped_route_is_in_the_api_document_with_schemas_and_errors()
    {
        await using var app = new AssistantApplication();
        using var client = app.CreateClient();
        using var response = await client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var paths = document.RootElement.GetProperty("paths").EnumerateObject()
            .ToDictionary(p => Normalise(p.Name), p => p.Value, StringComparer.Ordinal);

        var routes = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["ANY"])
                .Select(method => (Method: method, Path: PathOf(e.RoutePattern), Endpoint: e)))
            .Where(r => r.Method != HttpMethods.Options && r.Method != HttpMethods.Head)
            .ToList();
        var problems = new List<string>();
        foreach (var (method, path, endpoint) in routes)
        {
            var route = $"{method} {path}";
            output.WriteLine(route);
            var excluded = endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IExcludeFromDescriptionMetadata>()?.ExcludeFromDescription == true;
            if (HiddenReason(route) is not null)
            {
                if (!excluded)
                {
                    problems.Add($"{route}: listed as hidden, but it is not excluded from the description (.ExcludeFromDescription())");
                }

                continue;
            }

            if (excluded)
            {
                problems.Add($"{route}: excluded from the API document; document it, or list it in {nameof(ApiDocumentTests)}.{nameof(Hidden)} with the reason");
                continue;
            }

            if (!paths.TryGetValue(path, out var item) || !item.TryGetProperty(method.ToLowerInvariant(), out var operation))
            {
                problems.Add($"{route}: not in /openapi/v1.json (a route the API explorer cannot see: give it an HTTP method, or hide it with a reason)");
                continue;
            }

            problems.AddRange(Check(operation, path, BodilessSuccess.ContainsKey(route)).Select(missing => $"{route}: {missing}"));
        }

        var mapped = routes.Select(r => $"{r.Method} {r.Path}").ToHashSet(StringComparer.Ordinal);
        problems.AddRange(Hidden.Keys.Where(k => !mapped.Any(m => HiddenReason(m) is not null && Matches(k, m)))
            .Select(k => $"{k}: listed as hidden but no longer mapped; remove it from the list"));
        Assert.True(problems.Count == 0, "The API document is missing what clients need:\n" + string.Join("\n", problems));
    }

    [Fact]
    public async Task The_reference_page_runs_its_own_scripts_and_no_other_page_gets_its_policy()
    {
        await using var app = new AssistantApplication();
        using var client = app.CreateClient();

        using var page = await client.GetAsync("/scalar/v1");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        var policy = page.Headers.GetValues("Content-Security-Policy").Single();
        var nonce = System.Text.RegularExpressions.Regex.Match(policy, "'nonce-([^']+)'").Groups[1].Value;
        Assert.NotEmpty(nonce);
        // Every script on the page carries the nonce or comes from this server; nothing from a CDN.
        Assert.All(System.Text.RegularExpressions.Regex.Matches(html, "<script[^>]*>").Select(m => m.Value),
            tag => Assert.True(tag.Contains($"nonce=\"{nonce}\"", StringComparison.Ordinal) || !tag.Contains("http", StringComparison.Ordinal), tag));
        Assert.DoesNotContain("cdn.", html, StringComparison.OrdinalIgnoreCase);
        using var again = await client.GetAsync("/scalar/v1");
        Assert.DoesNotContain(nonce, again.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);

        // The public page and the API keep their own, stricter policies.
        using var home = await client.GetAsync("/");
        Assert.DoesNotContain("nonce-", home.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        using var json = await client.GetAsync("/openapi/v1.json");
        Assert.Equal("default-src 'none'; frame-ancestors 'none'", json.Headers.GetValues("Content-Security-Policy").Single());
    }

    private static string? HiddenReason(string route) => Hidden.FirstOrDefault(h => Matches(h.Key, route)).Value;

    /// <summary>"GET /scalar/*" matches every GET route under /scalar/.</summary>
    private static bool Matches(string listed, string route) =>
        listed.EndsWith('*') ? route.StartsWith(listed[..^1], StringComparison.Ordinal) : listed == route;

    private static IEnumerable<string> Check(JsonElement operation, string path, bool bodilessSuccess)
    {
        if (!operation.TryGetProperty("summary", out var summary) || string.IsNullOrWhiteSpace(summary.GetString()))
        {
            yield return "no summary (.WithSummary(...))";
        }

        if (operation.TryGetProperty("requestBody", out var body) && !HasSchema(body))
        {
            yield return "a request body without a schema (a typed [FromBody] parameter, or .Accepts<T>(...))";
        }

        var responses = operation.TryGetProperty("responses", out var r) ? r.EnumerateObject().ToList() : [];
        var success = responses.Where(x => x.Name.StartsWith('2')).ToList();
        if (success.Count == 0)
        {
            yield return "no success response (.Produces<T>(...) or a TypedResults return type)";
        }

        foreach (var s in success.Where(s => s.Name != "204" && !bodilessSuccess && !HasSchema(s.Value)))
        {
            yield return $"success response {s.Name} without a schema (.Produces<T>({s.Name}))";
        }

        var errors = responses.Where(x => x.Name.StartsWith('4') || x.Name.StartsWith('5')).ToList();
        if (errors.Count == 0)
        {
            yield return "no error response (.ProducesProblem(...))";
        }

        if (!OwnErrorFormat.Any(prefix => path.StartsWith(prefix, StringComparison.Ordinal)))
        {
            foreach (var e in errors.Where(e => !e.Value.TryGetProperty("content", out var content) || !content.TryGetProperty("application/problem+json", out _)))
            {
                yield return $"error response {e.Name} is not described as application/problem+json (.ProducesProblem({e.Name}))";
            }
        }
    }

    private static bool HasSchema(JsonElement withContent) =>
        withContent.TryGetProperty("content", out var content)
        && content.EnumerateObject().Any() && content.EnumerateObject().All(c => c.Value.TryGetProperty("schema", out _));

    /// <summary>/api/tasks/{reference}: literals and parameter names, without constraints, defaults or a trailing slash.</summary>
    private static string PathOf(RoutePattern pattern) => Normalise("/" + string.Join('/', pattern.PathSegments.Select(segment =>
        string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternSeparatorPart separator => separator.Content,
            RoutePatternParameterPart parameter => "{" + parameter.Name + "}",
            _ => "",
        })))));

    private static string Normalise(string path) => path.Length > 1 ? path.TrimEnd('/') : path;
}
