using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Assistant.Bot.Cli;
using Assistant.Bot.Progress;
using Assistant.Bot.Tests.BotFramework;
using Assistant.Bot.Tests.Storage;
using Assistant.Index;
using Assistant.Index.Knowledge;
using Microsoft.Extensions.DependencyInjection;

namespace Assistant.Bot.Tests.Staff;

/// <summary>
/// Inferred lead/co splits settled by the units and the coordinator: proposals and decisions kept on both backends, the
/// API's refusals, an approval changing every answer at once and surviving a restart, and knowledge export.
/// </summary>
public sealed class SplitTests
{
    /// <summary>附件1-3-3: 各街道办事处 is read as lead ("it may be co"), so the street offices settle it.</summary>
    private const string Row = "附件1-3-3";

    private const string Citation = "西城区居住区充电设施建设工作方案（西新能源办〔2024〕3号）第2页";

    private const string Caveat = "附件1-3-3 的主责/协办单位划分是根据原文表格排版推断的";

    private static Task<HttpResponseMessage> Propose(HttpClient client, string measure, object body) =>
        client.PostAsJsonAsync($"/api/splits/{measure}", body);

    private static async Task<long> ProposeOk(HttpClient client, string measure, object body)
    {
        var response = await Propose(client, measure, body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    private static async Task<JsonElement> Ask(HttpClient client, string question) =>
        await (await client.PostAsJsonAsync("/api/ask", new { question })).Content.ReadFromJsonAsync<JsonElement>();

    private static JsonElement MatchOf(JsonElement answer, string measureRef) =>
        answer.GetProperty("matches").EnumerateArray().Single(m => m.GetProperty("measureRef").GetString() == measureRef);

    private static List<string> Names(JsonElement array) => array.EnumerateArray().Select(u => u.GetString()!).ToList();

    [Theory, OnSqlite, OnPostgres]
    public async Task Proposals_and_decisions_are_kept_and_a_proposal_is_decided_once(Backend backend)
    {
        await using var db = await TestDatabase.CreateAsync(backend);
        var store = db.Services().GetRequiredService<ISplitStore>();
        var at = new DateTimeOffset(2026, 6, 15, 2, 0, 0, TimeSpan.Zero);
        var first = await store.ProposeAsync(new SplitProposalEntry(Row, "各街道办事处", "什刹海街道", DutyRole.Co, Citation, "街道不牵头"), "key:shichahai", at, CancellationToken.None);
        var second = await store.ProposeAsync(new SplitProposalEntry("附件1-3-4", "区交通委", "区交通委", DutyRole.Lead, "交通委三定方案第5页", null), "key:traffic", at, CancellationToken.None);

        // Two decisions race on one proposal: exactly one lands; the other finds it decided.
        var racing = await Task.WhenAll(
            store.DecideAsync(first.Id, approve: true, "key:coordinator", null, at.AddHours(1), CancellationToken.None),
            store.DecideAsync(first.Id, approve: false, "key:admin", "不同意", at.AddHours(1), CancellationToken.None));
        var rejected = await store.DecideAsync(second.Id, approve: false, "key:coordinator", "文件未提及", at.AddHours(2), CancellationToken.None);
        var again = await store.DecideAsync(second.Id, approve: true, "key:coordinator", null, at.AddHours(3), CancellationToken.None);
        var missing = await store.DecideAsync(999, approve: true, "key:coordinator", null, at, CancellationToken.None);

        Assert.Equal([SplitDecisionOutcome.Decided, SplitDecisionOutcome.AlreadyDecided], racing.Select(r => r.Outcome).Order());
        Assert.Equal((SplitDecisionOutcome.Decided, "rejected", "文件未提及"), (rejected.Outcome, rejected.Proposal!.Status, rejected.Proposal.Reason));
        Assert.Equal((SplitDecisionOutcome.AlreadyDecided, "rejected"), (again.Outcome, again.Proposal!.Status));
        Assert.Equal(SplitDecisionOutcome.NotFound, missing.Outcome);
        // Every proposal and decision is kept, with who and when; per unit on request.
        var all = await store.ListAsync(null, CancellationToken.None);
        Assert.Equal([second.Id, first.Id], all.Select(p => p.Id));
        var decidedFirst = all.Single(p => p.Id == first.Id);
        Assert.Equal(("什刹海街道", "各街道办事处", "co", Citation, "街道不牵头", "key:shichahai", at),
            (decidedFirst.Unit, decidedFirst.NamedAs, decidedFirst.Role, decidedFirst.Citation, decidedFirst.Comment, decidedFirst.ProposedBy, decidedFirst.ProposedAt));
        Assert.Equal(at.AddHours(1), decidedFirst.DecidedAt);
        Assert.Equal([first.Id], (await store.ListAsync("什刹海街道", CancellationToken.None)).Select(p => p.Id));
        // The plan is loaded with the approved ones only.
        var approved = await store.ApprovedAsync(CancellationToken.None);
        if (racing.Single(r => r.Outcome == SplitDecisionOutcome.Decided).Proposal!.Status == SplitProposal.Approved)
        {
            var correction = Assert.Single(approved);
            Assert.Equal((Row, "各街道办事处", DutyRole.Co, "key:coordinator"), (correction.MeasureRef, correction.NamedAs, correction.Role, correction.ApprovedBy));
        }
        else
        {
            Assert.Empty(approved);
        }
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Only_a_unit_on_the_row_proposes_only_the_coordinator_decides_and_bad_input_writes_nothing(Backend backend)
    {
        await using var office = await ProgressApiTests.Office.OpenAsync(backend);
        using var shichahai = office.As("什刹海街道");
        using var cityManagement = office.As("区城市管理委");
        using var coordinator = office.As("区生态环境局");
        using var admin = office.As("admin");

        // A unit the row does not name; a unit speaking for another; an admin without naming one.
        Assert.Equal(HttpStatusCode.Forbidden, (await Propose(coordinator, Row, new { role = "co", citation = Citation })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Propose(cityManagement, Row, new { unit = "什刹海街道", role = "co", citation = Citation })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Propose(admin, Row, new { role = "co", citation = Citation })).StatusCode);
        // Bad input: 400 problem+json, whoever sends it.
        var bad = new[]
        {
            """{"role":"主责","citation":"文件"}""",
            """{"role":"co"}""",
            """{"role":"co","citation":"   "}""",
            $$"""{"role":"co","citation":"{{new string('文', 501)}}"}""",
            """{"role":"co","citation":"文件","unit":"火星局"}""",
            """{"role":"co","citation":""",
        };
        foreach (var body in bad)
        {
            var response = await shichahai.PostAsync($"/api/splits/{Row}", new StringContent(body, Encoding.UTF8, "application/json"));
            Assert.True(HttpStatusCode.BadRequest == response.StatusCode, $"{body[..Math.Min(40, body.Length)]}: {response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        // 附件1-24-1's only lead unit cannot leave the row without one; a row whose split is not inferred has nothing to settle.
        Assert.Equal(HttpStatusCode.BadRequest, (await Propose(coordinator, "附件1-24-1", new { role = "co", citation = Citation })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Propose(shichahai, "附件9-9-9", new { role = "co", citation = Citation })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await Propose(cityManagement, "附件1-7-4", new { role = "co", citation = Citation })).StatusCode);
        Assert.Empty(await office.Db.QueryAsync("SELECT id FROM split_proposals"));

        var id = await ProposeOk(shichahai, Row, new { role = "co", citation = Citation, comment = "街道配合，不牵头" });
        var other = await ProposeOk(admin, "附件1-3-4", new { unit = "区城市管理委", role = "lead", citation = "城管委三定方案" });

        // Only the coordinator and admins decide; a rejection needs a reason; a decided proposal is not decided again.
        Assert.Equal(HttpStatusCode.Forbidden, (await shichahai.PostAsJsonAsync($"/api/splits/{id}/approve", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await coordinator.PostAsJsonAsync($"/api/splits/{other}/reject", new { reason = " " })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.PostAsJsonAsync("/api/splits/424242/approve", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await coordinator.PostAsJsonAsync($"/api/splits/{other}/reject", new { reason = "三定方案未涉及充电设施" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/splits/{id}/approve", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await coordinator.PostAsJsonAsync($"/api/splits/{id}/reject", new { reason = "晚了" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await coordinator.PostAsJsonAsync($"/api/splits/{other}/approve", new { })).StatusCode);

        // The unit sees its own proposals; the coordinator every one, with the decisions.
        var mine = await shichahai.GetFromJsonAsync<JsonElement>("/api/splits");
        var all = await coordinator.GetFromJsonAsync<JsonElement>("/api/splits");
        Assert.Equal([id], mine.GetProperty("proposals").EnumerateArray().Select(p => p.GetProperty("id").GetInt64()));
        Assert.False(mine.GetProperty("decides").GetBoolean());
        Assert.True(all.GetProperty("decides").GetBoolean());
        Assert.Equal(["approved/", "rejected/三定方案未涉及充电设施"],
            all.GetProperty("proposals").EnumerateArray().Select(p => $"{p.GetProperty("status").GetString()}/{p.GetProperty("reason").GetString()}").Order(StringComparer.Ordinal));
        Assert.Equal(HttpStatusCode.Forbidden, (await shichahai.GetAsync("/api/splits?unit=区城市管理委")).StatusCode);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task An_approval_changes_every_answer_at_once_without_a_restart(Backend backend)
    {
        await using var office = await ProgressApiTests.Office.OpenAsync(backend);
        using var shichahai = office.As("什刹海街道");
        using var coordinator = office.As("区生态环境局");
        using var operatorClient = office.App.CreateOperatorClient();
        using var citizen = office.App.CreateClient();
        var leadsBefore = office.App.Services.GetRequiredService<ProgressBoard>().Leads.Count(l => l.Unit == "什刹海街道");

        // Before: the row is inferred everywhere, and the street offices lead it.
        var before = await Ask(citizen, "附件1-3-3由谁负责");
        Assert.Contains(Caveat, before.GetProperty("answer").GetString());
        Assert.True(MatchOf(before, Row).GetProperty("splitInferred").GetBoolean());
        var rows = await shichahai.GetFromJsonAsync<JsonElement>("/api/splits");
        var inferred = rows.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("measureRef").GetString() == Row);
        Assert.Equal(("各街道办事处", "lead"), (inferred.GetProperty("namedAs").GetString(), inferred.GetProperty("role").GetString()));

        var id = await ProposeOk(shichahai, Row, new { role = "co", citation = Citation });
        // Proposed is not approved: nothing changes yet.
        Assert.Contains(Caveat, (await Ask(citizen, "附件1-3-3由谁负责")).GetProperty("answer").GetString());
        Assert.Equal(HttpStatusCode.OK, (await coordinator.PostAsJsonAsync($"/api/splits/{id}/approve", new { })).StatusCode);

        // /api/ask, same host, same question: the caveat is gone and 各街道办事处 co-operates.
        var after = await Ask(citizen, "附件1-3-3由谁负责");
        Assert.DoesNotContain("推断", after.GetProperty("answer").GetString());
        var match = MatchOf(after, Row);
        Assert.False(match.GetProperty("splitInferred").GetBoolean());
        Assert.Contains("各街道办事处", Names(match.GetProperty("coUnits")));
        Assert.DoesNotContain("各街道办事处", Names(match.GetProperty("leadUnits")));

        // The plan API: the row's note says who settled it, on what document.
        var task = await citizen.GetFromJsonAsync<JsonElement>("/api/tasks/附件1-3");
        var row = task.GetProperty("measures").EnumerateArray().Single(m => m.GetProperty("measureRef").GetString() == Row);
        Assert.False(row.GetProperty("splitInferred").GetBoolean());
        Assert.Contains(Citation, row.GetProperty("note").GetString());
        Assert.Contains("什刹海街道", row.GetProperty("note").GetString());

        // Duties: co for every street office now; the row leaves the unit's list of rows to settle.
        var duties = await citizen.GetFromJsonAsync<JsonElement>("/api/units/德胜街道/duties");
        Assert.DoesNotContain(duties.GetProperty("leads").EnumerateArray().Concat(duties.GetProperty("openEnded").EnumerateArray()),
            d => d.GetProperty("measureRef").GetString() == Row && d.GetProperty("role").GetString() == "lead");
        Assert.Contains(duties.GetProperty("openEnded").EnumerateArray(), d => d.GetProperty("measureRef").GetString() == Row && d.GetProperty("role").GetString() == "co");
        Assert.DoesNotContain((await shichahai.GetFromJsonAsync<JsonElement>("/api/splits")).GetProperty("rows").EnumerateArray(),
            r => r.GetProperty("measureRef").GetString() == Row);

        // Progress: a co unit does not report the row, and the board owes one fewer report from each street office.
        var report = await shichahai.PutAsJsonAsync($"/api/progress/2024-06/{Row}", new { status = "推进中", progress = "推进中" });
        Assert.Equal(HttpStatusCode.Forbidden, report.StatusCode);
        Assert.Equal(leadsBefore - 1, office.App.Services.GetRequiredService<ProgressBoard>().Leads.Count(l => l.Unit == "什刹海街道"));

        // The hotline's dispatch note no longer asks to check the split.
        var draft = await (await operatorClient.PostAsJsonAsync("/api/hotline/drafts", new { complaint = "小区里没有充电桩" })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(Row, draft.GetProperty("dispatchNote").GetString());
        Assert.DoesNotContain("推断", draft.GetProperty("dispatchNote").GetString());
        Assert.False(draft.GetProperty("splitInferred").GetBoolean());
    }

    [Fact]
    public async Task A_Teams_card_drops_the_caveat_once_the_row_is_settled()
    {
        await using var bot = await BotHarness.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Assistant:Auth:TenantIds:0"] = TeamsPayloads.TenantId,
            ["Assistant:AdminApiKey"] = ProgressApiTests.AdminKey,
        });
        static string Personal(string text, string id) => TeamsPayloads.PersonalMessage
            .Replace("\"text\": \"餐饮油烟归哪个部门管\"", $"\"text\": {JsonSerializer.Serialize(text)}", StringComparison.Ordinal)
            .Replace("1714968600000", id, StringComparison.Ordinal);

        await bot.SendAsync(Personal("附件1-3-3由谁负责", "1714968600001"));
        var before = (await bot.Connector.WaitForAsync(2))[1].CardTexts;
        using (var admin = bot.App.CreateClientWithKey(ProgressApiTests.AdminKey))
        {
            var id = await ProposeOk(admin, Row, new { unit = "什刹海街道", role = "co", citation = Citation });
            Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/splits/{id}/approve", new { })).StatusCode);
        }

        await bot.SendAsync(Personal("附件1-3-3由谁负责", "1714968600002"));
        var after = (await bot.Connector.WaitForAsync(4))[3].CardTexts;

        Assert.Contains(before, t => t.Contains(Caveat, StringComparison.Ordinal));
        Assert.Contains(after, t => t.Contains(Row, StringComparison.Ordinal));
        Assert.DoesNotContain(after, t => t.Contains("推断", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_approved_correction_survives_a_restart()
    {
        await using var db = await TestDatabase.CreateAsync(Backend.Sqlite);
        var settings = new Dictionary<string, string?>(db.Settings) { ["Assistant:AdminApiKey"] = ProgressApiTests.AdminKey };
        await using (var first = new AssistantApplication(settings, db.DataDirectory))
        {
            using var admin = first.CreateClientWithKey(ProgressApiTests.AdminKey);
            var id = await ProposeOk(admin, "附件1-3-4", new { unit = "区交通委", role = "co", citation = "区交通委职能配置规定第3条" });
            Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/splits/{id}/approve", new { })).StatusCode);
        }

        await using var second = new AssistantApplication(settings, db.DataDirectory);
        using var citizen = second.CreateClient();
        var match = MatchOf(await Ask(citizen, "附件1-3-4由谁负责"), "附件1-3-4");
        Assert.False(match.GetProperty("splitInferred").GetBoolean());
        Assert.Equal(["区城市管理委"], Names(match.GetProperty("leadUnits")));
        Assert.Equal(["区交通委", "市规划自然资源委西城分局"], Names(match.GetProperty("coUnits")));
        Assert.Single(second.Services.GetRequiredService<LivePlan>().Current.Corrections);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Another_instance_on_the_same_database_picks_up_an_approval_on_its_next_check(Backend backend)
    {
        await using var db = await TestDatabase.CreateAsync(backend);
        var settings = new Dictionary<string, string?>(db.Settings)
        {
            ["Assistant:AdminApiKey"] = ProgressApiTests.AdminKey,
            ["Assistant:Progress:SplitRefreshSeconds"] = "1",
        };
        await using var one = new AssistantApplication(settings, db.DataDirectory);
        await using var other = new AssistantApplication(settings, db.DataDirectory);
        using var admin = one.CreateClientWithKey(ProgressApiTests.AdminKey);
        using var citizen = other.CreateClient();
        Assert.True(MatchOf(await Ask(citizen, "附件1-3-4由谁负责"), "附件1-3-4").GetProperty("splitInferred").GetBoolean());

        var id = await ProposeOk(admin, "附件1-3-4", new { unit = "区交通委", role = "lead", citation = "区交通委职能配置规定第3条" });
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/splits/{id}/approve", new { })).StatusCode);

        var settled = false;
        for (var i = 0; i < 60 && !settled; i++)
        {
            await Task.Delay(250);
            settled = !MatchOf(await Ask(citizen, "附件1-3-4由谁负责"), "附件1-3-4").GetProperty("splitInferred").GetBoolean();
        }

        Assert.True(settled, "the other instance still answers from the plan without the approval after 15 s");
    }

    [Fact]
    public async Task Knowledge_export_writes_the_approved_corrections_into_a_plan_that_still_validates()
    {
        await using var db = await TestDatabase.CreateAsync(Backend.Sqlite);
        var store = db.Services().GetRequiredService<ISplitStore>();
        var at = new DateTimeOffset(2026, 6, 15, 2, 0, 0, TimeSpan.Zero);
        var settle = await store.ProposeAsync(new SplitProposalEntry(Row, "各街道办事处", "什刹海街道", DutyRole.Co, Citation, null), "key:shichahai", at, CancellationToken.None);
        var pending = await store.ProposeAsync(new SplitProposalEntry("附件1-3-4", "区交通委", "区交通委", DutyRole.Co, "未审核的提议", null), "key:traffic", at, CancellationToken.None);
        await store.DecideAsync(settle.Id, approve: true, "key:coordinator", null, at.AddDays(1), CancellationToken.None);
        var path = Path.Combine(db.DataDirectory, "exported", "plan.json");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var output = new StringWriter();

        var code = AssistantCli.Run(["knowledge", "export", "--data", db.DataDirectory, "--output", path], output);

        Assert.True(code == 0, output.ToString());
        Assert.Contains($"Wrote {path}: 1 approved split correction(s) on 1 row(s); grounded in", output.ToString());
        var directory = KnowledgeLoader.LocateDirectory();
        var original = KnowledgeLoader.ReadPlan(Path.Combine(directory, "plan.json")).Measures.ToList();
        var exported = KnowledgeLoader.ReadPlan(path).Measures.ToList();
        // Only the settled row changed: its units moved within the row, splitInferred false, the note says who, when, on what.
        Assert.Equal(original.Select(m => m.Ref), exported.Select(m => m.Ref));
        var changed = exported.Zip(original).Where(p => JsonSerializer.Serialize(p.First) != JsonSerializer.Serialize(p.Second)).Select(p => p.First).ToList();
        var row = Assert.Single(changed);
        Assert.Equal(Row, row.Ref);
        Assert.False(row.SplitInferred);
        Assert.Equal(["区城市管理委", "市规划自然资源委西城分局"], row.LeadUnits);
        Assert.Equal(["各街道办事处", "区房管局"], row.CoUnits);
        Assert.Contains(Citation, row.NoteZh);
        Assert.Contains("什刹海街道", row.NoteZh);
        Assert.Contains("2026-06-16", row.NoteZh);
        Assert.Contains(Citation, row.Note);
        Assert.True(exported.Single(m => m.Ref == pending.MeasureRef).SplitInferred);
        // The exported file, with the rest of the knowledge, passes the same validator as `knowledge validate`.
        var knowledge = KnowledgeLoader.Load(directory);
        var written = new KnowledgeBase(KnowledgeLoader.ReadPlan(path), knowledge.Units, knowledge.Streets, knowledge.Synonyms, knowledge.Everyday);
        var seed = await File.ReadAllTextAsync(Path.Combine(directory, "..", written.Plan.Source));
        Assert.Empty(new GroundingValidator(seed).Validate(written));
    }
}
