using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Assistant.Bot.Tests.BotFramework;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Assistant.Bot.Tests.Security;

/// <summary>
/// Teams users hold roles by settings: an operator pastes "诉求：……" in a personal chat and gets a draft card; anyone
/// else, or any group chat, gets a refusal and nothing is drafted.
/// </summary>
public sealed class TeamsRolesTests
{
    /// <summary>from.aadObjectId of the personal chat's user (王小明).</summary>
    private const string UserObjectId = "6be3a2f1-9c0e-4d2c-b4b8-3f2a1f8e5a10";
    private const string OperatorsGroup = "3f9d6c2a-1b4e-4a8f-9c7d-5e6f7a8b9c0d";
    private const string Complaint = "德胜街道新康社区楼下烧烤店每天晚上油烟特别大，已经一个多月了[点此领取补贴](https://evil.example/) **紧急**";

    private static Dictionary<string, string?> OperatorSettings(string principal) => new()
    {
        ["Assistant:Auth:TenantIds:0"] = TeamsPayloads.TenantId,
        ["Assistant:Auth:Operators:0"] = principal,
    };

    private static string Personal(string text) =>
        TeamsPayloads.PersonalMessage.Replace("\"text\": \"餐饮油烟归哪个部门管\"", $"\"text\": {JsonSerializer.Serialize(text)}", StringComparison.Ordinal);

    private static async Task<int> DraftCountAsync(BotHarness bot)
    {
        using var client = bot.App.CreateOperatorClient();
        return (await client.GetFromJsonAsync<JsonElement>("/api/hotline/drafts")).GetArrayLength();
    }

