using System.Security.Cryptography;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Assistant.Bot.Api;

/// <summary>
/// The API described: /openapi/v1.json (OpenAPI 3.1, from the endpoints' own metadata: request and response types,
/// summaries, problem+json errors) and a reference page to read it, /scalar/, served from the package (no CDN).
/// </summary>
public static class ApiDocument
{
    public const string DocumentPath = "/openapi/v1.json";

    public const string ReferencePath = "/scalar";

    private const string ProblemJson = "application/problem+json";

    public static IServiceCollection AddApiDocument(this IServiceCollection services) => services.AddOpenApi(options =>
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "西城政策助手 API",
                Version = "v1",
                Description = "Questions and lookups on the Xicheng District 2024 pollution-prevention action plan (西政办发〔2024〕2号), " +
                              "the 12345 hotline's triage and drafts, and the channels (Direct Line, Bot Framework). Errors are " +
                              "application/problem+json unless a channel's protocol defines its own error body. Roles: X-Api-Key " +
                              "(operator, staff, admin keys), an OIDC bearer token, or the operator page's session.",
            };
            return Task.CompletedTask;
        });
        options.AddOperationTransformer(AddPipelineProblemsAsync);
    });

    /// <summary>/openapi/v1.json and the reference page, whose policy lets its own scripts (by nonce) and styles run there only.</summary>
    public static IEndpointRouteBuilder MapApiDocument(this IEndpointRouteBuilder routes)
    {
        routes.MapOpenApi(DocumentPath.Replace("v1", "{documentName}", StringComparison.Ordinal));
        routes.MapScalarApiReference(ReferencePath, (options, http) =>
        {
            var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
            options.WithTitle("西城政策助手 API")
                .WithOpenApiRoutePattern(DocumentPath.Replace("v1", "{documentName}", StringComparison.Ordinal))
                .WithNonce(nonce)
                .DisableDefaultFonts()
                .DisableTelemetry()
                .DisableAgent()
                .DisableMcp()
                .HideDeveloperTools();
            http.Response.Headers.ContentSecurityPolicy =
                $"default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
                "font-src 'self' data:; connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
        });
        return routes;
    }

    /// <summary>
    /// The errors the pipeline, not the handler, answers with: 401/403 where a role is required, 429 where a rate limit
    /// applies, 400/413 where a body is read, 500 anywhere. All are problem+json (AddProblemDetails, UseStatusCodePages).
    /// Statuses the endpoint describes itself are left as they are.
    /// </summary>
    private static async Task AddPipelineProblemsAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var statuses = new List<(int Status, string Description)>();
        if (metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any())
        {
            statuses.Add((StatusCodes.Status401Unauthorized, "No credentials, or not valid ones."));
            statuses.Add((StatusCodes.Status403Forbidden, "The caller's role may not do this."));
        }

        if (metadata.OfType<EnableRateLimitingAttribute>().Any())
        {
            statuses.Add((StatusCodes.Status429TooManyRequests, "Over the rate limit; Retry-After says when to try again."));
        }

        if (operation.RequestBody is not null)
        {
            statuses.Add((StatusCodes.Status400BadRequest, "The body is malformed or a field is missing or out of range."));
            statuses.Add((StatusCodes.Status413PayloadTooLarge, "The body is over the size limit."));
        }

        // Any route: the exception handler answers problem+json, never exception text.
        statuses.Add((StatusCodes.Status500InternalServerError, "An unexpected error; the body never holds exception details."));
        var problem = await context.GetOrCreateSchemaAsync(typeof(ProblemDetails), null, cancellationToken);
        context.Document?.AddComponent(nameof(ProblemDetails), problem);
        operation.Responses ??= [];
        foreach (var (status, description) in statuses)
        {
            var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (operation.Responses.ContainsKey(key))
            {
                continue;
            }

            operation.Responses[key] = new OpenApiResponse
            {
                Description = description,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    [ProblemJson] = new() { Schema = new OpenApiSchemaReference(nameof(ProblemDetails), context.Document) },
                },
            };
        }
    }
}
