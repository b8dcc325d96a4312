using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Assistant.Bot.Tests;

public sealed class AskApiTests
{
    [Fact]
    public async Task Answers_who_leads_cooking_fumes_with_a_citation()
    {
        await using var app = new AssistantApplication();
        using var client = app.CreateClient();

        var response = await client.PostAsJsonAsync("/api/ask", new { question = "餐饮油烟归哪个部门管" });

        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("lead", body.GetProperty("intent").GetString());
        Assert.False(body.GetProperty("noAnswer").GetBoolean());
        var top = body.GetProperty("matches")[0];
        Assert.Equal("附件1-15", top.GetProperty("ref").GetString());
        var leads = top.GetProperty("leadUnits").EnumerateArray().Select(u => u.GetString()).ToList();
        Assert.Contains("区生态环境局", leads);
        Assert.Contains("区生态环境局", body.GetProperty("answer").GetString());
    }

    [Fact]
    public async Task Follow_up_in_the_same_conversation_uses_the_previous_answer()
    {
        await using var app = new AssistantApplication();
        using var client = app.CreateClient();

        var first = await (await client.PostAsJsonAsync("/api/ask", new { question = "餐饮油烟归哪个部门管" })).Content.ReadFromJsonAsync<JsonElement>();
        var id = first.GetProperty("conversationId").GetString();
        var second = await (await client.PostAsJsonAsync("/api/ask", new { question = "那协办单位呢？", conversationId = id })).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal("co", second.GetProperty("intent").GetString());
        Assert.Equal(first.GetProperty("matches")[0].GetProperty("measureRef").GetString(), second.GetProperty("matches")[0].GetProperty("measureRef").GetString());
    }

    [Fact]
    public async Task A_conversation_id_of_another_channel_does_not_resume_that_conversation()
    {
        await using var app = new AssistantApplication(DirectLine.DirectLineTestClient.Settings());
        using var client = app.CreateClient();
        var dl = new DirectLine.DirectLineTestClient(client);
        var (conversationId, token, _) = await dl.StartAsync();
        Assert.Equal(HttpStatusCode.OK, (await dl.PostMessageAsync(conversationId, token, "餐饮油烟归哪个部门管")).Status);
        var fumes = await (await client.PostAsJsonAsync("/api/ask", new { question = "餐饮油烟归哪个部门管" })).Content.ReadFromJsonAsync<JsonElement>();
        var fumesRef = fumes.GetProperty("matches")[0].GetProperty("measureRef").GetString();

        // The ids the other channels store their conversations under, sent to the API.
        foreach (var foreign in new[] { $"directline/{conversationId}", $"msteams:{conversationId}" })
        {
            var followUp = await (await client.PostAsJsonAsync("/api/ask", new { question = "那协办单位呢？", conversationId = foreign })).Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(foreign, followUp.GetProperty("conversationId").GetString());
            Assert.DoesNotContain(followUp.GetProperty("matches").EnumerateArray(), m => m.GetProperty("measureRef").GetString() == fumesRef);
        }

        // The same id is an API conversation of its own, with follow-ups as usual.
        var own = $"directline/{conversationId}";
        await client.PostAsJsonAsync("/api/ask", new { question = "餐饮油烟归哪个部门管", conversationId = own });
        var second = await (await client.PostAsJsonAsync("/api/ask", new { question = "那协办单位呢？", conversationId = own })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(fumesRef, second.GetProperty("matches")[0].GetProperty("measureRef").GetString());
    }

    [Fact]
    public async Task Follow_up_still_resolves_after_a_restart()
    {
        var data = Directory.CreateTempSubdirectory("assistant-restart-").FullName;
        string? id;
        await using (var first = new AssistantApplication(dataDirectory: data))
        {
            using var client = first.CreateClient();
            var answer = await (await client.PostAsJsonAsync("/api/ask", new { question = "叉车电动化由哪些部门负责" })).Content.ReadFromJsonAsync<JsonElement>();
            id = answer.GetProperty("conversationId").GetString();
        }

        await using (var second = new AssistantApplication(dataDirectory: data))
        {
            using var client = second.CreateClient();
            var followUp = await (await client.PostAsJsonAsync("/api/ask", new { question = "那协办单位呢？", conversationId = id })).Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("附件1-10-4", followUp.GetProperty("matches")[0].GetProperty("measureRef").GetString());
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(data, recursive: true);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"question\": \"\"}")]
    [InlineData("{\"question\": \"   \"}")]
    [InlineData("{\"question\": 42}")]
    [InlineData("{\"question\": \"油烟")]
    [InlineData("not json")]
    public async Task Bad_input_is_a_problem_json_400(string body)
    {
        await using var app = new AssistantApplication();
        using var client = app.CreateClient();

        var response = await client.PostAsync("/api/ask", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Over_long_question_is_rejected()
    {
        await using var app = new AssistantApplication();
        using var client = app.CreateClient();

        var response = await client.PostAsJsonAsync("/api/ask", new { question = new string('油', 1001) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("1000", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Task_lookup_returns_measures_and_404s_unknown_refs()
    {
        await using var app = new AssistantApplication();
        using var client = app.CreateClient();

        var task = await client.GetFromJsonAsync<JsonElement>("/api/tasks/附件1-3");
        Assert.Equal(1, task.GetProperty("annex").GetInt32());
        Assert.True(task.GetProperty("measures").GetArrayLength() > 1);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/tasks/附件1-99")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/tasks/abc")).StatusCode);
    }

    [Fact]
    public async Task Unit_duties_accept_an_alias()
    {
        await using var app = new AssistantApplication();
        using var client = app.CreateClient();

        var duties = await client.GetFromJsonAsync<JsonElement>("/api/units/园林局/duties");

        Assert.Equal("区园林绿化局", duties.GetProperty("unit").GetString());
        Assert.True(duties.GetProperty("leads").GetArrayLength() > 0);
    }
}
