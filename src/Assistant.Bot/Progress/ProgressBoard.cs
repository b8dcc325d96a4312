using Assistant.Index.Knowledge;

namespace Assistant.Bot.Progress;

/// <summary>A report with the measure it is about, as the API and the page show it.</summary>
public sealed record ProgressRow(
    string Month, string MeasureRef, int Annex, string TaskName, string Deadline, string? DueMonth, string Unit, string Status,
    string Progress, string? NextSteps, string? Problems, bool Submitted, int Revision, string ReportedBy, DateTimeOffset ReportedAt, bool Overdue);

/// <summary>A lead unit's measure whose due month has passed while its latest submitted status is not 已完成.</summary>
public sealed record OverdueItem(string MeasureRef, int Annex, string TaskName, string Deadline, string DueMonth, string Unit, string? LatestStatus, string? LatestMonth);

/// <summary>One unit's month: measures it leads, reports submitted, how many are done or behind, overdue ones.</summary>
public sealed record UnitSummary(string Unit, int Led, int Reported, int Done, int Behind, int Overdue, int Drafts);

/// <summary>A month of reports: this month in the plan year, the reports, what is overdue, and a line per unit.</summary>
public sealed record ProgressMonth(
    string Month, string CurrentMonth, string? Unit, string Coordinator, IReadOnlyList<ProgressRow> Reports, IReadOnlyList<OverdueItem> Overdue,
    IReadOnlyList<UnitSummary> Units);

/// <summary>
/// The plan's duties and the stored reports put together: who leads what, what a month's reports say, and what is
/// overdue as of that month (due month before it, latest submitted status up to it not 已完成).
/// </summary>
public sealed class ProgressBoard
{
    private readonly KnowledgeBase _knowledge;
    private readonly IProgressStore _store;
    private readonly Dictionary<string, int> _order;

    public ProgressBoard(KnowledgeBase knowledge, IProgressStore store)
    {
        _knowledge = knowledge;
        _store = store;
        _order = knowledge.Measures.Select((m, i) => (m.Ref, i)).ToDictionary(x => x.Ref, x => x.i, StringComparer.Ordinal);
        Units = DutyRoster.ReportingUnits(knowledge);
        Leads = Units
            .SelectMany(u => DutyRoster.DutiesOf(knowledge, u).Where(d => d.Role == DutyRole.Lead).Select(d => (Unit: u.Name, d.Measure)))
            .ToList();
    }

    /// <summary>Every unit that reports, in the units table's order, street offices last.</summary>
    public IReadOnlyList<DutySubject> Units { get; }

    /// <summary>Every (lead unit, measure) pair: what is to be reported.</summary>
    public IReadOnlyList<(string Unit, Measure Measure)> Leads { get; }

    public async Task<ProgressMonth> MonthAsync(int month, int currentMonth, string? unit, string coordinator, CancellationToken cancellationToken)
    {
        var key = PlanMonth.Format(month);
        var reports = await _store.ListAsync(key, unit, cancellationToken);
        var submitted = await _store.SubmittedUpToAsync(key, cancellationToken);
        // The latest submitted report of each (measure, unit), by month: the one that says whether it is done.
        var latest = submitted
            .GroupBy(r => (r.MeasureRef, r.Unit))
            .ToDictionary(g => g.Key, g => g.MaxBy(r => r.Month)!);
        var overdue = Leads
            .Where(l => unit is null || l.Unit == unit)
            .Where(l => PlanMonth.IsPastDue(l.Measure, month))
            .Select(l => (l.Unit, l.Measure, Latest: latest.GetValueOrDefault((l.Measure.Ref, l.Unit))))
            .Where(l => l.Latest?.Status != ProgressStatus.Done)
            .Select(l => new OverdueItem(l.Measure.Ref, l.Measure.Annex, l.Measure.TaskName, l.Measure.Deadline.Text,
                PlanMonth.Format(l.Measure.Deadline.DueMonth!.Value), l.Unit, l.Latest?.Status, l.Latest?.Month))
            .ToList();
        var overdueKeys = overdue.Select(o => (o.MeasureRef, o.Unit)).ToHashSet();
        var rows = reports
            .Select(r => Row(r, overdueKeys.Contains((r.MeasureRef, r.Unit))))
            .OrderBy(r => r.Annex).ThenBy(r => Order(r.MeasureRef)).ThenBy(r => r.Unit, StringComparer.Ordinal)
            .ToList();
        var summaries = Units
            .Where(u => unit is null || u.Name == unit)
            .Select(u =>
            {
                var mine = reports.Where(r => r.Unit == u.Name).ToList();
                var done = mine.Where(r => r.Submitted).ToList();
                return new UnitSummary(u.Name, Leads.Count(l => l.Unit == u.Name), done.Count,
                    done.Count(r => r.Status == ProgressStatus.Done), done.Count(r => r.Status == ProgressStatus.Behind),
                    overdue.Count(o => o.Unit == u.Name), mine.Count(r => !r.Submitted));
            })
            .ToList();
        return new ProgressMonth(key, PlanMonth.Format(currentMonth), unit, coordinator, rows, overdue, summaries);
    }

    /// <summary>A measure's position in the plan.</summary>
    public int Order(string measureRef) => _order.GetValueOrDefault(measureRef);

    private ProgressRow Row(ProgressReport r, bool overdue)
    {
        var m = _knowledge.FindMeasure(r.MeasureRef)!;
        return new ProgressRow(r.Month, r.MeasureRef, m.Annex, m.TaskName, m.Deadline.Text,
            m.Deadline.DueMonth is { } due ? PlanMonth.Format(due) : null, r.Unit, r.Status, r.Progress, r.NextSteps, r.Problems, r.Submitted,
            r.Revision, r.ReportedBy, r.ReportedAt.ToOffset(PlanMonth.UtcOffset), overdue);
    }
}
