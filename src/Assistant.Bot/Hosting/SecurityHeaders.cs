namespace Assistant.Bot.Hosting;

/// <summary>
/// The standard response headers, on every response: no MIME sniffing, no referrer, no powerful browser features, a
/// Content-Security-Policy (the strict page policy for HTML unless the page set its own, nothing at all for data), an
/// X-Frame-Options that follows the policy's frame-ancestors for older browsers, and no caching of what an
/// authenticated caller was shown.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>For HTML that sets no policy of its own (the operator page and its login): scripts and styles from this server only.</summary>
    public const string PagePolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; " +
        "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    /// <summary>For JSON and everything else: nothing in it may load or run, and nobody may frame it.</summary>
    public const string DataPolicy = "default-src 'none'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(static state =>
        {
            Apply((HttpContext)state);
            return Task.CompletedTask;
        }, context);
        return next(context);
    });

    private static void Apply(HttpContext context)
    {
        var response = context.Response;
        var headers = response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=()";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        if (context.Request.IsHttps)
        {
            headers.StrictTransportSecurity = "max-age=31536000";
        }

        var isHtml = response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true;
        // Both policies of our own say frame-ancestors 'none'; only a page's own policy needs reading.
        var ownPolicy = string.IsNullOrEmpty(headers.ContentSecurityPolicy);
        if (ownPolicy)
        {
            headers.ContentSecurityPolicy = isHtml ? PagePolicy : DataPolicy;
        }

        if (string.IsNullOrEmpty(headers.XFrameOptions)
            && (ownPolicy ? "DENY" : FrameOptions(headers.ContentSecurityPolicy.ToString())) is { } frameOptions)
        {
            headers.XFrameOptions = frameOptions;
        }

        // Complaints and drafts must not linger in a shared or browser cache.
        if (context.User.Identity?.IsAuthenticated == true)
        {
            headers.CacheControl = "no-store";
        }
    }

    /// <summary>DENY for frame-ancestors 'none', SAMEORIGIN for 'self' alone; nothing when other origins may frame (X-Frame-Options cannot list them).</summary>
    private static string? FrameOptions(string policy)
    {
        var directive = policy.Split(';', StringSplitOptions.TrimEntries)
            .FirstOrDefault(d => d.StartsWith("frame-ancestors ", StringComparison.OrdinalIgnoreCase));
        return directive?["frame-ancestors ".Length..].Trim() switch
        {
            "'none'" => "DENY",
            "'self'" => "SAMEORIGIN",
            _ => null,
        };
    }
}
