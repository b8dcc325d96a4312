using System.Text;
using System.Text.RegularExpressions;
using Assistant.Index.Knowledge;
using Assistant.Index.Search;

namespace Assistant.Index.Hotline;

/// <summary>
/// The hotline centre's own time limits, from settings: the plan sets none for individual complaints, so the draft
/// takes these and never a figure of its own.
/// </summary>
public sealed record DraftTerms(int ContactWithinHours, int ResolveWithinDays);

/// <summary>A unit the dispatch note names, the measure that makes it responsible and its role there (主责/协办).</summary>
public sealed record HandlingUnit(string Unit, string Ref, string Role, string? AsInPlan = null);

/// <summary>
/// Who handles a complaint: one 主办 department, the street office of the place as 属地, at most two 协办, each with
/// its measure; the flags the dispatch note raises; the one clause of the plan the reply quotes.
/// </summary>
public sealed record Handling(
    HandlingUnit? Lead,
    HandlingUnit? Local,
    IReadOnlyList<HandlingUnit> Co,
    IReadOnlyList<string> Flags,
    string? Quote,
    string? QuoteRef);

/// <summary>The reply to the caller, the operator's internal dispatch note, and the handling both rest on.</summary>
public sealed record HotlineReply(string Draft, string DispatchNote)
{
    public Handling? Handling { get; init; }
}

/// <summary>
/// Writes two texts for two readers. The reply to the caller is short and plain: what, where and when in the caller's
/// own words, a repeat call acknowledged, who handles it (the street office and the one department the plan makes lead,
/// three units at most), what happens next within the settings' time limits, and at most one short clause of the plan.
/// The dispatch note gives the operator and the units one 主办, the 属地 street office and at most two 协办 with the
/// rows behind them, the flags, the full references and the inferred-split caveat. Deterministic; promises only what
/// the plan and the settings support.
/// </summary>
public sealed partial class HotlineDrafter(KnowledgeBase knowledge, DraftTerms terms, HotlineGuide? guide = null)
{
    public const string FlagRepeat = "重复诉求";
    public const string FlagNight = "夜间";
    public const string FlagPermit = "涉及证照/许可";
    public const string FlagElsewhere = "问题地点与来电人住址不在同一街道";
    public const string FlagNotCovered = "计划未涉及";

    private const int MaxQuote = 30;
    private const int MaxRestatement = 72;
    private const int MaxCo = 2;

    private readonly ReplyGuide _reply = guide?.Reply ?? new ReplyGuide([], [], []);

    public HotlineReply Draft(Triage triage)
    {
        var handling = Handle(triage);
        return new HotlineReply(Reply(triage, handling), DispatchNote(triage, handling)) { Handling = handling };
    }

    // ---- who handles it --------------------------------------------------------------------------------------------

    public Handling Handle(Triage t)
    {
        var flags = new List<string>();
        if (t.Facts.ReportedBefore)
        {
            flags.Add(FlagRepeat);
        }

        if (t.Time is { IsNight: true })
        {
            flags.Add(FlagNight);
        }

        if (PermitWord(t) is not null)
        {
            flags.Add(FlagPermit);
        }

        if (t.ElsewhereThanHome)
        {
            flags.Add(FlagElsewhere);
        }

        if (!t.Covered)
        {
            flags.Add(FlagNotCovered);
            return new Handling(null, null, [], flags, null, null);
        }

        var (quote, quoteMeasure) = BestClause(t);
        var main = t.Basis[0];
        var lead = LeadOf(t, main, quoteMeasure, quote);

        HandlingUnit? local = null;
        var localRow = t.Basis.Select(b => b.Measure).FirstOrDefault(m => m.LeadUnits.Any(StreetOfficeGroups.Contains))
            ?? t.Basis.Select(b => b.Measure).FirstOrDefault(m => m.CoUnits.Any(StreetOfficeGroups.Contains));
        if (localRow is not null)
        {
            var group = localRow.LeadUnits.Concat(localRow.CoUnits).First(StreetOfficeGroups.Contains);
            local = new HandlingUnit(t.Street?.Office ?? group, localRow.Ref, localRow.LeadUnits.Contains(group) ? "主责" : "协办", group);
        }

        // 协办: the main row's other leads, then the other rows' leads, then the main row's co-units.
        var co = new List<HandlingUnit>();
        void Add(string unit, Measure m, string role)
        {
            if (co.Count < MaxCo && !StreetOfficeGroups.Contains(unit) && unit != lead?.Unit && co.All(c => c.Unit != unit) && !unit.StartsWith('等'))
            {
                co.Add(new HandlingUnit(unit, m.Ref, role));
            }
        }

        foreach (var u in main.Measure.LeadUnits)
        {
            Add(u, main.Measure, "主责");
        }

        foreach (var b in t.Basis.Skip(1))
        {
            foreach (var u in b.Measure.LeadUnits)
            {
                Add(u, b.Measure, "主责");
            }
        }

        foreach (var u in main.Measure.CoUnits)
        {
            Add(u, main.Measure, "协办");
        }

        return new Handling(lead, local, co, flags, quote, quoteMeasure?.Ref);
    }

