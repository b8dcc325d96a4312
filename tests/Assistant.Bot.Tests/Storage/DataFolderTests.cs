using System.Net;
using System.Net.Http.Json;
using Assistant.Bot.Storage;
using Assistant.Bot.Tests.DirectLine;
using Microsoft.Extensions.DependencyInjection;

namespace Assistant.Bot.Tests.Storage;

/// <summary>The data folder holds complaints with phone numbers: owner-only (0700 folders, 0600 files) whatever the umask.</summary>
public sealed class DataFolderTests
{
    private const UnixFileMode Others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    [Fact]
    public async Task A_fresh_data_folder_and_every_file_in_it_are_owner_only_under_umask_022()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var root = Directory.CreateTempSubdirectory("assistant-modes-").FullName;
        File.SetUnixFileMode(root, DataFolder.FolderMode | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        var data = Path.Combine(root, "data");
        await using (var server = await ServerProcess.StartUnderUmaskAsync("022", data, $"--DirectLine:Secret={DirectLineTestClient.Secret}"))
        {
            using var client = new HttpClient { BaseAddress = server.Address };
            // Every kind of write: a generated operator key, a hotline draft, a Direct Line conversation, a login (a sealing key).
            var key = File.ReadAllText(Path.Combine(data, "operator-key.txt")).Trim();
            using var draft = new HttpRequestMessage(HttpMethod.Post, "/api/hotline/drafts") { Content = JsonContent.Create(new { complaint = "德胜街道楼下烧烤店油烟大，电话13800138000" }) };
            draft.Headers.Add("X-Api-Key", key);
            Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(draft)).StatusCode);
            var dl = new DirectLineTestClient(client);
            var (conversationId, token, _) = await dl.StartAsync();
            Assert.Equal(HttpStatusCode.OK, (await dl.PostMessageAsync(conversationId, token, DirectLineTestClient.Question)).Status);
            Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsJsonAsync("/operator/login", new { key })).StatusCode);

            // While the server runs, so SQLite's -wal and -shm files are there to check.
            Assert.True(File.Exists(Path.Combine(data, "assistant.db-wal")), server.Output);
            Assert.True(File.Exists(Path.Combine(data, "assistant.db-shm")), server.Output);
            Assert.NotEmpty(Directory.GetFiles(Path.Combine(data, "keys")));
            AssertOwnerOnly(data);
            Assert.DoesNotContain("readable by other users", server.Output, StringComparison.Ordinal);
        }

        Directory.Delete(root, recursive: true);
    }

    [Fact]
    public async Task An_existing_data_folder_open_to_others_is_reported_and_made_owner_only_at_start()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var data = Directory.CreateTempSubdirectory("assistant-modes-").FullName;
        File.SetUnixFileMode(data, (UnixFileMode)0b111_101_101);
        var db = Path.Combine(data, "assistant.db");
        File.WriteAllBytes(db, []);
        File.SetUnixFileMode(db, (UnixFileMode)0b110_100_100);
        Directory.CreateDirectory(Path.Combine(data, "keys"));
        File.SetUnixFileMode(Path.Combine(data, "keys"), (UnixFileMode)0b111_101_101);

        var logs = new LogCollector();
        await using (var app = new AssistantApplication(dataDirectory: data, services: s => s.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(logs)))
        {
            using var client = app.CreateOperatorClient();
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/hotline/drafts")).StatusCode);
            AssertOwnerOnly(data);
        }

        Assert.Contains(logs.Messages, m => m.Contains(db, StringComparison.Ordinal) && m.Contains("readable by other users", StringComparison.Ordinal));
        Assert.Contains(logs.Messages, m => m.Contains($"{data} was readable by other users (mode 0755); changed to 0700", StringComparison.Ordinal));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(data, recursive: true);
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static void AssertOwnerOnly(string data)
    {
        Assert.Equal(DataFolder.FolderMode, File.GetUnixFileMode(data));
        var entries = Directory.EnumerateFileSystemEntries(data, "*", SearchOption.AllDirectories).ToList();
        Assert.Contains(entries, e => e.EndsWith("assistant.db", StringComparison.Ordinal));
        foreach (var entry in entries)
        {
            var mode = File.GetUnixFileMode(entry);
            Assert.True((mode & Others) == 0, $"{entry} is {Convert.ToString((int)mode, 8)}");
            Assert.Equal(Directory.Exists(entry) ? DataFolder.FolderMode : DataFolder.FileMode, mode);
        }
    }
}
