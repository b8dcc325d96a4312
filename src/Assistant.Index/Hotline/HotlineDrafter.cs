using System.Text;
using Assistant.Index.Knowledge;
using Assistant.Index.Search;

namespace Assistant.Index.Hotline;

/// <summary>
/// The hotline centre's own time limits, from settings: the plan sets none for individual complaints, so the draft
/// takes these and never a figure of its own.
/// </summary>
public sealed record DraftTerms(int ContactWithinHours, int ResolveWithinDays);

/// <summary>The reply to the caller and the operator's internal dispatch note.</summary>
public sealed record HotlineReply(string Draft, string DispatchNote);

/// <summary>
/// Drafts the reply in a government hotline's register — thanks, restatement, what the plan commits the district to
/// (quoted verbatim, with its reference), who handles it, what happens next — and the dispatch note with suggested
/// 承办/协办 units and their basis. Promises only what the plan and the settings support.
/// </summary>
public sealed class HotlineDrafter(KnowledgeBase knowledge, DraftTerms terms)
{
    private const int QuoteLength = 150;
    private const int CoUnitsNamed = 3;

    public HotlineReply Draft(Triage triage)
    {
        return new HotlineReply(Reply(triage), DispatchNote(triage));
    }

    private string Reply(Triage t)
    {
        var sb = new StringBuilder();
        sb.Append("您好！感谢您致电12345市民服务热线。\n");
        sb.Append("您反映").Append(t.Facts.Where is { } where ? $"{where}" : "").Append("的")
          .Append(Problem(t.Category)).Append("问题：“").Append(t.Facts.Summary).Append("”，我们已详细记录。\n");

        if (t.Basis.Count > 0)
        {
            sb.Append("对此类问题，").Append(PlanName()).Append("明确：\n");
            foreach (var b in t.Basis)
            {
                // Quotes inside the quote become ‘’, as Chinese typesetting nests them.
                var quote = Quote(b.Measure, t).Replace('“', '‘').Replace('”', '’');
                sb.Append("“").Append(quote).Append("”（").Append(b.Measure.Citation).Append("，").Append(b.Measure.Ref).Append("）\n");
            }

            sb.Append("您反映的问题将转交").Append(Join(t.LeadUnits)).Append("办理");
            if (t.CoUnits.Count > 0)
            {
                sb.Append("，").Append(Join(t.CoUnits.Take(CoUnitsNamed).ToList()))
                  .Append(t.CoUnits.Count > CoUnitsNamed ? "等单位协助" : "协助");
            }

            sb.Append("。\n");
        }
        else
        {
            sb.Append("该问题不在").Append(PlanName()).Append("所列的具体措施之内，我们将按照12345市民服务热线的办理程序转交相关部门办理。\n");
        }

        sb.Append("承办单位将在").Append(terms.ContactWithinHours).Append("小时内与您联系、核实情况，并力争在")
          .Append(terms.ResolveWithinDays).Append("日内将办理情况反馈给您。办理期间如情况有变化，欢迎您再次来电补充。\n");
        sb.Append("感谢您对西城区生态环境工作的关心和支持！");
        return sb.ToString();
    }

    private string DispatchNote(Triage t)
    {
        var sb = new StringBuilder("【派单建议】\n");
        sb.Append("问题类别：").Append(t.Category);
        if (t.Cues.Count > 0)
        {
            sb.Append("（依据词：").AppendJoin("、", t.Cues.Take(6)).Append('）');
        }

        if (t.AlsoConcerns.Count > 0)
        {
            sb.Append("；另涉及：").AppendJoin("、", t.AlsoConcerns);
        }

        sb.Append('\n');
        sb.Append("属地街道：").Append(t.Street is { } s ? $"{s.Name}（依据：“{t.StreetEvidence}”）" : "未注明，请向来电人核实具体地址后确定属地街道").Append('\n');
        if (t.Time is { } time)
        {
            sb.Append("发生时段：").Append(time.Period);
            if (time.Surface != time.Period)
            {
                sb.Append("（“").Append(time.Surface).Append('”').Append(time.Hour is { } hour ? $"，按{hour}时计" : "").Append('）');
            }

            sb.Append('\n');
        }

        var facts = new List<string>();
        if (t.Facts.Where is { } where)
        {
            facts.Add($"地点：{where}");
        }

        if (t.Facts.Since is { } since)
        {
            facts.Add($"持续：{since}");
        }

        if (t.Facts.Frequency is { } frequency)
        {
            facts.Add($"频次：{frequency}");
        }

        if (t.Facts.ReportedBefore)
        {
            facts.Add("来电人称此前已反映过");
        }

        if (facts.Count > 0)
        {
            sb.Append("关键信息：").AppendJoin("；", facts).Append('\n');
        }

        if (t.Basis.Count == 0)
        {
            sb.Append("计划依据：行动计划中没有直接对应的措施，请按常规派单规则确定承办单位。\n");
        }
        else
        {
            sb.Append("建议承办单位：").Append(Join(t.LeadUnits)).Append('\n');
            sb.Append("建议协办单位：").Append(t.CoUnits.Count == 0 ? "无" : Join(t.CoUnits)).Append('\n');
            sb.Append("计划依据：\n");
            foreach (var b in t.Basis)
            {
                var m = b.Measure;
                sb.Append("- ").Append(m.Ref).Append(' ').Append(m.Citation).Append("（完成时限：").Append(m.Deadline.Text).Append("）")
                  .Append("主责：").Append(UnitList(m.LeadUnits, t.Street)).Append("；协办：").Append(UnitList(m.CoUnits, t.Street)).Append('\n');
            }
        }

        if (t.Category == ComplaintCategories.ConstructionNoise && t.Time is { AfterDark: true } after)
        {
            sb.Append(after.IsNight ? "提示：夜间施工，请核实" : "提示：晚上施工，请核实是否在22时以后、")
              .Append("该工地是否办理夜间施工证明（附件1-18-2 涉及夜间施工证明办理和违法夜间施工查处）。\n");
        }

        var inferred = t.Basis.Where(b => b.Measure.SplitInferred).Select(b => b.Measure).ToList();
        if (inferred.Count > 0)
        {
            sb.Append("注：").AppendJoin("、", inferred.Select(m => m.Ref))
              .Append(" 的主责/协办单位划分是根据原文表格排版推断的，派单前请以正式文件核对。\n");
        }

        sb.Append("时限（本中心设置，非行动计划规定）：").Append(terms.ContactWithinHours).Append("小时内联系来电人，")
          .Append(terms.ResolveWithinDays).Append("日内反馈办理情况。");
        return sb.ToString();
    }

