namespace Assistant.Bot.Hosting;

/// <summary>
/// Where the app finds its own files and where it keeps its data. The app's files (appsettings.json, wwwroot, knowledge)
/// are next to the app, so it runs the same from any folder; the data folder is relative to the current directory, so
/// <c>dotnet run --project src/Assistant.Bot</c> from the repository root keeps it in <c>./data</c> (the project file makes
/// <c>dotnet run</c> start in the caller's folder rather than the project's).
/// </summary>
public static class AppPaths
{
    /// <summary>The web application builder, with the content root next to the app unless one is given.</summary>
    public static WebApplicationBuilder CreateBuilder(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = ContentRootGiven(args) ? null : AppContext.BaseDirectory,
        });
        // A built (not published) app finds wwwroot through the build's manifest, which points at the project folder;
        // a published app has wwwroot next to it and no manifest, and this does nothing.
        builder.WebHost.UseStaticWebAssets();
        return builder;
    }

    /// <summary>The data folder as an absolute path: relative settings are read against the current directory.</summary>
    public static string DataDirectory(string configured) => Path.GetFullPath(configured, Directory.GetCurrentDirectory());

    private static bool ContentRootGiven(string[] args) =>
        args.Any(a => a.StartsWith("--contentRoot", StringComparison.OrdinalIgnoreCase)
                      || a.StartsWith("/contentRoot", StringComparison.OrdinalIgnoreCase))
        || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ASPNETCORE_CONTENTROOT"))
        || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOTNET_CONTENTROOT"));
}
