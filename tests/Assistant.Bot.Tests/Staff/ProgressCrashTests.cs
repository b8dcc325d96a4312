using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Assistant.Bot.Tests.Storage;
using Xunit.Abstractions;

namespace Assistant.Bot.Tests.Staff;

/// <summary>The real server killed with SIGKILL while several clients write monthly reports: every acknowledged revision survives.</summary>
public sealed class ProgressCrashTests(ITestOutputHelper output)
{
    private const int Writers = 3;

    private static readonly string[] Streets = ["德胜街道", "什刹海街道", "西长安街街道", "大栅栏街道", "天桥街道", "新街口街道"];

    // Rows led by 各街道办事处: every street office reports on them.
    private static readonly string[] Measures = ["附件1-22-1", "附件1-1-1", "附件2-6-2", "附件1-13-1"];

    [Theory, OnSqlite, OnPostgres]
    public async Task Kill_9_during_report_writes_loses_no_acknowledged_revision(Backend backend)
    {
        await using var db = await TestDatabase.CreateAsync(backend);
        string[] args =
        [
            $"--Assistant:AdminApiKey={ProgressApiTests.AdminKey}",
            "--Assistant:Limits:PerIpPerMinute=10000",
            .. db.PostgresConnectionString is { } postgres ? [$"--ConnectionStrings:Postgres={postgres}"] : Array.Empty<string>(),
        ];
        var acknowledged = new ConcurrentBag<(string Measure, string Unit, int Revision, string Progress)>();
        await using (var server = await ServerProcess.StartAsync(db.DataDirectory, args))
        {
            using var client = Client(server);
            var writing = Enumerable.Range(0, Writers).Select(w => WriteAsync(client, w, acknowledged)).ToArray();
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (acknowledged.Count < 30 && DateTime.UtcNow < deadline && !writing.Any(t => t.IsCompleted))
            {
                await Task.Delay(20);
            }

            Assert.False(writing.Any(t => t.IsCompleted), server.Output);
            server.Crash();
            await Task.WhenAll(writing);
        }

        output.WriteLine($"Acknowledged before the kill: {acknowledged.Count} report revisions");
        Assert.True(acknowledged.Count >= 30, $"{acknowledged.Count} acknowledged");

        await using var restarted = await ServerProcess.StartAsync(db.DataDirectory, args);
        using var reader = Client(restarted);
        foreach (var key in acknowledged.GroupBy(a => (a.Measure, a.Unit)))
        {
            var revisions = await reader.GetFromJsonAsync<JsonElement>($"/api/progress/2024-01/{key.Key.Measure}/revisions?unit={key.Key.Unit}");
            var stored = revisions.EnumerateArray().ToDictionary(r => r.GetProperty("revision").GetInt32(), r => r.GetProperty("progress").GetString());
            foreach (var ack in key)
            {
                Assert.Equal(ack.Progress, stored.GetValueOrDefault(ack.Revision));
            }

            // Numbering carries on after the last stored revision.
            var next = await reader.PutAsJsonAsync($"/api/progress/2024-01/{key.Key.Measure}", new { unit = key.Key.Unit, status = "推进中", progress = "重启后", revision = stored.Keys.Max() });
            Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        }
    }

    private static async Task WriteAsync(HttpClient client, int writer, ConcurrentBag<(string, string, int, string)> acknowledged)
    {
        await Task.Yield();
        try
        {
            for (var i = 0; ; i++)
            {
                var unit = Streets[writer * 2 + i % 2];
                var measure = Measures[i / 2 % Measures.Length];
                var progress = $"{unit}第{i}次报送";
                var response = await client.PutAsJsonAsync($"/api/progress/2024-01/{measure}", new { unit, status = "推进中", progress });
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                var body = await response.Content.ReadFromJsonAsync<JsonElement>();
                acknowledged.Add((measure, unit, body.GetProperty("revision").GetInt32(), progress));
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException or JsonException)
        {
            // The server died; what was acknowledged is recorded.
        }
    }

    private static HttpClient Client(ServerProcess server)
    {
        var client = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(20) };
        client.DefaultRequestHeaders.Add("X-Api-Key", ProgressApiTests.AdminKey);
        return client;
    }
}