    [Fact]
    public async Task An_operator_pastes_a_complaint_in_a_personal_chat_and_gets_a_draft_card()
    {
        await using var bot = await BotHarness.StartAsync(settings: OperatorSettings(UserObjectId.ToUpperInvariant()));

        Assert.Equal(HttpStatusCode.OK, (await bot.SendAsync(Personal("诉求：" + Complaint))).StatusCode);

        var posted = await bot.Connector.WaitForAsync(2);
        Assert.Equal("typing", posted[0].Type);
        var card = posted[1].Card;
        Assert.Equal("12345 诉求答复草稿", posted[1].CardTexts[0]);
        var facts = card.GetProperty("body")[1].GetProperty("facts").EnumerateArray()
            .ToDictionary(f => f.GetProperty("title").GetString()!, f => f.GetProperty("value").GetString()!);
        Assert.Equal("餐饮油烟", facts["问题类别"]);
        Assert.Equal("德胜街道", facts["属地街道"]);
        Assert.Equal("区生态环境局、区市场监管局、德胜街道办事处", facts["承办单位"]);
        // The draft and the dispatch note quote the caller: TextRuns, which Teams never reads as Markdown; no TextBlock
        // (which it does read as Markdown) holds the injected link or emphasis.
        var runs = card.GetProperty("body").EnumerateArray()
            .Where(b => b.GetProperty("type").GetString() == "RichTextBlock")
            .Select(b => b.GetProperty("inlines")[0])
            .ToList();
        Assert.Equal(2, runs.Count);
        Assert.All(runs, r => Assert.Equal("TextRun", r.GetProperty("type").GetString()));
        // The reply to the caller names who handles it; the dispatch note holds the references (issue 12).
        Assert.Contains("德胜街道办事处会同区生态环境局办理", runs[0].GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Contains("附件1-15-1", runs[1].GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(posted[1].CardTexts, t => t.Contains("](", StringComparison.Ordinal) || t.Contains("**", StringComparison.Ordinal));
        // Stored like a draft from the operator page, so it can be finished there.
        Assert.Equal(1, await DraftCountAsync(bot));
    }

    [Fact]
    public async Task A_citizen_in_teams_gets_no_draft_and_nothing_is_stored()
    {
        // Mapped as operators: someone else; this user is a citizen.
        await using var bot = await BotHarness.StartAsync(settings: OperatorSettings("00000000-0000-0000-0000-000000000001"));

        await bot.SendAsync(Personal("诉求：" + Complaint));

        var reply = Assert.Single(await bot.Connector.WaitForAsync(1));
        Assert.Equal(["生成12345答复草稿仅限接诉即办工作人员使用。如需了解行动计划，请直接提问。"], reply.CardTexts);
        Assert.DoesNotContain("烧烤", reply.Body.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(0, await DraftCountAsync(bot));
    }

    [Fact]
    public async Task A_listed_user_of_another_tenant_is_a_citizen()
    {
        var settings = OperatorSettings(UserObjectId);
        settings["Assistant:Auth:TenantIds:0"] = "11111111-2222-3333-4444-555555555555";
        await using var bot = await BotHarness.StartAsync(settings: settings);

        await bot.SendAsync(Personal("诉求：" + Complaint));

        Assert.StartsWith("生成12345答复草稿仅限", Assert.Single(await bot.Connector.WaitForAsync(1)).CardTexts[0], StringComparison.Ordinal);
        Assert.Equal(0, await DraftCountAsync(bot));
    }

    [Fact]
    public async Task An_operator_in_a_group_chat_is_asked_to_use_a_personal_chat()
    {
        await using var bot = await BotHarness.StartAsync(settings: OperatorSettings("0b8b4a1e-6e2f-4c3d-9a8b-7c6d5e4f3a2b"));
        var group = TeamsPayloads.GroupChatMessage.Replace("施工扬尘管控什么时候完成", "诉求：" + "牛街有家饭馆油烟扰民", StringComparison.Ordinal)
            .Replace("<at>李华</at> ", "", StringComparison.Ordinal);

        await bot.SendAsync(group);

        var reply = Assert.Single(await bot.Connector.WaitForAsync(1));
        Assert.StartsWith("诉求和答复草稿含有来电人的信息，请在与我的私聊中发送", reply.CardTexts[0], StringComparison.Ordinal);
        Assert.Equal(0, await DraftCountAsync(bot));
    }

    [Fact]
    public async Task Members_of_a_listed_group_are_operators_as_microsoft_graph_says()
    {
        await using var graph = await FakeGraph.StartAsync(new() { [UserObjectId] = [OperatorsGroup] });
        var settings = OperatorSettings(OperatorsGroup);
        settings["Assistant:Auth:GraphUrl"] = graph.BaseUrl;
        await using var bot = await BotHarness.StartAsync(settings: settings);

        await bot.SendAsync(Personal("诉求：" + Complaint));
        var card = (await bot.Connector.WaitForAsync(2))[1];
        // A second complaint: the membership is remembered, Graph is not asked again.
        await bot.SendAsync(Personal("诉求：牛街有家饭馆油烟扰民").Replace("1714968600000", "1714968600001", StringComparison.Ordinal));
        await bot.Connector.WaitForAsync(4);

        Assert.Equal("12345 诉求答复草稿", card.CardTexts[0]);
        var call = Assert.Single(graph.Calls);
        Assert.Equal($"/v1.0/users/{UserObjectId}/checkMemberGroups", call.Path);
        Assert.Equal([OperatorsGroup], call.GroupIds);
        Assert.StartsWith("Bearer outbound-token-", call.Authorization, StringComparison.Ordinal);
        Assert.Contains(bot.Login.TokenRequests, form => form["scope"] == graph.BaseUrl + "/.default");
        Assert.Equal(2, await DraftCountAsync(bot));
    }

    [Fact]
    public async Task When_graph_fails_the_user_holds_no_group_role()
    {
        await using var graph = await FakeGraph.StartAsync(new(), failWith: StatusCodes.Status403Forbidden);
        var settings = OperatorSettings(OperatorsGroup);
        settings["Assistant:Auth:GraphUrl"] = graph.BaseUrl;
        await using var bot = await BotHarness.StartAsync(settings: settings);

        await bot.SendAsync(Personal("诉求：" + Complaint));

        Assert.StartsWith("生成12345答复草稿仅限", Assert.Single(await bot.Connector.WaitForAsync(1)).CardTexts[0], StringComparison.Ordinal);
        Assert.Equal(0, await DraftCountAsync(bot));
    }

    [Fact]
    public async Task Questions_are_still_answered_for_every_role()
    {
        await using var bot = await BotHarness.StartAsync(settings: OperatorSettings(UserObjectId));

        await bot.SendAsync(TeamsPayloads.PersonalMessage);

        Assert.Contains("区生态环境局、区市场监管局", (await bot.Connector.WaitForAsync(2))[1].CardTexts);
    }

    /// <summary>Microsoft Graph's checkMemberGroups on loopback: answers which of the asked groups a user is in.</summary>
    private sealed class FakeGraph(Dictionary<string, string[]> membership, int? failWith) : LoopbackServer
    {
        private readonly ConcurrentQueue<GraphCall> _calls = new();

        public IReadOnlyList<GraphCall> Calls => _calls.ToList();

        public static async Task<FakeGraph> StartAsync(Dictionary<string, string[]> membership, int? failWith = null)
        {
            var graph = new FakeGraph(membership, failWith);
            await graph.ListenAsync();
            return graph;
        }

        protected override void Map(IEndpointRouteBuilder routes) =>
            routes.MapPost("/v1.0/users/{id}/checkMemberGroups", async (string id, HttpRequest request) =>
            {
                var body = await request.ReadFromJsonAsync<JsonElement>();
                var asked = body.GetProperty("groupIds").EnumerateArray().Select(g => g.GetString()!).ToArray();
                _calls.Enqueue(new GraphCall(request.Path, asked, request.Headers.Authorization.ToString()));
                if (failWith is { } status)
                {
                    return Results.StatusCode(status);
                }

                var groups = membership.GetValueOrDefault(id, []);
                return Results.Json(new { value = asked.Where(g => groups.Contains(g, StringComparer.OrdinalIgnoreCase)) });
            });
    }

    private sealed record GraphCall(string Path, string[] GroupIds, string Authorization);
}
