using Assistant.Bot.Channels.DirectLine;
using Assistant.Bot.Hosting;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Assistant.Bot.Widget;

/// <summary>
/// The public page (/), the widget's chat panel (/embed.html) and /widget.js, served from wwwroot with the Web Chat bundle
/// the build copies to wwwroot/lib. Pages get a Content-Security-Policy: scripts only from this server, and framing only
/// by this server (the public page) or by the widget's allowed origins (the panel). Widget settings are read as they are
/// now, so adding an embedding site to appsettings.json needs no restart.
/// </summary>
public static class PublicPages
{
    public const string EmbedPage = "/embed.html";

    public static IServiceCollection AddPublicWidget(this IServiceCollection services)
    {
        services.AddOptions<WidgetOptions>()
            .BindConfiguration(WidgetOptions.Section)
            .Validate(o => o.AllowedOrigins.All(Origins.IsOrigin), "Widget:AllowedOrigins must be origins such as https://www.example.gov.cn")
            .ValidateOnStart();
        services.TryAddSingleton(typeof(LiveOptions<>));
        services.AddOptions<StaticFileOptions>().Configure<LiveOptions<WidgetOptions>>((files, widget) =>
        {
            files.OnPrepareResponse = file =>
            {
                var headers = file.Context.Response.Headers;
                if (!file.File.Name.EndsWith(".html", StringComparison.OrdinalIgnoreCase))
                {
                    return;
                }

                var ancestors = string.Equals(file.Context.Request.Path, EmbedPage, StringComparison.OrdinalIgnoreCase)
                    ? $"'self' {string.Join(' ', widget.Value.AllowedOrigins.Select(o => o.Trim().TrimEnd('/')))}".TrimEnd()
                    : "'self'";
                // Web Chat styles itself with inline <style> elements; scripts stay same-origin only. The other standard
                // headers come from SecurityHeaders, for every response.
                headers.ContentSecurityPolicy =
                    $"default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
                    $"connect-src 'self'; object-src 'none'; frame-ancestors {ancestors}; base-uri 'none'; form-action 'none'";
                headers.CacheControl = "no-cache";
            };
        });
        return services;
    }

    /// <summary>/favicon.ico, which browsers and crawlers ask for whatever the page links: the SVG icon.</summary>
    public static IEndpointRouteBuilder MapPublicPages(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/favicon.ico", (IWebHostEnvironment env) =>
            env.WebRootFileProvider.GetFileInfo("favicon.svg") is { Exists: true } icon
                ? Results.Stream(icon.CreateReadStream(), "image/svg+xml")
                : Results.NotFound())
            .ExcludeFromDescription();
        return routes;
    }
}
