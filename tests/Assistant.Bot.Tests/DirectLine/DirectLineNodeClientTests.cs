using System.Diagnostics;

namespace Assistant.Bot.Tests.DirectLine;

/// <summary>
/// The npm botframework-directlinejs client (the one Web Chat bundles) against the server on a loopback port, over
/// polling and over the WebSocket: tests/directline-client/directline.test.mjs, run with Node's test runner.
/// </summary>
public sealed class DirectLineNodeClientTests
{
    [Fact]
    public async Task The_botframework_directlinejs_client_converses_by_polling_and_over_the_websocket()
    {
        var script = Path.Combine(RepositoryRoot(), "tests", "directline-client");
        Assert.True(Directory.Exists(Path.Combine(script, "node_modules", "botframework-directlinejs")),
            "tests/directline-client/node_modules is missing: the test project's build runs npm ci there.");
        await using var app = new AssistantApplication(DirectLineTestClient.Settings());
        var server = app.StartOnLoopback();

        var start = new ProcessStartInfo("node", ["--test", "--test-reporter=tap", "directline.test.mjs"])
        {
            WorkingDirectory = script,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["DIRECTLINE_DOMAIN"] = new Uri(server, "v3/directline").ToString();
        start.Environment["DIRECTLINE_SECRET"] = DirectLineTestClient.Secret;
        using var node = Process.Start(start)!;
        var output = node.StandardOutput.ReadToEndAsync();
        var errors = node.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await node.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            node.Kill(entireProcessTree: true);
            throw;
        }

        var report = await output + await errors;
        Assert.True(node.ExitCode == 0, report);
        Assert.Contains("# pass 4", report, StringComparison.Ordinal);
        Assert.Contains("# fail 0", report, StringComparison.Ordinal);
    }

    internal static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Assistant.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Assistant.sln not found above " + AppContext.BaseDirectory);
    }
}