    /// <summary>
    /// The one department: the one the guide names for the topic, else the lead the quoted clause itself names
    /// (西城公安分局负责依法打击……), else the main row's first lead that is not a street office — or, when the row
    /// gives only street offices the lead, its first co-unit.
    /// </summary>
    private HandlingUnit? LeadOf(Triage t, BasisMeasure main, Measure? quoteMeasure, string? quote)
    {
        var m = main.Measure;
        var departments = m.LeadUnits.Where(u => !StreetOfficeGroups.Contains(u)).ToList();
        var named = guide?.Categories.FirstOrDefault(c => c.Name == main.Category) is { } category
            ? category.Topics.FirstOrDefault(x => x.Name == main.Topic)?.Lead ?? category.Lead
            : null;
        if (named is not null && departments.Contains(named))
        {
            return new HandlingUnit(named, m.Ref, "主责");
        }

        if (quote is not null && quoteMeasure == m)
        {
            var at = m.Text.IndexOf(quote, StringComparison.Ordinal);
            var sentenceStart = at <= 0 ? 0 : m.Text.LastIndexOfAny(['。', '；'], at - 1) + 1;
            if (departments.FirstOrDefault(d => m.Text.AsSpan(sentenceStart).StartsWith(d, StringComparison.Ordinal)) is { } inClause)
            {
                return new HandlingUnit(inClause, m.Ref, "主责");
            }
        }

        if (departments.Count > 0)
        {
            return new HandlingUnit(departments[0], m.Ref, "主责");
        }

        return m.CoUnits.FirstOrDefault(u => !StreetOfficeGroups.Contains(u)) is { } co ? new HandlingUnit(co, m.Ref, "协办") : null;
    }

    // ---- the reply to the caller -----------------------------------------------------------------------------------

    private string Reply(Triage t, Handling h)
    {
        var sb = new StringBuilder("您好！您反映：").Append(Restatement(t)).Append("。我们已记录。");
        if (t.Facts.ReportedBefore)
        {
            sb.Append("您此前已反映过这一问题，本次已按重复诉求标注。");
        }

        if (PermitWord(t) is { } permit)
        {
            sb.Append("您提到的").Append(permit).Append("情况，将请办理单位一并核实。");
        }

        if (!t.Covered)
        {
            sb.Append("这一问题不在西城区2024年污染防治行动计划所列的事项之中，我们将按12345热线的程序转交职能部门办理。");
        }
        else
        {
            var office = h.Local is { } l ? (t.Street is null ? "问题所在地的街道办事处" : l.Unit) : null;
            sb.Append("此事由");
            if (office is not null && h.Lead is { Role: "主责" } lead)
            {
                sb.Append(office).Append("会同").Append(lead.Unit).Append("办理。");
            }
            else if (office is not null)
            {
                sb.Append(office).Append("办理").Append(h.Lead is { } coLead ? $"，{coLead.Unit}配合" : "").Append('。');
            }
            else
            {
                sb.Append(h.Lead?.Unit ?? "相关部门").Append("办理。");
            }

            if (h.Quote is { } quote)
            {
                sb.Append("西城区2024年污染防治行动计划提出要“").Append(quote).Append("”。");
            }
        }

        sb.Append("办理单位将在").Append(terms.ContactWithinHours).Append("小时内与您联系核实，力争在")
          .Append(terms.ResolveWithinDays).Append("日内向您反馈办理结果。感谢您的反映！");
        return sb.ToString();
    }

