using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

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

    [Fact]
    public async Task A_follow_up_that_changes_the_unit_keeps_the_period_after_a_restart()
    {
        // 20 November in Beijing: 本季度 is October to December of the plan year.
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.FromHours(8)));
        void Clock(IServiceCollection s) => s.AddSingleton<TimeProvider>(clock);
        var data = Directory.CreateTempSubdirectory("assistant-frame-").FullName;
        string? id;
        await using (var first = new AssistantApplication(dataDirectory: data, services: Clock))
        {
            using var client = first.CreateClient();
            var answer = await (await client.PostAsJsonAsync("/api/ask", new { question = "本季度区城市管理委有哪些任务到期" })).Content.ReadFromJsonAsync<JsonElement>();
            id = answer.GetProperty("conversationId").GetString();
            Assert.StartsWith("按2024年计划，本季度指10—12月", answer.GetProperty("answer").GetString(), StringComparison.Ordinal);
        }

        await using (var second = new AssistantApplication(dataDirectory: data, services: Clock))
        {
            using var client = second.CreateClient();
            var followUp = await (await client.PostAsJsonAsync("/api/ask", new { question = "那区交通委呢？", conversationId = id })).Content.ReadFromJsonAsync<JsonElement>();

            Assert.Equal("duties", followUp.GetProperty("intent").GetString());
            Assert.Contains("本季度指10—12月", followUp.GetProperty("answer").GetString(), StringComparison.Ordinal);
            var refs = followUp.GetProperty("matches").EnumerateArray().Select(m => m.GetProperty("measureRef").GetString()).ToList();
            // 区交通委 leads 附件4-9-2 (年底前); 附件1-3-4 (长期实施) is not due in a quarter.
            Assert.Contains("附件4-9-2", refs);
            Assert.DoesNotContain("附件1-3-4", refs);
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
