using Assistant.Index.Answers;
using Assistant.Index.Knowledge;

namespace Assistant.Index.Tests;

/// <summary>Unit lists in Chinese text read as the plan writes them: "区发展改革委等其他…成员单位", never "、等其他".</summary>
[Collection(PlanCollection.Name)]
public sealed class UnitListTests(PlanFixture plan)
{
    private IEnumerable<Measure> MeasuresWithGroupLabels =>
        plan.Knowledge.Plan.Measures.Where(m => m.LeadUnits.Concat(m.CoUnits).Any(u => u.StartsWith('等')));

    [Fact]
    public void A_group_label_follows_the_unit_before_it_without_a_separator()
    {
        Assert.NotEmpty(MeasuresWithGroupLabels);
        foreach (var m in MeasuresWithGroupLabels)
        {
            foreach (var units in new[] { m.LeadUnits, m.CoUnits }.Where(u => u.Count > 0))
            {
                var text = AnswerEngine.Units(units);
                Assert.DoesNotContain("、等", text, StringComparison.Ordinal);
                // Every name is still there, in order, and the ordinary ones are still separated.
                Assert.Equal(string.Concat(units), text.Replace("、", "", StringComparison.Ordinal));
                Assert.Equal(units.Count(u => !u.StartsWith('等')) - 1, text.Count(c => c == '、'));
            }
        }
    }

    [Fact]
    public void Answers_about_a_row_with_a_group_label_show_no_stray_separator()
    {
        var m = MeasuresWithGroupLabels.First();
        var answer = plan.Runtime.Answers.Ask($"{m.Ref}的协办单位有哪些");

        Assert.Equal(m.Ref, answer.Matches[0].MeasureRef);
        var label = m.CoUnits.Concat(m.LeadUnits).First(u => u.StartsWith('等'));
        Assert.Contains(label, answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("、等", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Unit_kinds_have_chinese_names()
    {
        foreach (var kind in Enum.GetValues<UnitKind>())
        {
            Assert.DoesNotMatch("[A-Za-z]", kind.ChineseName());
        }
    }
}