    /// <summary>
    /// What, where and when in the caller's own words: the clause that first states the issue, the clause before it
    /// when that one names the place or time, the clauses after it that go on about the same issue; not the clauses
    /// about the caller (where they live, earlier calls, contact details) or what they ask for.
    /// </summary>
    internal static string Restatement(Triage t)
    {
        var masked = t.Complaint ?? t.Facts.Summary;
        var body = Prefix().Replace(Spaces().Replace(masked, ""), "");
        var clauses = Clause().Matches(body).Select(m => m.Value.TrimEnd(ClauseMarks)).Where(c => c.Length > 0).ToList();
        var norm = clauses.Select(ChineseText.Normalize).ToList();
        bool Excluded(int i) => NotRestated.Concat(DraftRubric.Jargon).Any(w => norm[i].Contains(w, StringComparison.Ordinal))
            || (ComplaintReader.HomeWords.Any(w => norm[i].Contains(w, StringComparison.Ordinal)) && !HasIssue(i));
        bool HasIssue(int i) => t.MainCues.Any(c => norm[i].Contains(c, StringComparison.Ordinal));
        bool HasPlaceOrTime(int i) =>
            (t.Facts.Where is { } w && norm[i].Contains(w, StringComparison.Ordinal))
            || (t.Time is { } time && norm[i].Contains(ChineseText.Normalize(time.Surface), StringComparison.Ordinal));

        var first = Enumerable.Range(0, clauses.Count).FirstOrDefault(i => HasIssue(i) && !Excluded(i), -1);
        var chosen = new List<int>();
        if (first < 0)
        {
            chosen.AddRange(Enumerable.Range(0, clauses.Count).Where(i => !Excluded(i)).Take(2));
        }
        else
        {
            if (first > 0 && !Excluded(first - 1) && HasPlaceOrTime(first - 1))
            {
                chosen.Add(first - 1);
            }

            chosen.Add(first);
            for (var i = first + 1; i < clauses.Count && chosen.Count < 4; i++)
            {
                if (!Excluded(i) && (HasIssue(i) || HasPlaceOrTime(i)))
                {
                    chosen.Add(i);
                }
                else
                {
                    break;
                }
            }
        }

        var text = new StringBuilder();
        foreach (var i in chosen)
        {
            var next = (text.Length > 0 ? "，" : "") + clauses[i];
            if (text.Length > 0 && text.Length + next.Length > MaxRestatement)
            {
                break;
            }

            text.Append(next);
        }

        var restated = FirstPerson(LeadIn().Replace(text.ToString(), ""));
        if (restated.Length > MaxRestatement)
        {
            restated = restated[..MaxRestatement] + "……";
        }

        // The place of the problem, whole, when the chosen words leave it out.
        if (t.Facts.Where is { } where && !ChineseText.Normalize(restated).Contains(where, StringComparison.Ordinal))
        {
            restated = $"{where}，{restated}";
        }

        return restated.Length == 0 ? "有关情况" : restated.TrimEnd(Particles);
    }

    private static string FirstPerson(string text) =>
        text.Replace("我们", "您", StringComparison.Ordinal).Replace("俺们", "您", StringComparison.Ordinal)
            .Replace("我", "您", StringComparison.Ordinal).Replace("俺", "您", StringComparison.Ordinal);

    private static readonly char[] ClauseMarks = ['，', '。', '！', '？', '；', ',', '!', '?', ';', '.', '…', '、', '~', '～'];

