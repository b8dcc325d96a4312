namespace Assistant.Bot.Channels.DirectLine;

/// <summary>Origin lists in settings (DirectLine:AllowedOrigins, Widget:AllowedOrigins).</summary>
public static class Origins
{
    /// <summary>scheme://host[:port] with nothing after it (a trailing slash is tolerated).</summary>
    public static bool IsOrigin(string value) =>
        Uri.TryCreate(value.TrimEnd('/'), UriKind.Absolute, out var uri)
        && uri.Scheme is "http" or "https"
        && uri.AbsolutePath == "/" && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment)
        && string.IsNullOrEmpty(uri.UserInfo);

    /// <summary>The union of the origin lists under <paramref name="keys"/>, without trailing slashes.</summary>
    public static string[] Read(IConfiguration configuration, params string[] keys) =>
        keys.SelectMany(key => configuration.GetSection(key).Get<string[]>() ?? [])
            .Where(origin => !string.IsNullOrWhiteSpace(origin))
            .Select(origin => origin.Trim().TrimEnd('/'))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToArray();
}
