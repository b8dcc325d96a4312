using System.Diagnostics;
using System.Net;

namespace Assistant.Bot.Tests.FirstRun;

/// <summary>
/// What the README promises a first-time user: run from the repository root, the data is in ./data (so
/// <c>cat data/operator-key.txt</c> works), the log says where that is, and the app's own files are found wherever it runs.
/// </summary>
public sealed class DataFolderTests
{
    [Fact]
    public async Task Started_in_any_folder_the_server_keeps_data_in_data_there_says_where_and_still_serves_its_pages()
    {
        var folder = Directory.CreateTempSubdirectory("assistant-cwd-").FullName;
        try
        {
            await using (var server = await ServerProcess.StartInAsync(folder))
            {
                using var client = new HttpClient { BaseAddress = server.Address };
                var page = await client.GetAsync("/");
                Assert.Equal(HttpStatusCode.OK, page.StatusCode);
                Assert.Contains("西城政策助手", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
                Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/lib/webchat-minimal.js")).StatusCode);
                // Browsers ask for /favicon.ico whatever the page links.
                using var icon = await client.GetAsync("/favicon.ico");
                Assert.Equal(HttpStatusCode.OK, icon.StatusCode);
                Assert.Equal("image/svg+xml", icon.Content.Headers.ContentType?.MediaType);

                var data = Path.Combine(folder, "data");
                Assert.True(File.Exists(Path.Combine(data, "assistant.db")), server.Output);
                Assert.True(File.Exists(Path.Combine(data, "operator-key.txt")), server.Output);
                Assert.Contains($"Data folder: {data}", server.Output, StringComparison.Ordinal);
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Dotnet_run_starts_the_app_in_the_callers_folder_not_the_projects()
    {
        var root = RepositoryRoot();
        var info = new ProcessStartInfo("dotnet", ["msbuild", "src/Assistant.Bot/Assistant.Bot.csproj", "-getProperty:RunWorkingDirectory", "-nologo"])
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        info.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(info)!;
        var output = (await process.StandardOutput.ReadToEndAsync()).Trim();
        await process.WaitForExitAsync();

        Assert.Equal(0, process.ExitCode);
        Assert.Equal(root.TrimEnd('/'), output.TrimEnd('/'));
    }

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Assistant.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("No Assistant.sln above " + AppContext.BaseDirectory);
    }
}