    // Sentence-final particles that read oddly once restated; 了 and 的 carry meaning (把路都堵了) and stay.
    private static readonly char[] Particles = ['啊', '呀', '吧', '呢', '啦', '哦', '嘛', '，', '。', '…'];

    /// <summary>Clauses a caller should not hear read back: about the caller, earlier calls, requests, record words, masked data.</summary>
    private static readonly string[] NotRestated =
    [
        "电话", "手机", "联系方式", "身份证", "实名", "姓名", "[", "来电人", "诉求人", "反映人", "工单", "市民来电", "诉求",
        "投诉过", "反映过", "打过", "举报过", "多次投诉", "多次反映", "好几次", "没人管", "没有人管", "再次反映", "第二次", "第三次", "又打",
        "希望", "请", "要求", "麻烦", "尽快", "赶紧", "管管", "管一管", "处理一下", "能不能", "给个说法", "谢谢", "12345",
    ];

    // ---- the one clause the reply quotes ---------------------------------------------------------------------------

    /// <summary>
    /// The clause of a basis measure, at most 30 characters and verbatim (a unit's name at its head left off), that
    /// shares most words with the complaint; what is done about complaints preferred over the administration's own work.
    /// </summary>
    internal (string? Clause, Measure? Measure) BestClause(Triage t)
    {
        var wanted = ChineseText.Bigrams(ChineseText.Normalize($"{t.Complaint ?? t.Facts.Summary}{string.Concat(t.MainCues)}{t.Category}"));
        (string Clause, Measure Measure, double Score)? best = null;
        foreach (var (b, index) in t.Basis.Select((b, i) => (b, i)))
        {
            var m = b.Measure;
            foreach (var piece in ClauseOfPlan().Matches(m.Text).Select(x => x.Value))
            {
                var clause = piece;
                foreach (var unit in m.LeadUnits.Concat(m.CoUnits).Where(u => clause.StartsWith(u, StringComparison.Ordinal)))
                {
                    clause = clause[unit.Length..];
                }

                clause = clause.StartsWith('并') ? clause[1..] : clause;
                if (clause.Length is < 6 or > MaxQuote || clause.Contains('《', StringComparison.Ordinal)
                    || knowledge.Units.Any(u => clause.Contains(u.Name, StringComparison.Ordinal) || u.Aliases.Any(a => a.Length > 1 && clause.Contains(a, StringComparison.Ordinal)))
                    || DraftRubric.Jargon.Any(j => clause.Contains(j, StringComparison.Ordinal)))
                {
                    continue;
                }

                // Shared words count up to a point, so a long clause does not win on length alone.
                var score = Math.Min(ChineseText.Bigrams(ChineseText.Normalize(clause)).Count(wanted.Contains), 4) * 3.0
                    - (clause.Any(char.IsAsciiDigit) ? 3 : 0)
                    + (_reply.Prefer.Any(w => clause.Contains(w, StringComparison.Ordinal)) ? 2 : 0)
                    - (_reply.Avoid.Any(w => clause.Contains(w, StringComparison.Ordinal)) ? 6 : 0)
                    - (b.Category == t.Category ? 0 : 2)
                    - index * 0.5;
                if (best is null || score > best.Value.Score)
                {
                    // Quotes inside the quote become ‘’, as Chinese typesetting nests them.
                    best = (clause.Replace('“', '‘').Replace('”', '’'), m, score);
                }
            }
        }

        return best is { Score: > 0 } found ? (found.Clause, found.Measure) : (null, null);
    }

    private string? PermitWord(Triage t)
    {
        var text = ChineseText.Normalize(t.Complaint ?? t.Facts.Summary);
        return _reply.PermitWords.FirstOrDefault(w => text.Contains(w, StringComparison.Ordinal));
    }

    // ---- the dispatch note -----------------------------------------------------------------------------------------

