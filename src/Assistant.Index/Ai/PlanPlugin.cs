using System.ComponentModel;
using System.Globalization;
using Assistant.Index.Answers;
using Assistant.Index.Knowledge;
using Assistant.Index.Search;
using Microsoft.SemanticKernel;

namespace Assistant.Index.Ai;

/// <summary>
/// The plan's question-and-answer functions for a language model: the same knowledge, index and reader the
/// deterministic answers use. Read-only, no personal data; safe for every role. Invoking them needs no model.
/// </summary>
public sealed class PlanPlugin(LivePlan plan)
{
    public const string Name = "plan";

    /// <summary>Source of the street table, as the deterministic answers cite it.</summary>
    public const string StreetTableSource = "附件1 全区及各街道空气质量目标表";

    public const string DistrictTableSource = "附件6";

    private const int MaxDuties = 50;

    /// <summary>The plan as it stands now (approved split corrections included).</summary>
    private PlanRuntime Runtime => plan.Current;

    private KnowledgeBase Knowledge => Runtime.Knowledge;

    [KernelFunction("search_measures")]
    [Description("按主题检索计划中的工作措施，返回编号、措施原文、完成时限、主责和协办单位。Search the plan's measures (工作措施) by topic; returns reference, wording, deadline, lead and co-operating units.")]
    public MeasureSearch SearchMeasures(
        [Description("要查的事项，用计划的说法，如“餐饮油烟”“施工扬尘”。The matter to look for, in the plan's words.")] string topic,
        [Description("只看某个单位参与的措施（可选）。Only measures this unit takes part in (optional).")] string? unit = null,
        [Description("最多返回几条（1-10）。At most this many measures (1-10).")] int max = 5)
    {
        var question = Runtime.Answers.Reader.Read(topic);
        var units = question.Units.Select(u => u.Name).ToList();
        if (!string.IsNullOrWhiteSpace(unit) && Runtime.FindUnit(unit) is { } named)
        {
            units.Add(named.Name);
        }

        var text = question.Topic.Length > 0 ? question.Topic : question.Normalized;
        var hits = Runtime.Answers.FindMeasures(text, units, max: 20)
            .Where(h => h.Coverage >= AnswerEngine.MinCoverage)
            .Select(h => h.Measure)
            .ToList();
        if (units.Count > 0 && hits.Any(m => units.Any(m.InvolvesUnit)))
        {
            hits = hits.Where(m => units.Any(m.InvolvesUnit)).ToList();
        }

        var measures = hits.Take(Math.Clamp(max, 1, 10)).Select(MeasureRecord.From).ToList();
        return new MeasureSearch(measures, measures.Count == 0 ? "计划中没有与此相关的措施。" : null);
    }

    [KernelFunction("get_by_reference")]
    [Description("按编号取一项重点任务（如 附件1-15）及其全部措施，或一条措施（如 附件1-15-1）。Get a task (附件1-15) with its measures, or one measure (附件1-15-1), by reference.")]
    public ReferenceLookup GetByReference(
        [Description("任务或措施编号。A task or measure reference.")] string reference)
    {
        if (!References.TryParse(ChineseText.Normalize(reference), out var annex, out var number, out var only)
            || Knowledge.FindTask(annex, number) is not { } task)
        {
            return new ReferenceLookup(null, null, null, null, [], "计划中没有这个编号的任务。");
        }

        var measures = task.Measures.Where(m => only is null || m.Number == only).Select(MeasureRecord.From).ToList();
        if (measures.Count == 0)
        {
            return new ReferenceLookup(task.Ref, null, task.Name, task.Section, [], "这项任务下没有这个编号的措施。");
        }

        var annexTitle = Knowledge.Plan.Annexes.First(a => a.Number == annex).Title;
        var found = only is { } k ? References.Measure(annex, number, k) : task.Ref;
        return new ReferenceLookup(found, $"附件{annex} {annexTitle}", task.Name, task.Section, measures, null);
    }

