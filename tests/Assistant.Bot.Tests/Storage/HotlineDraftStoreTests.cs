using Assistant.Bot.Hotline;
using Microsoft.Extensions.DependencyInjection;

namespace Assistant.Bot.Tests.Storage;

/// <summary>The draft store's contract, the same on SQLite and PostgreSQL.</summary>
public sealed class HotlineDraftStoreTests
{
    // Whole milliseconds: SQLite keeps 100 ns ticks, PostgreSQL microseconds; the contract is what both keep.
    private static readonly DateTimeOffset Received = new(2024, 3, 5, 22, 40, 0, TimeSpan.FromHours(8));

    [Theory, OnSqlite, OnPostgres]
    public async Task A_draft_is_read_back_as_it_was_saved_with_its_first_revision(Backend backend)
    {
        await using var db = await TestDatabase.CreateAsync(backend);
        var store = db.Services().GetRequiredService<IHotlineDraftStore>();
        var draft = Draft("德胜街道新街口外大街有家饭馆油烟扰民，电话13812345678", "新街口街道", Received);

        await store.AddAsync(draft, CancellationToken.None);
        var read = await store.GetAsync(draft.Id, CancellationToken.None);

        Assert.NotNull(read);
        Assert.Equal(draft.Complaint, read.Complaint);
        Assert.Equal(draft.ReceivedAt, read.ReceivedAt);
        Assert.Equal(TimeSpan.FromHours(8), read.ReceivedAt.Offset);
        Assert.Equal(draft.Draft, read.Draft);
        Assert.Equal(draft.DispatchNote, read.DispatchNote);
        Assert.Equal(("draft", 1), (read.Status, read.Revision));
        Assert.Equal(draft.CreatedAt, read.CreatedAt);
        // The triage as suggested at the time, nested records and all.
        Assert.Equal(draft.Category, read.Category);
        Assert.Equal(draft.Cues, read.Cues);
        Assert.Equal(draft.Facts, read.Facts);
        Assert.Equal(draft.LeadUnits, read.LeadUnits);
        var basis = Assert.Single(read.Basis);
        Assert.Equal(draft.Basis[0].MeasureRef, basis.MeasureRef);
        Assert.Equal(draft.Basis[0].CoUnits, basis.CoUnits);
        var revision = Assert.Single(read.Revisions);
        Assert.Equal(new HotlineRevision(1, draft.Draft, "draft", draft.CreatedAt), revision);
        Assert.Null(await store.GetAsync("no-such-draft", CancellationToken.None));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Saves_add_revisions_and_refuse_stale_or_final_ones(Backend backend)
    {
        await using var db = await TestDatabase.CreateAsync(backend);
        var store = db.Services().GetRequiredService<IHotlineDraftStore>();
        var draft = Draft("什刹海那边的工地半夜打桩", "什刹海街道", Received);
        await store.AddAsync(draft, CancellationToken.None);
        var at = Received.AddHours(1);

        var edited = await store.SaveRevisionAsync(draft.Id, "修改后的答复", "edited", expectedRevision: 1, at, CancellationToken.None);
        var stale = await store.SaveRevisionAsync(draft.Id, "晚到的修改", "edited", expectedRevision: 1, at, CancellationToken.None);
        var sent = await store.SaveRevisionAsync(draft.Id, "最终答复", "sent", expectedRevision: null, at.AddMinutes(5), CancellationToken.None);
        var afterSent = await store.SaveRevisionAsync(draft.Id, "发出后再改", "edited", expectedRevision: null, at, CancellationToken.None);
        var missing = await store.SaveRevisionAsync("no-such-draft", "x", "edited", null, at, CancellationToken.None);

        Assert.Equal((SaveOutcome.Saved, 2, "edited"), (edited.Outcome, edited.Draft!.Revision, edited.Draft.Status));
        Assert.Equal((SaveOutcome.Stale, 2), (stale.Outcome, stale.Draft!.Revision));
        Assert.Equal((SaveOutcome.Saved, 3, "最终答复"), (sent.Outcome, sent.Draft!.Revision, sent.Draft.Draft));
        Assert.Equal(SaveOutcome.NotAllowed, afterSent.Outcome);
        Assert.Equal((SaveOutcome.NotFound, null), (missing.Outcome, missing.Draft));
        var read = await store.GetAsync(draft.Id, CancellationToken.None);
        Assert.Equal(["draft", "edited", "sent"], read!.Revisions.Select(r => r.Status));
        Assert.Equal([draft.Draft, "修改后的答复", "最终答复"], read.Revisions.Select(r => r.Draft));
        Assert.Equal(at.AddMinutes(5), read.UpdatedAt);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Of_simultaneous_saves_on_one_revision_from_two_instances_exactly_one_wins(Backend backend)
    {
        await using var db = await TestDatabase.CreateAsync(backend);
        var stores = new[] { db.Services(), db.Services() }.Select(s => s.GetRequiredService<IHotlineDraftStore>()).ToArray();
        var draft = Draft("陶然亭公园广场舞音响太大", "陶然亭街道", Received);
        await stores[0].AddAsync(draft, CancellationToken.None);

        var saves = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() =>
            stores[i % 2].SaveRevisionAsync(draft.Id, $"答复{i}", "edited", expectedRevision: 1, Received, CancellationToken.None))));

