using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Assistant.Index.Hotline;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Assistant.Bot.Tests.Ai;

/// <summary>
/// The model gate on hotline replies, against the scripted model server: a model-worded reply replaces the rules'
/// draft only when it passes the supervisor's rubric and the grounding check; otherwise the rules' draft is stored.
/// </summary>
public sealed partial class HotlineReplyWordingTests
{
    private const string Complaint = "我家在德胜街道新康社区，楼下新开了一家烧烤店，每天晚上油烟特别大，窗户都不敢开";

    /// <summary>The rules' draft as the model was handed it in its message.</summary>
    private static string RulesDraftIn(JsonElement request) =>
        RulesDraft().Match(ChatRequests.Content(request.Messages("user")[0])).Groups[1].Value;

    [Fact]
    public async Task A_reworded_reply_that_passes_the_rubric_and_the_grounding_check_is_the_draft()
    {
        await using var model = await ScriptedModelServer.StartAsync();
        model.Answers(request => RulesDraftIn(request).Replace("我们已记录。", "我们已经详细记录下来。", StringComparison.Ordinal));
        await using var app = new AssistantApplication(model.Settings());
        using var fallbacks = new FallbackCounter(app.Services);

        var body = await CreateAsync(app);

        Assert.Equal("model", body.GetProperty("draftedBy").GetString());
        Assert.Contains("我们已经详细记录下来。", body.GetProperty("draft").GetString());
        Assert.Equal(0, fallbacks.Total);
        // The wire: the hotline's rules as the system message, the complaint as marked data, no record words asked for.
        var system = ChatRequests.Content(model.Requests[0].Messages("system")[0]);
        Assert.Contains("不超过300字", system);
        Assert.Contains("<<<\n" + Complaint + "\n>>>", ChatRequests.Content(model.Requests[0].Messages("user")[0]));
    }

    [Theory]
    // A unit the records do not give: the grounding check refuses it.
    [InlineData("您好！您反映的油烟问题已记录，此事由区交通委办理，24小时内与您联系。", "ungrounded", "unit 区交通委 is not in the records")]
    // A number nobody gave: the grounding check refuses it.
    [InlineData("您好！您反映的油烟问题已记录，此事由德胜街道办事处会同区生态环境局办理，3小时内与您联系。", "ungrounded", "number 3 is not in the records")]
    // Grounded but a paragraph of the plan copied and record words: the rubric refuses it.
    [InlineData("市民来电：楼下烧烤油烟大。此事由德胜街道办事处会同区生态环境局办理，区生态环境局加强研判，结合实际情况开展事前帮扶指导。24小时内联系。", "rubric", "record word")]
    public async Task A_reply_that_fails_either_check_leaves_the_rules_draft(string worded, string reason, string problem)
    {
        await using var model = await ScriptedModelServer.StartAsync();
        model.Answers(worded);
        var logs = new LogCollector();
        await using var app = new AssistantApplication(model.Settings(), services: s => s.AddSingleton<ILoggerProvider>(logs));
        using var fallbacks = new FallbackCounter(app.Services);

        var body = await CreateAsync(app);

        Assert.Equal("rules", body.GetProperty("draftedBy").GetString());
        Assert.Equal(RulesDraft(app), body.GetProperty("draft").GetString());
        Assert.Equal(1, fallbacks[reason]);
        Assert.Contains(logs.Lines, l => l.Contains($"Model answer not used ({reason}", StringComparison.Ordinal) && l.Contains(problem, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_a_model_the_draft_is_the_rules_and_the_same_every_time()
    {
        await using var app = new AssistantApplication();

        var first = await CreateAsync(app);
        var second = await CreateAsync(app);

        Assert.Equal("rules", first.GetProperty("draftedBy").GetString());
        Assert.Equal(first.GetProperty("draft").GetString(), second.GetProperty("draft").GetString());
        Assert.Equal(first.GetProperty("dispatchNote").GetString(), second.GetProperty("dispatchNote").GetString());
        Assert.Equal(RulesDraft(app), first.GetProperty("draft").GetString());
    }

    private static string RulesDraft(AssistantApplication app) =>
        app.Services.GetRequiredService<HotlineDrafter>().Draft(app.Services.GetRequiredService<ComplaintTriage>().Triage(Complaint)).Draft;

    private static async Task<JsonElement> CreateAsync(AssistantApplication app)
    {
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", AssistantApplication.OperatorKey);
        var response = await client.PostAsJsonAsync("/api/hotline/drafts", new { complaint = Complaint });
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [GeneratedRegex(@"规则起草的答复：\n<<<\n(.*?)\n>>>", RegexOptions.Singleline)]
    private static partial Regex RulesDraft();
}
