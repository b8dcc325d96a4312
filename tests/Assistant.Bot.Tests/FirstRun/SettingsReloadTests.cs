using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;

namespace Assistant.Bot.Tests.FirstRun;

/// <summary>
/// Adding an embedding site is an edit of the settings file, not a restart: Widget:AllowedOrigins (who may frame the
/// panel) and DirectLine:AllowedOrigins (whose scripts may call Direct Line) follow the file while the server runs.
/// </summary>
public sealed class SettingsReloadTests
{
    private const string Site = "https://jiedao.example.gov.cn";

    [Fact]
    public async Task An_embedding_site_added_to_the_settings_file_is_allowed_without_a_restart()
    {
        var folder = Directory.CreateTempSubdirectory("assistant-settings-").FullName;
        var settings = Path.Combine(folder, "appsettings.json");
        await File.WriteAllTextAsync(settings, Settings([]));
        try
        {
            await using var app = new ReloadingApplication(folder, settings);
            using var client = app.CreateClient();
            Assert.DoesNotContain(Site, await FrameAncestorsAsync(client), StringComparison.Ordinal);
            Assert.Null(await AllowedOriginAsync(client));

            // What an operator does: edit the file in place (a new file moved over it would work too).
            await File.WriteAllTextAsync(settings, Settings([Site]));

            var deadline = DateTime.UtcNow.AddSeconds(15);
            while (!(await FrameAncestorsAsync(client)).Contains(Site, StringComparison.Ordinal) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }

            Assert.Contains($"frame-ancestors 'self' {Site};", await FrameAncestorsAsync(client), StringComparison.Ordinal);
            Assert.Equal(Site, await AllowedOriginAsync(client));

            // An edit that is not valid is not applied: the last valid list stays, and the pages keep working.
            await File.WriteAllTextAsync(settings, Settings(["not an origin"]));
            await Task.Delay(1500);
            Assert.Contains($"frame-ancestors 'self' {Site};", await FrameAncestorsAsync(client), StringComparison.Ordinal);
            Assert.Equal(Site, await AllowedOriginAsync(client));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string Settings(string[] origins) => JsonSerializer.Serialize(new
    {
        Widget = new { AllowedOrigins = origins },
        DirectLine = new { AllowedOrigins = origins },
    });

    private static async Task<string> FrameAncestorsAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/embed.html");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Headers.GetValues("Content-Security-Policy").Single();
    }

    /// <summary>The browser's preflight for Direct Line from <see cref="Site"/>: the origin it may use, or null.</summary>
    private static async Task<string?> AllowedOriginAsync(HttpClient client)
    {
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/v3/directline/conversations");
        preflight.Headers.Add("Origin", Site);
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "authorization,content-type");
        using var response = await client.SendAsync(preflight);
        return response.Headers.TryGetValues("Access-Control-Allow-Origin", out var values) ? values.Single() : null;
    }

    /// <summary>The real host with a settings file watched for changes, as appsettings.json is.</summary>
    private sealed class ReloadingApplication(string dataDirectory, string settingsFile) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.ConfigureAppConfiguration(config => config
                .AddInMemoryCollection(new Dictionary<string, string?>
                {
                    ["Assistant:DataDirectory"] = dataDirectory,
                    ["Assistant:OperatorApiKey"] = AssistantApplication.OperatorKey,
                })
                .AddJsonFile(settingsFile, optional: false, reloadOnChange: true));
        }
    }
}
