using System.Text.Json;
using Assistant.Index.Knowledge;

namespace Assistant.Index.Tests;

/// <summary>Every unit's duties against plan.json itself, read as raw JSON (not through the knowledge model).</summary>
[Collection(PlanCollection.Name)]
public sealed class DutyRosterTests(PlanFixture plan)
{
    private sealed record Row(string Ref, string Deadline, string[] Leads, string[] Cos);

    private IReadOnlyList<Row> RawRows()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(plan.KnowledgeDirectory, "plan.json")));
        var rows = new List<Row>();
        foreach (var annex in doc.RootElement.GetProperty("annexes").EnumerateArray())
        {
            foreach (var task in annex.GetProperty("tasks").EnumerateArray())
            {
                var k = 0;
                foreach (var m in task.GetProperty("measures").EnumerateArray())
                {
                    k++;
                    rows.Add(new Row($"附件{annex.GetProperty("number").GetInt32()}-{task.GetProperty("number").GetInt32()}-{k}",
                        m.GetProperty("deadline").GetString()!,
                        m.GetProperty("leadUnits").EnumerateArray().Select(u => u.GetString()!).ToArray(),
                        m.GetProperty("coUnits").EnumerateArray().Select(u => u.GetString()!).ToArray()));
                }
            }
        }

        return rows;
    }

    [Fact]
    public void Every_unit_and_street_office_gets_exactly_the_rows_plan_json_gives_it()
    {
        var rows = RawRows();
        using var units = JsonDocument.Parse(File.ReadAllText(Path.Combine(plan.KnowledgeDirectory, "units.json")));
        var kinds = units.RootElement.GetProperty("units").EnumerateArray()
            .ToDictionary(u => u.GetProperty("name").GetString()!, u => u.GetProperty("kind").GetString()!);
        var streets = plan.Knowledge.Streets;
        var subjects = DutyRoster.ReportingUnits(plan.Knowledge);

        // Every unit of units.json that is not a label reports; so does every one of the 15 street offices.
        Assert.Equal(
            kinds.Where(k => k.Value is not ("group" or "street-office")).Select(k => k.Key).Concat(streets.Select(s => s.Name)).Order(),
            subjects.Select(s => s.Name).Order());

        foreach (var subject in subjects)
        {
            var isStreet = streets.Any(s => s.Name == subject.Name);
            var street = streets.FirstOrDefault(s => s.Name == subject.Name);
            var department = kinds.GetValueOrDefault(subject.Name) is "district-bureau" or "municipal-branch";
            bool Mine(string u) => u == subject.Name
                || isStreet && (u is "各街道办事处" or "相关街道办事处" || u == street!.SeedName || u == street.Office);
            var expected = new List<(string Ref, string Role, bool Apart)>();
            foreach (var row in rows)
            {
                var apart = row.Deadline is "长期实施" or "持续推进" or "按时间节点完成";
                if (row.Leads.Any(Mine))
                {
                    expected.Add((row.Ref, "lead", apart));
                }
                else if (row.Cos.Any(Mine))
                {
                    expected.Add((row.Ref, "co", apart));
                }
                else if (department && row.Leads.Any(u => u.EndsWith("成员单位", StringComparison.Ordinal)))
                {
                    expected.Add((row.Ref, "lead", apart));
                }
                else if (department && row.Cos.Any(u => u.EndsWith("成员单位", StringComparison.Ordinal)))
                {
                    expected.Add((row.Ref, "co", apart));
                }
            }

            var found = DutyRoster.DutiesOf(plan.Knowledge, subject)
                .Select(d => (d.Measure.Ref, d.Role == DutyRole.Lead ? "lead" : "co", d.Measure.Deadline.OpenEnded))
                .ToList();
            Assert.True(expected.SequenceEqual(found), $"{subject.Name}: expected {expected.Count}, found {found.Count}");
            // Nobody is left without duties, and every duty of a dated row has a month on the timeline.
            Assert.NotEmpty(found);
            Assert.All(DutyRoster.DutiesOf(plan.Knowledge, subject).Where(d => !d.Measure.Deadline.OpenEnded),
                d => Assert.NotNull(d.Measure.Deadline.Months));
        }
    }

    [Fact]
    public void A_street_office_leads_every_row_given_to_all_street_offices_marked_as_such()
    {
        var shichahai = DutyRoster.Find(plan.Runtime, "什刹海街道")!;
        var xinjiekou = DutyRoster.Find(plan.Runtime, "新街口")!;
        var allRows = RawRows().Where(r => r.Leads.Contains("各街道办事处")).Select(r => r.Ref).ToList();

        Assert.True(allRows.Count >= 20, $"{allRows.Count} rows name 各街道办事处 as lead");
        foreach (var subject in new[] { shichahai, xinjiekou })
        {
            var leads = DutyRoster.DutiesOf(plan.Knowledge, subject).Where(d => d.Role == DutyRole.Lead).ToList();
            Assert.Equal(allRows, leads.Where(d => d.Basis == DutyBasis.AllStreetOffices).Select(d => d.Measure.Ref));
            Assert.All(leads.Where(d => d.Basis == DutyBasis.AllStreetOffices), d => Assert.Equal("各街道办事处", d.NamedAs));
        }

        Assert.Equal("新街口街道", xinjiekou.Name);
        Assert.Equal(shichahai.Name, DutyRoster.Find(plan.Runtime, "什刹海街道办事处")!.Name);
    }

    [Fact]
    public void A_member_unit_sees_the_group_rows_as_a_member_not_as_named()
    {
        var bureau = DutyRoster.Find(plan.Runtime, "区园林绿化局")!;
        var duties = DutyRoster.DutiesOf(plan.Knowledge, bureau);

        var viaGroup = duties.Where(d => d.Basis == DutyBasis.GroupMember).ToList();
        Assert.Contains(viaGroup, d => d.Measure.Ref == "附件1-1-1" && d.Role == DutyRole.Co && d.NamedAs == "等其他区委生态文明委环境污染防治工作小组成员单位");
        Assert.Contains(viaGroup, d => d.Measure.Ref == "附件1-23-1" && d.Role == DutyRole.Lead && d.NamedAs == "区空气重污染应急指挥部成员单位");
        // A company is no member of the district's working group.
        Assert.DoesNotContain(DutyRoster.DutiesOf(plan.Knowledge, DutyRoster.Find(plan.Runtime, "排水集团")!), d => d.Basis == DutyBasis.GroupMember);
    }

    [Theory]
    [InlineData("年底前", 12, 12)]
    [InlineData("6-9月", 6, 9)]
    [InlineData("4月底前", 4, 4)]
    [InlineData("4月1日起", 4, 12)]
    public void Deadlines_are_read_into_months_of_the_plan_year(string text, int first, int last)
    {
        Assert.Equal((first, last), Deadline.Parse(text).Months);
        Assert.False(Deadline.Parse(text).OpenEnded);
    }

    [Theory]
    [InlineData("长期实施")]
    [InlineData("持续推进")]
    [InlineData("按时间节点完成")]
    public void Open_ended_deadlines_have_no_month(string text)
    {
        Assert.True(Deadline.Parse(text).OpenEnded);
        Assert.Null(Deadline.Parse(text).Months);
        Assert.Null(Deadline.Parse(text).DueMonth);
    }

    [Fact]
    public void This_month_is_todays_month_in_Beijing_in_the_plan_year()
    {
        // 16:30 UTC on 30 November is already 1 December in Beijing.
        Assert.Equal(12, PlanMonth.Current(new DateTimeOffset(2026, 11, 30, 16, 30, 0, TimeSpan.Zero)));
        Assert.Equal(11, PlanMonth.Current(new DateTimeOffset(2026, 11, 30, 15, 30, 0, TimeSpan.Zero)));
        Assert.True(PlanMonth.TryParse("2024-06", out var june) && june == 6);
        Assert.False(PlanMonth.TryParse("2025-06", out _));
        Assert.False(PlanMonth.TryParse("2024-13", out _));
    }
}