    private string DispatchNote(Triage t, Handling h)
    {
        var sb = new StringBuilder("【派单单】（内部，勿发来电人）\n");
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
        sb.Append("问题地点：").Append(t.Facts.Where ?? "未说明");
        sb.Append('\n');
        sb.Append("属地街道：").Append(t.Street is { } s ? $"{s.Name}（依据：“{t.StreetEvidence}”）" : "未注明，请向来电人核实具体地址后确定属地街道");
        if (t.ElsewhereThanHome)
        {
            sb.Append("；来电人住址在").Append(t.HomeStreet!.Name);
        }

        sb.Append('\n');
        if (t.Time is { } time)
        {
            sb.Append("发生时段：").Append(time.Period);
            if (time.Surface != time.Period)
            {
                sb.Append("（“").Append(time.Surface).Append('”').Append(time.Hour is { } hour ? $"，按{hour}时计" : "").Append('）');
            }

            sb.Append('\n');
        }

        sb.Append("标记：").Append(h.Flags.Count == 0 ? "无" : string.Join("；", h.Flags.Select(f => f == FlagPermit && PermitWord(t) is { } w ? $"{f}（“{w}”）" : f))).Append('\n');

        var facts = new List<string>();
        if (t.Facts.Since is { } since)
        {
            facts.Add($"持续：{since}");
        }

        if (t.Facts.Frequency is { } frequency)
        {
            facts.Add($"频次：{frequency}");
        }

        if (facts.Count > 0)
        {
            sb.Append("关键信息：").AppendJoin("；", facts).Append('\n');
        }

        if (!t.Covered)
        {
            sb.Append("计划依据：行动计划中没有直接对应的措施（计划未涉及），请按常规派单规则确定主办单位。\n");
        }
        else
        {
            sb.Append("主办：").Append(h.Lead is { } lead ? Row(lead) : "——").Append('\n');
            sb.Append("属地：").Append(h.Local is { } local ? Row(local) : "——（所据措施未列街道办事处）").Append('\n');
            sb.Append("协办：").Append(h.Co.Count == 0 ? "无" : string.Join("；", h.Co.Select(Row))).Append('\n');
            sb.Append("计划依据（").AppendJoin("、", t.Basis.Select(b => b.Measure.Ref)).Append("）：\n");
            foreach (var b in t.Basis)
            {
                var m = b.Measure;
                sb.Append("- ").Append(m.Ref).Append(' ').Append(m.Citation).Append("（完成时限：").Append(m.Deadline.Text).Append("）")
                  .Append("主责：").Append(UnitList(m.LeadUnits, t.Street)).Append("；协办：").Append(UnitList(m.CoUnits, t.Street)).Append('\n');
            }

            if (h.Quote is { } quote)
            {
                sb.Append("答复引用：“").Append(quote).Append("”（").Append(h.QuoteRef).Append("）\n");
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

    private static string Row(HandlingUnit u) =>
        $"{u.Unit}（{u.Ref} {u.Role}{(u.AsInPlan is { } plan && plan != u.Unit ? $"：{plan}" : "")}）";

    private static string UnitList(IReadOnlyList<string> units, Street? street) => units.Count == 0
        ? "——"
        : UnitNames.Join(units.Select(u => street is not null && StreetOfficeGroups.Contains(u) ? $"{u}（本件：{street.Office}）" : u));

    [GeneratedRegex(@"[^，；。：]+")]
    private static partial Regex ClauseOfPlan();

    // "（我不是投诉油烟，）是……", "但要反映的是……", "主要是……": the lead-in, not the complaint.
    [GeneratedRegex(@"^(?:(?:但是?|可是|不过|而)?(?:我|您)?(?:主要)?(?:要|想)?(?:反映|投诉|举报|说)(?:的|一下)?是?|主要是|就是|而是|是)")]
    private static partial Regex LeadIn();

    [GeneratedRegex(@"^(?:市民来电反映|市民来电|来电人反映|来电人称|市民反映|诉求人反映|诉求人称|来电反映|反映|投诉)[：:，,]?")]
    private static partial Regex Prefix();

    [GeneratedRegex(@"[^，。！？；,!?;]+[，。！？；,!?;]*")]
    private static partial Regex Clause();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