        Assert.Single(saves, s => s.Outcome == SaveOutcome.Saved);
        Assert.Equal(7, saves.Count(s => s.Outcome == SaveOutcome.Stale));
        var read = await stores[1].GetAsync(draft.Id, CancellationToken.None);
        Assert.Equal(2, read!.Revisions.Count);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task The_list_filters_in_the_hotline_clock_newest_first_with_personal_data_masked(Backend backend)
    {
        await using var db = await TestDatabase.CreateAsync(backend);
        var store = db.Services().GetRequiredService<IHotlineDraftStore>();
        // 16:30 UTC on 31 March is already 1 April in Beijing.
        var april = Draft("新街口饭馆油烟，联系电话13812345678，" + new string('很', 80), "新街口街道", new DateTimeOffset(2024, 3, 31, 16, 30, 0, TimeSpan.Zero));
        var march = Draft("新街口工地夜间施工噪声", "新街口街道", new DateTimeOffset(2024, 3, 31, 15, 30, 0, TimeSpan.Zero), "噪声");
        var elsewhere = Draft("德胜门外烧烤油烟", null, new DateTimeOffset(2024, 4, 2, 1, 0, 0, TimeSpan.Zero));
        foreach (var draft in new[] { march, april, elsewhere })
        {
            await store.AddAsync(draft, CancellationToken.None);
        }

        await store.SaveRevisionAsync(elsewhere.Id, "已发送", "sent", null, Received, CancellationToken.None);

        var all = await store.ListAsync(new HotlineDraftQuery(null, null, null, null, null, 10), CancellationToken.None);
        var inApril = await store.ListAsync(new HotlineDraftQuery(null, null, new DateOnly(2024, 4, 1), new DateOnly(2024, 4, 30), null, 10), CancellationToken.None);
        var street = await store.ListAsync(new HotlineDraftQuery("新街口街道", "油烟", null, null, null, 10), CancellationToken.None);
        var sent = await store.ListAsync(new HotlineDraftQuery(null, null, null, null, "sent", 10), CancellationToken.None);
        var first = await store.ListAsync(new HotlineDraftQuery(null, null, null, null, null, 1), CancellationToken.None);

        Assert.Equal([elsewhere.Id, april.Id, march.Id], all.Select(d => d.Id));
        Assert.Equal([elsewhere.Id, april.Id], inApril.Select(d => d.Id));
        Assert.Equal([april.Id], street.Select(d => d.Id));
        Assert.Equal([elsewhere.Id], sent.Select(d => d.Id));
        Assert.Equal([elsewhere.Id], first.Select(d => d.Id));
        var summary = street[0];
        Assert.DoesNotContain("13812345678", summary.Excerpt, StringComparison.Ordinal);
        Assert.EndsWith("……", summary.Excerpt, StringComparison.Ordinal);
        Assert.Equal(april.ReceivedAt, summary.ReceivedAt);
        Assert.Equal(TimeSpan.FromHours(8), summary.ReceivedAt.Offset);
        Assert.Null(all[0].Street);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Counts_are_by_category_and_street_over_local_dates(Backend backend)
    {
        await using var db = await TestDatabase.CreateAsync(backend);
        var store = db.Services().GetRequiredService<IHotlineDraftStore>();
        var drafts = new[]
        {
            Draft("油烟一", "新街口街道", new DateTimeOffset(2024, 3, 31, 16, 30, 0, TimeSpan.Zero)), // 1 April, Beijing
            Draft("油烟二", "新街口街道", new DateTimeOffset(2024, 4, 15, 9, 0, 0, TimeSpan.FromHours(8))),
            Draft("噪声一", "新街口街道", new DateTimeOffset(2024, 4, 20, 9, 0, 0, TimeSpan.FromHours(8)), "噪声"),
            Draft("油烟三", null, new DateTimeOffset(2024, 4, 30, 23, 59, 0, TimeSpan.FromHours(8))),
            Draft("油烟四", "新街口街道", new DateTimeOffset(2024, 4, 30, 16, 0, 0, TimeSpan.Zero)), // 1 May, Beijing
        };
        foreach (var draft in drafts)
        {
            await store.AddAsync(draft, CancellationToken.None);
        }

        var counts = await store.CountAsync(new DateOnly(2024, 4, 1), new DateOnly(2024, 4, 30), CancellationToken.None);

        Assert.Equal(
            [new HotlineCount("噪声", "新街口街道", 1), new HotlineCount("油烟", null, 1), new HotlineCount("油烟", "新街口街道", 2)],
            counts.OrderBy(c => c.Category, StringComparer.Ordinal).ThenBy(c => c.Street, StringComparer.Ordinal));
    }

    /// <summary>A draft as the desk makes one, with a full triage to round-trip.</summary>
    internal static HotlineDraft Draft(string complaint, string? street, DateTimeOffset receivedAt, string category = "油烟")
    {
        var created = receivedAt.AddMinutes(3).ToUniversalTime();
        var triage = new HotlineTriageView(
            category, ["噪声"], ["油烟", "饭馆"], street, street is null ? null : "新街口", "晚上", "半夜",
            new HotlineFacts("饭馆排放油烟", "新街口外大街", "上个月", "每天", ReportedBefore: true),
            ["附件1-15"], ["区生态环境局"], ["各街道办事处"],
            [new HotlineBasis("附件1-15-1", "附件1-15", "附件1第15项", "加强餐饮油烟治理。", "2024年12月底", ["区生态环境局"], ["各街道办事处", "区市场监管局"],
                SplitInferred: false, Note: null, category)],
            SplitInferred: false);
        var text = $"您好，您反映的{category}问题已转{string.Join("、", triage.LeadUnits)}办理。";
        return HotlineDraft.Compose(Guid.NewGuid().ToString("n"), complaint, receivedAt, triage, text, "派单：区生态环境局", "draft", 1, created, created,
            [new HotlineRevision(1, text, "draft", created)]);
    }
}