    private string PlanName() => $"《{knowledge.Plan.Title}》（{knowledge.Plan.DocumentNumber}）";

    private static string Problem(string category) => category switch
    {
        ComplaintCategories.CookingFumes => "餐饮油烟扰民",
        ComplaintCategories.ConstructionNoise or ComplaintCategories.TrafficNoise or ComplaintCategories.SocialNoise => $"{category}扰民",
        ComplaintCategories.Dust => "扬尘污染",
        ComplaintCategories.LooseCoal => "散煤和清洁取暖",
        ComplaintCategories.Fireworks => "违规销售、燃放烟花爆竹",
        ComplaintCategories.Water => "水环境",
        ComplaintCategories.Charging => "充电设施",
        _ => "",
    };

    private static string Join(IReadOnlyList<string> units) => UnitNames.Join(units);

    private static string UnitList(IReadOnlyList<string> units, Street? street) => units.Count == 0
        ? "——"
        : UnitNames.Join(units.Select(u => street is not null && StreetOfficeGroups.Contains(u) ? $"{u}（本件：{street.Office}）" : u));

    /// <summary>
    /// The part of the measure that speaks to this complaint, verbatim: the sentence sharing most with the complaint
    /// and its category, whole when short, else its best clauses with "……" where cut.
    /// </summary>
    internal static string Quote(Measure measure, Triage triage)
    {
        var text = measure.Text;
        if (text.Length <= QuoteLength)
        {
            return text;
        }

        var wanted = ChineseText.Bigrams(ChineseText.Normalize($"{triage.Facts.Summary}{triage.Category}{string.Join("", triage.Cues)}"));
        int Score(string piece) => ChineseText.Bigrams(piece).Count(wanted.Contains);

        var sentences = Split(text, '。');
        var best = sentences.OrderByDescending(s => Score(text.Substring(s.Start, s.Length))).ThenBy(s => s.Start).First();
        if (best.Length <= QuoteLength)
        {
            return Cut(text, best.Start, best.Start + best.Length);
        }

        // A long sentence: grow from its best clause while it fits.
        var clauses = Split(text.Substring(best.Start, best.Length), '，', '；').Select(c => (Start: c.Start + best.Start, c.Length)).ToList();
        var centre = clauses.Select((c, i) => (i, Score: Score(text.Substring(c.Start, c.Length)))).OrderByDescending(x => x.Score).ThenBy(x => x.i).First().i;
        int from = centre, to = centre;
        while (true)
        {
            var grown = false;
            if (to + 1 < clauses.Count && Span(clauses, from, to + 1) <= QuoteLength)
            {
                to++;
                grown = true;
            }

            if (from > 0 && Span(clauses, from - 1, to) <= QuoteLength)
            {
                from--;
                grown = true;
            }

            if (!grown)
            {
                break;
            }
        }

        return Cut(text, clauses[from].Start, clauses[to].Start + clauses[to].Length);
    }

    private static int Span(List<(int Start, int Length)> clauses, int from, int to) =>
        clauses[to].Start + clauses[to].Length - clauses[from].Start;

    private static string Cut(string text, int start, int end)
    {
        var piece = text[start..end];
        var prefix = start > 0 ? "……" : "";
        var suffix = end < text.Length && !piece.EndsWith('。') ? "……" : "";
        return prefix + piece.TrimEnd('，', '；') + suffix;
    }

    /// <summary>Pieces of the text ending with (and including) a separator.</summary>
    private static List<(int Start, int Length)> Split(string text, params char[] separators)
    {
        var pieces = new List<(int, int)>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (separators.Contains(text[i]))
            {
                pieces.Add((start, i - start + 1));
                start = i + 1;
            }
        }

        if (start < text.Length)
        {
            pieces.Add((start, text.Length - start));
        }

        return pieces;
    }
}
