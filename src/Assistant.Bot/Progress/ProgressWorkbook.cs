using System.Globalization;
using System.Text;
using Assistant.Index.Knowledge;
using MiniExcelLibs;

namespace Assistant.Bot.Progress;

/// <summary>
/// The month's compilation as the offices pass it on: a sheet per annex with the plan's columns and the reports, and a
/// summary sheet per unit (MiniExcel; ClosedXML does not run on .NET 10). A measure nobody has reported on has a row too.
/// </summary>
public static class ProgressWorkbook
{
    public const string SummarySheet = "汇总";

    public static readonly string[] Columns =
        ["序号", "重点任务", "工作措施", "完成时限", "主责单位", "协办单位", "状态", "进展情况", "下步计划", "存在问题", "报送单位", "报送时间", "是否逾期"];

    public const string NotReported = "未报送";

    /// <summary>The workbook as bytes: sheets 附件1 … 附件5, then 汇总.</summary>
    public static byte[] Xlsx(KnowledgeBase knowledge, ProgressBoard board, ProgressMonth month)
    {
        var sheets = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var annex in knowledge.Plan.Annexes)
        {
            sheets[$"附件{annex.Number}"] = Rows(board, month, annex.Number).ToList();
        }

        sheets[SummarySheet] = Summary(month).ToList();
        using var stream = new MemoryStream();
        stream.SaveAs(sheets, excelType: ExcelType.XLSX);
        return stream.ToArray();
    }

    /// <summary>One CSV of every annex's rows (UTF-8 with a byte-order mark, so spreadsheet programs read the Chinese).</summary>
    public static byte[] Csv(KnowledgeBase knowledge, ProgressBoard board, ProgressMonth month)
    {
        var rows = knowledge.Plan.Annexes.SelectMany(a => Rows(board, month, a.Number).Select(r =>
        {
            var withAnnex = new Dictionary<string, object?>(StringComparer.Ordinal) { ["附件"] = $"附件{a.Number}" };
            foreach (var (k, v) in r)
            {
                withAnnex[k] = v;
            }

            return withAnnex;
        })).ToList();
        using var stream = new MemoryStream();
        stream.Write(Encoding.UTF8.Preamble);
        stream.SaveAs(rows, excelType: ExcelType.CSV);
        return stream.ToArray();
    }

    /// <summary>Per measure of the annex, per lead unit (one unit's only, when the month is scoped): its report, or 未报送.</summary>
    private static IEnumerable<Dictionary<string, object?>> Rows(ProgressBoard board, ProgressMonth month, int annex)
    {
        var reports = month.Reports.Where(r => r.Submitted).ToDictionary(r => (r.MeasureRef, r.Unit));
        var overdue = month.Overdue.Select(o => (o.MeasureRef, o.Unit)).ToHashSet();
        foreach (var (unit, m) in board.Leads.Where(l => l.Measure.Annex == annex && (month.Unit is null || l.Unit == month.Unit))
                     .OrderBy(l => board.Order(l.Measure.Ref)))
        {
            var late = overdue.Contains((m.Ref, unit));
            yield return reports.TryGetValue((m.Ref, unit), out var r)
                ? Row(m, r.Status, r.Progress, r.NextSteps, r.Problems, unit, r.ReportedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), late)
                : Row(m, NotReported, null, null, null, unit, null, late);
        }
    }

    private static Dictionary<string, object?> Row(
        Measure m, string status, string? progress, string? nextSteps, string? problems, string? unit, string? at, bool overdue) =>
        new(StringComparer.Ordinal)
        {
            ["序号"] = m.Ref,
            ["重点任务"] = m.TaskName,
            ["工作措施"] = m.Text,
            ["完成时限"] = m.Deadline.Text,
            ["主责单位"] = string.Join("、", m.LeadUnits),
            ["协办单位"] = m.CoUnits.Count == 0 ? "——" : string.Join("、", m.CoUnits),
            ["状态"] = status,
            ["进展情况"] = progress,
            ["下步计划"] = nextSteps,
            ["存在问题"] = problems,
            ["报送单位"] = unit,
            ["报送时间"] = at,
            ["是否逾期"] = overdue ? "逾期" : "",
        };

    private static IEnumerable<Dictionary<string, object?>> Summary(ProgressMonth month) =>
        month.Units.Select(u => new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["单位"] = u.Unit,
            ["主责措施"] = u.Led,
            ["本月已报送"] = u.Reported,
            ["已完成"] = u.Done,
            ["滞后"] = u.Behind,
            ["逾期"] = u.Overdue,
        });
}
