using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Assistant.Bot.Tests.Hotline;

public sealed class HotlineCrashTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("assistant-crash-").FullName;

    [Fact]
    public async Task A_draft_that_returned_201_survives_kill_9()
    {
        var created = new List<(string Id, string Draft)>();
        await using (var server = await ServerProcess.StartAsync(_data, $"--Assistant:OperatorApiKey={AssistantApplication.OperatorKey}"))
        {
            using var client = new HttpClient { BaseAddress = server.Address };
            client.DefaultRequestHeaders.Add("X-Api-Key", AssistantApplication.OperatorKey);
            foreach (var complaint in new[] { "德胜街道有家饭馆油烟扰民", "什刹海那边的工地半夜打桩", "陶然亭公园广场舞音响太大" })
            {
                var response = await client.PostAsJsonAsync("/api/hotline/drafts", new { complaint });
                Assert.Equal(HttpStatusCode.Created, response.StatusCode);
                var body = await response.Content.ReadFromJsonAsync<JsonElement>();
                created.Add((body.GetProperty("id").GetString()!, body.GetProperty("draft").GetString()!));
            }

            // The operator's edit, acknowledged, then the process dies at once.
            var saved = await client.PutAsJsonAsync($"/api/hotline/drafts/{created[0].Id}", new { draft = "修改后的答复", status = "edited" });
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
            server.Crash();
        }

        await using (var restarted = await ServerProcess.StartAsync(_data, $"--Assistant:OperatorApiKey={AssistantApplication.OperatorKey}"))
        {
            using var client = new HttpClient { BaseAddress = restarted.Address };
            client.DefaultRequestHeaders.Add("X-Api-Key", AssistantApplication.OperatorKey);
            foreach (var (id, draft) in created)
            {
                var response = await client.GetAsync($"/api/hotline/drafts/{id}");
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                var body = await response.Content.ReadFromJsonAsync<JsonElement>();
                Assert.Equal(draft, body.GetProperty("revisions")[0].GetProperty("draft").GetString());
            }

            var edited = await client.GetFromJsonAsync<JsonElement>($"/api/hotline/drafts/{created[0].Id}");
            Assert.Equal("修改后的答复", edited.GetProperty("draft").GetString());
            Assert.Equal("edited", edited.GetProperty("status").GetString());
            Assert.Equal(2, edited.GetProperty("revisions").GetArrayLength());
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
