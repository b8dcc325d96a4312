using Assistant.Index.Knowledge;

namespace Assistant.Index.Tests;

/// <summary>The validator passes the real knowledge and catches each kind of broken copy.</summary>
[Collection(PlanCollection.Name)]
public sealed class GroundingValidatorTests(PlanFixture plan)
{
    private readonly GroundingValidator _validator = new(plan.SeedText);

    [Fact]
    public void Real_knowledge_is_grounded_in_the_seed()
    {
        var problems = _validator.Validate(plan.Knowledge);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Catches_a_one_character_change_in_a_measure()
    {
        var target = plan.Knowledge.FindMeasure("附件1-15-1")!;
        var i = target.Text.IndexOf("大数据", StringComparison.Ordinal);
        var broken = Replace(target, target with { Text = string.Concat(target.Text.AsSpan(0, i), "大数库", target.Text.AsSpan(i + 3)) });

        var problems = _validator.Validate(broken);

        Assert.Contains(problems, p => p.Where == "附件1-15-1");
    }

    [Fact]
    public void Catches_measures_out_of_seed_order()
    {
        var task = plan.Knowledge.Plan.Tasks.First(t => t.Measures.Count >= 2);
        var swapped = task with { Measures = [task.Measures[1] with { Number = 1 }, task.Measures[0] with { Number = 2 }, .. task.Measures.Skip(2)] };

        var problems = _validator.Validate(With(plan.Knowledge, ReplaceTask(plan.Knowledge.Plan, swapped)));

        Assert.NotEmpty(problems);
    }

    [Fact]
    public void Catches_a_unit_that_is_not_in_that_row()
    {
        // 区园林绿化局 is a real unit but takes no part in 附件1-1.
        var target = plan.Knowledge.FindMeasure("附件1-1-1")!;
        Assert.DoesNotContain("区园林绿化局", target.LeadUnits.Concat(target.CoUnits));
        var broken = Replace(target, target with { CoUnits = ["区园林绿化局", .. target.CoUnits.Skip(1)] });

        var problems = _validator.Validate(broken);

        Assert.Contains(problems, p => p.Where == "附件1-1-1" && p.Message.Contains("区园林绿化局", StringComparison.Ordinal));
    }

    [Fact]
    public void Catches_a_dropped_task()
    {
        var annex = plan.Knowledge.Plan.Annexes[1];
        var dropped = annex with { Tasks = annex.Tasks.Where(t => t.Number != 7).ToList() };
        var brokenPlan = plan.Knowledge.Plan with { Annexes = plan.Knowledge.Plan.Annexes.Select(a => a.Number == annex.Number ? dropped : a).ToList() };

        var problems = _validator.Validate(With(plan.Knowledge, brokenPlan));

        Assert.Contains(problems, p => p.Where == References.Task(annex.Number, 7) && p.Message.Contains("missing", StringComparison.Ordinal));
    }

    [Fact]
    public void Catches_a_deadline_the_seed_does_not_have()
    {
        var target = plan.Knowledge.FindMeasure("附件1-15-1")!;
        var broken = Replace(target, target with { Deadline = Deadline.Parse("11月底前") });

        Assert.Contains(_validator.Validate(broken), p => p.Where == "附件1-15-1" && p.Message.Contains("deadline", StringComparison.Ordinal));
    }

    [Fact]
    public void Catches_a_changed_street_figure()
    {
        var targets = plan.Knowledge.Plan.StreetTargets.Select(t => t.Street == "德胜街道" ? t with { Pm25Annual = 36 } : t).ToList();

        var problems = _validator.Validate(With(plan.Knowledge, plan.Knowledge.Plan with { StreetTargets = targets }));

        Assert.Contains(problems, p => p.Where == "streetTargets/德胜街道");
    }

    [Fact]
    public void Catches_a_changed_district_figure()
    {
        var targets = plan.Knowledge.Plan.DistrictTargets.Select(t => t.Name.StartsWith("叉车", StringComparison.Ordinal) ? t with { Value = "12" } : t).ToList();

        var problems = _validator.Validate(With(plan.Knowledge, plan.Knowledge.Plan with { DistrictTargets = targets }));

        Assert.Contains(problems, p => p.Where.StartsWith("districtTargets/叉车", StringComparison.Ordinal));
    }

    private KnowledgeBase Replace(Measure old, Measure replacement)
    {
        var task = plan.Knowledge.FindTask(old.TaskRef)!;
        var newTask = task with { Measures = task.Measures.Select(m => m.Ref == old.Ref ? replacement : m).ToList() };
        return With(plan.Knowledge, ReplaceTask(plan.Knowledge.Plan, newTask));
    }

    private static Plan ReplaceTask(Plan p, PlanTask task) => p with
    {
        Annexes = p.Annexes.Select(a => a.Number != task.Annex ? a : a with
        {
            Tasks = a.Tasks.Select(t => t.Number == task.Number ? task : t).ToList(),
        }).ToList(),
    };

    private static KnowledgeBase With(KnowledgeBase k, Plan p) => new(p, k.Units, k.Streets, k.Synonyms);
}
