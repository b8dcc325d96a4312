using Assistant.Index.Knowledge;

namespace Assistant.Index.Tests;

/// <summary>Approved split corrections applied to the plan, and the live plan that swaps in a rebuilt runtime.</summary>
[Collection(PlanCollection.Name)]
public sealed class SplitCorrectionTests(PlanFixture plan)
{
    private static readonly DateTimeOffset Approved = new(2026, 6, 16, 2, 0, 0, TimeSpan.Zero);

    private static SplitCorrection Correction(long id, string measureRef, string name, DutyRole role, string unit = "区交通委", int day = 0) =>
        new(id, measureRef, name, role, unit, "某文件第1页", "key:unit", Approved.AddDays(-1), "key:coordinator", Approved.AddDays(day));

    [Fact]
    public void A_correction_moves_a_name_within_its_row_settles_the_row_and_leaves_the_others_alone()
    {
        var corrected = SplitCorrections.Apply(plan.Knowledge.Plan, [Correction(1, "附件1-3-4", "区交通委", DutyRole.Co)], out var skipped);

        Assert.Empty(skipped);
        var row = corrected.Measures.Single(m => m.Ref == "附件1-3-4");
        Assert.Equal(["区城市管理委"], row.LeadUnits);
        Assert.Equal(["区交通委", "市规划自然资源委西城分局"], row.CoUnits);
        Assert.False(row.SplitInferred);
        Assert.Equal("分工已确认：区交通委更正其为协办单位，依据：某文件第1页（key:unit提出，key:coordinator于2026-06-16审核通过）。", row.NoteZh);
        // Every other row is the very same record.
        Assert.All(corrected.Measures.Zip(plan.Knowledge.Plan.Measures).Where(p => p.Second.Ref != "附件1-3-4"), p => Assert.Same(p.Second, p.First));
        // The seed still grounds every row: a correction never brings a unit the row does not have.
        var knowledge = new KnowledgeBase(corrected, plan.Knowledge.Units, plan.Knowledge.Streets, plan.Knowledge.Synonyms, plan.Knowledge.Everyday);
        Assert.Empty(new GroundingValidator(plan.SeedText).Validate(knowledge));
    }

    [Fact]
    public void A_confirmation_keeps_the_order_and_a_later_approval_wins()
    {
        var corrected = SplitCorrections.Apply(plan.Knowledge.Plan,
        [
            Correction(2, "附件1-3-4", "区交通委", DutyRole.Co, day: 1),
            Correction(1, "附件1-3-4", "区交通委", DutyRole.Lead),
        ], out _);

        var row = corrected.Measures.Single(m => m.Ref == "附件1-3-4");
        Assert.Equal(["区城市管理委"], row.LeadUnits);
        Assert.Equal(["区交通委", "市规划自然资源委西城分局"], row.CoUnits);
        Assert.StartsWith("分工已确认：区交通委确认其为主责单位", row.NoteZh);
        Assert.Contains("；区交通委更正其为协办单位", row.NoteZh);
    }

    [Fact]
    public void Corrections_that_no_longer_fit_the_plan_are_left_out()
    {
        SplitCorrection[] misfits =
        [
            Correction(1, "附件9-9-9", "区交通委", DutyRole.Co),
            Correction(2, "附件1-3-4", "区园林绿化局", DutyRole.Lead, unit: "区园林绿化局"),
            Correction(3, "附件1-24-1", "区生态环境局", DutyRole.Co, unit: "区生态环境局"),
        ];

        var corrected = SplitCorrections.Apply(plan.Knowledge.Plan, misfits, out var skipped);

        Assert.Equal([1L, 2L, 3L], skipped.Select(s => s.Id).Order());
        Assert.Equal(plan.Knowledge.Plan.Measures, corrected.Measures);
    }

    [Fact]
    public async Task A_reload_swaps_in_a_new_runtime_only_when_it_is_built_and_only_when_the_approvals_changed()
    {
        IReadOnlyList<SplitCorrection> approved = [];
        var building = new SemaphoreSlim(0);
        var loads = 0;
        using var live = new LivePlan(
            corrections =>
            {
                if (Interlocked.Increment(ref loads) > 1)
                {
                    building.Wait();
                }

                return PlanRuntime.Load(plan.KnowledgeDirectory, null, corrections);
            },
            _ => Task.FromResult(approved));
        var first = live.Current;

        Assert.Same(first, await live.ReloadAsync());
        approved = [Correction(1, "附件1-3-4", "区交通委", DutyRole.Co)];
        var reload = live.ReloadAsync();
        // While the new runtime is being built, everyone keeps answering from the previous one.
        await Task.Delay(200);
        Assert.False(reload.IsCompleted);
        Assert.Same(first, live.Current);
        Assert.True(first.Answers.Ask("附件1-3-4由谁负责").SplitInferred);
        building.Release();
        var second = await reload;

        Assert.Same(second, live.Current);
        Assert.NotSame(first, second);
        Assert.False(second.Answers.Ask("附件1-3-4由谁负责").SplitInferred);
        Assert.Single(second.Corrections);
        Assert.Equal(2, loads);
    }

    [Fact]
    public async Task A_plan_loading_in_the_background_is_waited_for_by_whoever_reads_it_first()
    {
        using var release = new SemaphoreSlim(0);
        var live = new LivePlan(
            _ =>
            {
                release.Wait();
                return plan.Runtime;
            },
            inBackground: true);
        // Not disposed: it would dispose the fixture's runtime.

        Assert.False(live.IsLoaded);
        var reading = Task.Run(() => live.Current);
        await Task.Delay(200);
        Assert.False(reading.IsCompleted);
        Assert.False(live.Loaded.IsCompleted);

        release.Release();
        Assert.Same(plan.Runtime, await reading.WaitAsync(TimeSpan.FromSeconds(30)));
        await live.Loaded;
        Assert.True(live.IsLoaded);
        Assert.Same(plan.Runtime, live.Current);
        // Loaded in the constructor otherwise.
        Assert.True(LivePlan.Of(plan.Runtime).IsLoaded);
    }
}
