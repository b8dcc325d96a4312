using System.Globalization;

namespace Assistant.Index.Knowledge;

/// <summary>
/// An approved settlement of an inferred lead/co split (<see cref="Measure.SplitInferred"/>): a unit confirmed or corrected
/// the role the row gives <see cref="NamedAs"/> (its own name, or 各街道办事处 for a street office), citing the official
/// document, and the coordinating unit approved it. It only moves a name between lead and co of the same row; it never
/// adds one, so the row stays grounded in the seed.
/// </summary>
public sealed record SplitCorrection(
    long Id,
    string MeasureRef,
    string NamedAs,
    DutyRole Role,
    string Unit,
    string Citation,
    string ProposedBy,
    DateTimeOffset ProposedAt,
    string ApprovedBy,
    DateTimeOffset ApprovedAt);

/// <summary>Applies approved split corrections to a plan: the one code path for the server, the CLI and the export.</summary>
public static class SplitCorrections
{
    /// <summary>Beijing time, for the dates a settled row's note gives.</summary>
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    /// <summary>
    /// The plan with every applicable correction in approval order (a later one wins over an earlier one on the same name):
    /// the name moved to its role, the row's <see cref="Measure.SplitInferred"/> cleared and its note replaced by who settled
    /// it, when and on what document. A correction that no longer fits the plan (the row or the name is gone, or it would
    /// leave the row without a lead unit) is left out and listed in <paramref name="skipped"/>.
    /// </summary>
    public static Plan Apply(Plan plan, IEnumerable<SplitCorrection> corrections, out IReadOnlyList<SplitCorrection> skipped)
    {
        var byMeasure = corrections.OrderBy(c => c.ApprovedAt).ThenBy(c => c.Id).ToLookup(c => c.MeasureRef, StringComparer.Ordinal);
        var notApplied = new List<SplitCorrection>();
        var known = plan.Measures.Select(m => m.Ref).ToHashSet(StringComparer.Ordinal);
        notApplied.AddRange(byMeasure.Where(g => !known.Contains(g.Key)).SelectMany(g => g));
        var annexes = plan.Annexes.Select(a => a with
        {
            Tasks = a.Tasks.Select(t => t with
            {
                Measures = t.Measures.Select(m => byMeasure.Contains(m.Ref) ? Settle(m, byMeasure[m.Ref], notApplied) : m).ToList(),
            }).ToList(),
        }).ToList();
        skipped = notApplied;
        return plan with { Annexes = annexes };
    }

    /// <summary>Why a correction cannot apply to the measure as it stands now, or null when it can.</summary>
    public static string? Problem(Measure measure, string namedAs, DutyRole role)
    {
        if (!measure.InvolvesUnit(namedAs))
        {
            return $"{namedAs} is not on {measure.Ref}: a correction only moves a unit between lead and co of its own row.";
        }

        var leadsLeft = measure.LeadUnits.Count(u => u != namedAs) + (role == DutyRole.Lead ? 1 : 0);
        return leadsLeft == 0 ? $"{measure.Ref} would have no lead unit (主责单位) left." : null;
    }

    private static Measure Settle(Measure measure, IEnumerable<SplitCorrection> corrections, List<SplitCorrection> notApplied)
    {
        var settled = measure;
        var notesZh = new List<string>();
        var notes = new List<string>();
        foreach (var c in corrections)
        {
            if (Problem(settled, c.NamedAs, c.Role) is not null)
            {
                notApplied.Add(c);
                continue;
            }

            var was = settled.LeadUnits.Contains(c.NamedAs) ? DutyRole.Lead : DutyRole.Co;
            settled = was == c.Role ? settled : Move(settled, c.NamedAs, c.Role);
            var date = c.ApprovedAt.ToOffset(Beijing).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var who = c.Unit == c.NamedAs ? c.Unit : $"{c.Unit}（{c.NamedAs}）";
            notesZh.Add($"{who}{(was == c.Role ? "确认" : "更正")}其为{RoleZh(c.Role)}，依据：{c.Citation}（{c.ProposedBy}提出，{c.ApprovedBy}于{date}审核通过）");
            notes.Add($"{c.NamedAs} {(was == c.Role ? "confirmed" : "corrected")} as {(c.Role == DutyRole.Lead ? "lead" : "co")} by {c.Unit} "
                + $"citing {c.Citation} (proposed by {c.ProposedBy}, approved by {c.ApprovedBy} on {date})");
        }

        return notes.Count == 0
            ? settled
            : settled with
            {
                SplitInferred = false,
                Note = "split settled: " + string.Join("; ", notes),
                NoteZh = "分工已确认：" + string.Join("；", notesZh) + "。",
            };
    }

    /// <summary>
    /// Moves a name to the end of the lead units or the start of the co units: a boundary unit keeps its place in the
    /// row's reading order (lead block, then co block).
    /// </summary>
    private static Measure Move(Measure m, string name, DutyRole role)
    {
        var lead = m.LeadUnits.Where(u => u != name).ToList();
        var co = m.CoUnits.Where(u => u != name).ToList();
        if (role == DutyRole.Lead)
        {
            lead.Add(name);
        }
        else
        {
            co.Insert(0, name);
        }

        return m with { LeadUnits = lead, CoUnits = co };
    }

    public static string RoleZh(DutyRole role) => role == DutyRole.Lead ? "主责单位" : "协办单位";
}