    [KernelFunction("unit_duties")]
    [Description("某个单位主责（牵头）和协办的措施，可按完成时限的日期范围筛选；街道也包括计划交给“各街道办事处”的措施。What a unit leads and co-operates on, optionally only measures due within a date range; a street also gets the rows given to all street offices.")]
    public UnitDuties GetUnitDuties(
        [Description("单位或街道名称，全称或简称均可，如“区园林绿化局”“园林局”“德胜街道”。A unit or street, full or short name.")] string unit,
        [Description("lead（主责）、co（协办）或 all（全部）。lead, co or all.")] string role = "all",
        [Description("完成时限不早于此日期（yyyy-MM-dd，可选）。Due on or after this date (optional).")] string? dueFrom = null,
        [Description("完成时限不晚于此日期（yyyy-MM-dd，可选）。Due on or before this date (optional).")] string? dueTo = null)
    {
        var names = NamesOf(unit, out var subject);
        if (subject is null)
        {
            return new UnitDuties(null, 0, 0, [], "计划中没有这个名称的单位或街道。");
        }

        if (!TryDate(dueFrom, out var from) || !TryDate(dueTo, out var to))
        {
            return new UnitDuties(subject, 0, 0, [], "日期应写成 yyyy-MM-dd。");
        }

        (DateOnly From, DateOnly To)? window = from is null && to is null
            ? null
            : (from ?? new DateOnly(Deadline.PlanYear, 1, 1), to ?? new DateOnly(Deadline.PlanYear, 12, 31));
        var wantLead = role is not ("co" or "协办");
        var wantCo = role is not ("lead" or "主责" or "牵头");
        var rows = new List<DutyRecord>();
        foreach (var m in Knowledge.Plan.Measures)
        {
            if (window is { } w && !m.Deadline.DueWithin(w.From, w.To))
            {
                continue;
            }

            var lead = m.LeadUnits.FirstOrDefault(names.Contains);
            var co = lead is null ? m.CoUnits.FirstOrDefault(names.Contains) : null;
            if (lead is not null && wantLead || co is not null && wantCo)
            {
                var namedAs = lead ?? co!;
                rows.Add(new DutyRecord(m.Ref, m.TaskName, lead is not null ? "主责" : "协办", namedAs == subject ? null : namedAs,
                    m.Deadline.Text, AnswerEngine.Trim(m.Text, 60)));
            }
        }

        var leadCount = rows.Count(r => r.Role == "主责");
        var message = rows.Count == 0 ? "没有符合条件的措施。" : rows.Count > MaxDuties ? "措施较多，只列出一部分；可按完成时限缩小范围。" : null;
        return new UnitDuties(subject, leadCount, rows.Count - leadCount, rows.Take(MaxDuties).ToList(), message);
    }

    [KernelFunction("street_targets")]
    [Description("街道2024年空气质量目标（PM2.5年均和一季度浓度、优良天数比率、重污染天数），不填街道则返回全部街道。A street's 2024 air-quality targets; all streets when none is given.")]
    public TargetFigures GetStreetTargets(
        [Description("街道名称，如“德胜街道”“德胜”（可选）。A street name (optional).")] string? street = null)
    {
        IEnumerable<Street> streets;
        if (string.IsNullOrWhiteSpace(street))
        {
            streets = Knowledge.Streets;
        }
        else if (Runtime.FindStreet(street) is { } one)
        {
            streets = [one];
        }
        else
        {
            return new TargetFigures([], "计划的街道目标表中没有这个街道。");
        }

        var figures = streets.SelectMany(StreetFigures).ToList();
        return new TargetFigures(figures, figures.Count == 0 ? "计划的街道目标表中没有这个街道。" : null);
    }

    [KernelFunction("district_targets")]
    [Description("全区2024年指标（附件6）：PM2.5、优良天数、重污染天数、碳排放下降率、减排量、水质等；可按关键词筛选。District-wide 2024 targets (附件6), optionally filtered by keyword.")]
    public TargetFigures GetDistrictTargets(
        [Description("指标关键词，如“PM2.5”“叉车”（可选）。A keyword of the figure (optional).")] string? keyword = null)
    {
        var all = Knowledge.Plan.DistrictTargets;
        var key = string.IsNullOrWhiteSpace(keyword) ? null : ChineseText.Normalize(keyword);
        var chosen = key is null
            ? all
            : all.Where(t => ChineseText.Normalize(t.Name).Contains(key, StringComparison.Ordinal)
                || t.Keywords.Any(k => key.Contains(ChineseText.Normalize(k), StringComparison.Ordinal))).ToList();
        if (chosen.Count == 0)
        {
            chosen = all;
        }

        return new TargetFigures(chosen.Select(t => new Figure(t.Name, t.Value, t.Unit, DistrictTableSource)).ToList(), null);
    }

    private IEnumerable<Figure> StreetFigures(Street street)
    {
        if (Knowledge.TargetFor(street) is not { } t)
        {
            yield break;
        }

        yield return new Figure($"{street.Name} PM2.5年均浓度", Number(t.Pm25Annual), "微克/立方米", StreetTableSource);
        yield return new Figure($"{street.Name} 一季度PM2.5浓度", Number(t.Pm25Q1), "微克/立方米", StreetTableSource);
        yield return new Figure($"{street.Name} 优良天数比率", Number(t.GoodDaysRatio), "%", StreetTableSource);
        yield return new Figure($"{street.Name} 重污染天数（全年）", Number(t.HeavyPollutionDays), "天", StreetTableSource);
        yield return new Figure($"{street.Name} 重污染天数（一季度）", Number(t.HeavyPollutionDaysQ1), "天", StreetTableSource);
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);


    /// <summary>The names under which a unit or a street appears in the tables; a street also through 各街道办事处.</summary>
    private HashSet<string> NamesOf(string name, out string? subject)
    {
        var street = Runtime.FindStreet(name);
        var unit = Runtime.FindUnit(name);
        if (unit is not null && (street is null || unit.Kind != UnitKind.StreetOffice))
        {
            subject = unit.Name;
            return StreetOfficeGroups.NamesInTables(unit, null);
        }

        subject = street?.Office;
        return street is null ? [] : StreetOfficeGroups.NamesInTables(null, street);
    }

    private static bool TryDate(string? text, out DateOnly? date)
    {
        date = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (DateOnly.TryParseExact(ChineseText.Normalize(text), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            date = d;
            return true;
        }

        return false;
    }
}
