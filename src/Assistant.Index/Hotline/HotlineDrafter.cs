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
            // The plan gives no department; the street office of the place (各街道办事处 in the plan) takes it in.
            flags.Add(FlagNotCovered);
            var office = t.Street is { } street ? new HandlingUnit(street.Office, "", "属地") : null;
            return new Handling(null, office, [], flags, null, null);
        }

        // Smoke that is not cooking (焙茶, 熏制) is not told a cooking-fumes clause.
        var notCooking = t.Category == ComplaintCategories.CookingFumes && CallerRestatement.NotCooking(ChineseText.Normalize(t.Complaint ?? t.Facts.Summary));
        var (quote, quoteMeasure) = TopicOf(t.Basis[0]) is { NoQuote: true } || notCooking ? (null, null) : BestClause(t);
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
        else if (t.Street is { } place)
        {
            // The rows name no street office (汽修喷漆: 区生态环境局 alone), yet the office of the place takes in every
            // case it is sent: named as 属地, with no plan row claimed for it.
            local = new HandlingUnit(place.Office, "", "属地");
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
        if (TopicOf(main) is { Lead: { } topicLead, LeadRef: { } leadRef } && knowledge.FindMeasure(leadRef) is { } leadRow && leadRow.LeadUnits.Contains(topicLead))
        {
            // 露天烧烤: the plan makes 区城管执法局 lead by another row than the basis's first.
            return new HandlingUnit(topicLead, leadRow.Ref, "主责");
        }

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

    private TopicGuide? TopicOf(BasisMeasure b) =>
        b.Topic is null ? null : guide?.Categories.FirstOrDefault(c => c.Name == b.Category)?.Topics.FirstOrDefault(x => x.Name == b.Topic);

    // ---- the reply to the caller -----------------------------------------------------------------------------------

    /// <summary>Nuisances that happen at an hour (a shop's smoke, a site's or a bar's noise): a visit then sees them.</summary>
    private static readonly HashSet<string> TimeBound =
    [
        ComplaintCategories.CookingFumes, ComplaintCategories.SocialNoise, ComplaintCategories.ConstructionNoise,
        ComplaintCategories.TrafficNoise, ComplaintCategories.LooseCoal,
    ];

    /// <summary>The reply a supervisor aims for: at most this many characters (the rubric allows 320).</summary>
    private const int TargetLength = 300;

    /// <summary>
    /// The reply in the hotline's order: the restatement, a worry acknowledged, a repeat call marked, the side matters
    /// and the caller's request taken up, who handles it, one clause of the plan, the time limits. Over
    /// <see cref="TargetLength"/>, the least needed parts go first (thanks, the clause, the worry, side matters).
    /// </summary>
    private string Reply(Triage t, Handling h)
    {
        var text = ChineseText.Normalize(t.Complaint ?? t.Facts.Summary);
        var restatement = CallerRestatement.Build(t);
        var restated = CallerRestatement.Sentence(restatement);
        var parts = new List<(string Text, int Keep)>
        {
            ("您好！" + restated.TrimEnd('。') + "，我们已记录。", 10),
        };
        if (CallerConcerns.Worry(text) is { } worry)
        {
            parts.Add(($"我们理解这影响了{worry}。", 3));
        }

        if (t.Facts.ReportedBefore)
        {
            // An earlier handling that came to nothing is the caller's real grievance: say so, and ask for a visit at
            // the hour the nuisance happens (a shop that opens at night is not seen by day).
            // 五点来钟天还黑着: an early-morning nuisance is visited early, not in the evening.
            var early = t.Time is { } at && EarlyMorning().IsMatch(at.Surface);
            var visit = t.Covered && TimeBound.Contains(t.Category) && t.Time is { } when && (when.AfterDark || when.Surface.Contains('晚', StringComparison.Ordinal) || when.Surface.Contains('夜', StringComparison.Ordinal))
                ? (early ? "在清晨问题发生时段到现场核查" : "在晚间问题发生时段到现场核查") : "到现场核查";
            parts.Add((CallerConcerns.EarlierAnswerFailed(text) ? $"您此前已反映过此问题，前次处理后问题仍未解决，我们已注明是再次反映，并提示办理单位{visit}、避免问题反复。"
                : CallerConcerns.NothingDone(text) ? $"您此前已反映过此问题，至今未见处理，我们已注明是再次反映，并提示办理单位{visit}。"
                : "您此前已反映过此问题，我们已注明是再次反映，并督促办理单位加快办理。", 9));
        }
        else if (CallerConcerns.EarlierAnswerFailed(text))
        {
            parts.Add(("您提到此前处理后问题仍未解决，我们将一并告知办理单位。", 7));
        }

        if (CallerConcerns.PassedAround(text))
        {
            parts.Add(("您提到此前转办后没有结果，本次将请办理单位明确答复。", 7));
        }

        // 赶紧派人来看看: it can be seen now, so the visit is asked for at once (no promise it is made).
        var now = CallerConcerns.HappeningNow(text) && (t.Category is not ComplaintCategories.Other || t.Topic is not null);
        if (now)
        {
            parts.Add(("您反映的情况正在发生，已提示办理单位尽快到现场核查。", 8));
        }

        if (CallerConcerns.Danger(text) is { } danger)
        {
            parts.Add(($"您提到的{danger}，已提示办理单位优先核查处置。", 8));
        }

        var side = CallerConcerns.SideMatters(t, text, restated);
        if (side.Count > 0)
        {
            parts.Add(($"您一并反映的{string.Join("、", side)}问题也已记录。", 4));
        }

        if (CallerConcerns.PropertyRefused(text))
        {
            parts.Add(("您提到物业未予处理的情况，也将一并转告。", 4));
        }

        var permit = PermitWord(t);
        // A visit asked for while it is happening is already taken up as one at once.
        var request = CallerConcerns.Request(text, t.Category, visitSaid: now);
        if (request is not null)
        {
            // 咨询…是否合规 is a question put to the hotline: it is answered, not "hoped for".
            parts.Add((request.StartsWith("咨询", StringComparison.Ordinal) && request.Length > 4
                ? $"您咨询{request[2..]}，将请办理单位核实后答复。"
                : $"您希望{request}，我们将请办理单位核实并向您反馈。", 6));
        }

        // 依法制止 asked, 夜间施工许可 questioned: the permit is taken up beside the request.
        if (permit is not null && !(request is not null && (request.Contains(permit, StringComparison.Ordinal) || PermitAsked().IsMatch(request))))
        {
            parts.Add(($"您提到的{permit}情况，将请办理单位一并核实并向您反馈。", 6));
        }

        // 居民楼底下能开这种馆子吗？能不能让他把管子挪挪: the question is taken up beside the request.
        if (CallerConcerns.AsksAboutRules(text) && !(request?.StartsWith("咨询", StringComparison.Ordinal) ?? false) && permit is null
            && (request is null || CallerConcerns.RulesQuestionAsked(text) is not null))
        {
            // 这炭炉子到底让不让用？ said back as asked, so the caller hears their question will be answered.
            parts.Add((CallerConcerns.RulesQuestionAsked(text) is { } question
                ? $"您问“{question}”，将请办理单位核实后一并答复。"
                : "您询问的相关规定，将请办理单位核实后一并答复。", 5));
        }

        // 我不是要他关门: the caller is heard as fair — only the nuisance is to stop.
        if (CallerConcerns.NotAgainstIt(text))
        {
            parts.Add(("您表示并不反对对方正常经营或活动，只希望问题得到解决，我们会一并转达。", 3));
        }

        // 查的时候别提前打招呼: the check is asked for unannounced; 给量量: measured. Each is passed on as asked.
        if (CallerConcerns.WantsUnannounced(text))
        {
            parts.Add(("您希望检查时不提前通知，我们会向办理单位转达。", 6));
        }

        if (CallerConcerns.WantsMeasured(text) && !(request?.Contains('测', StringComparison.Ordinal) ?? false))
        {
            parts.Add(("您希望现场测一测是否超标，我们会请办理单位核实。", 6));
        }

        if (CallerConcerns.OffersEvidence(text))
        {
            parts.Add(("您提到已拍下照片或视频，可在办理单位与您联系时提供。", 5));
        }

        // 归谁管: the caller's own question is answered where the handling is said.
        var asked = CallerConcerns.AsksWho(text) ? "关于您问的归谁管：" : "";
        // No street office read, but a place said (真武庙一带): the unit need not ask the caller where it is.
        var place = t.Street is null && restatement.Where is { Length: >= 2 } where && !where.StartsWith('您') ? where : null;
        // A place said whose street is not known: its office is said plainly (当地, not the jargon 属地, nor a
        // "…所属的街道办事处" the supervisors read as a template); with no place at all, the office of wherever it is.
        var placeOffice = place is null ? "问题所在地的街道办事处" : "当地街道办事处";
        if (!t.Covered)
        {
            // The plan names no department for it: the street office takes it in and brings in whoever is competent.
            parts.Add(($"{asked}我们将把此事转交{h.Local?.Unit ?? placeOffice}，由其协调相关部门办理。", 10));
        }
        else
        {
            var office = h.Local is { } l ? (t.Street is null ? placeOffice : l.Unit) : null;
            var who = new StringBuilder(asked).Append("此事由");
            if (office is not null && h.Lead is { Role: "主责" } lead)
            {
                who.Append(office).Append("会同").Append(lead.Unit).Append("办理。");
            }
            else if (office is not null)
            {
                who.Append(office).Append("办理").Append(h.Lead is { } coLead ? $"，{coLead.Unit}配合" : "").Append('。');
            }
            else
            {
                who.Append(h.Lead?.Unit ?? "相关部门").Append("办理。");
            }

            parts.Add((who.ToString(), 10));
            if (h.Quote is { } quote)
            {
                parts.Add(($"西城区2024年污染防治行动计划提出要“{quote}”。", 2));
            }
        }

        // No street said: which office takes it in depends on where exactly it is, so the call checks that first.
        var check = t.Street is null && place is null ? "与您联系核实具体地址和情况" : "与您联系核实";
        parts.Add(($"办理单位将在{terms.ContactWithinHours}小时内{check}，力争在{terms.ResolveWithinDays}日内向您反馈办理结果。", 10));
        parts.Add(("感谢您的反映！", 1));

        var kept = parts.ToList();
        while (ChineseText.Normalize(string.Concat(kept.Select(p => p.Text))).Length > TargetLength && kept.Any(p => p.Keep < 9))
        {
            kept.Remove(kept.Where(p => p.Keep < 9).MinBy(p => p.Keep));
        }

        return string.Concat(kept.Select(p => p.Text));
    }

    // ---- the one clause the reply quotes ---------------------------------------------------------------------------

    /// <summary>
    /// The clause of a basis measure, at most 30 characters and verbatim (a unit's name at its head left off), that
    /// shares most words with the complaint; what is done about complaints preferred over the administration's own work.
    /// </summary>
    internal (string? Clause, Measure? Measure) BestClause(Triage t)
    {
        var told = ChineseText.Bigrams(ChineseText.Normalize($"{t.Complaint ?? t.Facts.Summary}{string.Concat(t.MainCues)}{t.Category}"));
        var wanted = ChineseText.Bigrams(ChineseText.Normalize($"{t.Complaint ?? t.Facts.Summary}{string.Concat(t.MainCues)}{t.Category}"));
        (string Clause, Measure Measure, double Score)? best = null;
        // The one clause fits the matter the caller puts first: a second concern's rows (湖面 in a bar-noise call) are
        // not quoted from while the main one has rows of its own.
        var mainHasRows = t.Basis.Any(b => b.Category == t.Category);
        foreach (var (b, index) in t.Basis.Select((b, i) => (b, i)))
        {
            if (mainHasRows && b.Category != t.Category)
            {
                continue;
            }

            var m = b.Measure;
            foreach (var piece in ClauseOfPlan().Matches(m.Text).Select(x => x.Value))
            {
                var clause = piece;
                foreach (var unit in m.LeadUnits.Concat(m.CoUnits).Where(u => clause.StartsWith(u, StringComparison.Ordinal)))
                {
                    clause = clause[unit.Length..];
                }

                clause = clause.StartsWith('并') ? clause[1..] : clause;
                // A clause with a code in it (排放标准b限值) reads as jargon to a caller.
                if (clause.Length is < 6 or > MaxQuote || clause.Contains('《', StringComparison.Ordinal) || clause.Any(char.IsAsciiLetter)
                    // Night-work rules do not fit work done by day (中午也在拆).
                    || (t.Time is { AfterDark: false } && clause.Contains("夜间", StringComparison.Ordinal))
                    || knowledge.Units.Any(u => clause.Contains(u.Name, StringComparison.Ordinal) || u.Aliases.Any(a => a.Length > 1 && clause.Contains(a, StringComparison.Ordinal)))
                    || DraftRubric.Jargon.Any(j => clause.Contains(j, StringComparison.Ordinal))
                    || (_reply.Generic ?? []).Any(g => clause.Contains(g, StringComparison.Ordinal))
                    || _reply.Avoid.Any(w => clause.Contains(w, StringComparison.Ordinal))
                    // A clause fits this complaint: it shares words with what the caller said, or names its kind whole
                    // (燃放烟花爆竹 for 烟花爆竹) — not a clause of a catch-all row about another kind (餐饮油烟 to a noise caller).
                    || !(ChineseText.Bigrams(ChineseText.Normalize(clause)).Any(w => told.Contains(w) && !CommonBigrams.Contains(w))
                         || clause.Contains(b.Category, StringComparison.Ordinal) || (b.Topic is { } topic && clause.Contains(topic, StringComparison.Ordinal))))
                {
                    continue;
                }

                // Shared words count up to a point, so a long clause does not win on length alone.
                var score = Math.Min(ChineseText.Bigrams(ChineseText.Normalize(clause)).Count(wanted.Contains), 4) * 3.0
                    - (clause.Any(char.IsAsciiDigit) ? 3 : 0)
                    + (_reply.Prefer.Any(w => clause.Contains(w, StringComparison.Ordinal)) ? 2 : 0)
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

    /// <summary>Words every plan clause and many complaints share; sharing them says nothing about fit.</summary>
    private static readonly HashSet<string> CommonBigrams =
        ["加强", "管理", "工作", "推进", "开展", "问题", "重点", "进一", "一步", "相关", "部门", "处理", "解决", "市民", "反映", "情况", "实施", "落实", "提升", "持续", "有效", "严格", "要求", "及时", "全面", "进行", "噪声", "污染", "防治",
         "检查", "巡查", "排查", "核查", "执法", "监管", "整治", "督促", "治理"];

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
            sb.Append("转办：").Append(h.Local is { } office ? $"{office.Unit}（问题所在地街道，答复中已告知来电人）" : "问题所在地的街道办事处（地址未注明，请先向来电人核实）").Append('\n');
        }
        else
        {
            sb.Append("主办：").Append(h.Lead is { } lead ? Row(lead) : "——").Append('\n');
            sb.Append("属地：").Append(h.Local is { } local ? Row(local) : "——（所据措施未列街道办事处）").Append('\n');
            sb.Append("协办：").Append(h.Co.Count == 0 ? "无" : string.Join("；", h.Co.Select(Row))).Append('\n');
            // The lead's own row joins the basis when a topic makes it lead by another row (露天烧烤 → 附件1-25-1).
            var rows = t.Basis.Select(b => b.Measure).ToList();
            if (h.Lead is { } leadUnit && rows.All(m => m.Ref != leadUnit.Ref) && knowledge.FindMeasure(leadUnit.Ref) is { } leadRow)
            {
                rows.Add(leadRow);
            }

            sb.Append("计划依据（").AppendJoin("、", rows.Select(m => m.Ref)).Append("）：\n");

            foreach (var m in rows)
            {
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

        var inferred = t.Basis.Select(b => b.Measure)
            .Concat(h.Lead is { } leadOf && knowledge.FindMeasure(leadOf.Ref) is { } leadMeasure ? [leadMeasure] : [])
            .Where(m => m.SplitInferred).DistinctBy(m => m.Ref).ToList();
        if (inferred.Count > 0)
        {
            sb.Append("注：").AppendJoin("、", inferred.Select(m => m.Ref))
              .Append(" 的主责/协办单位划分是根据原文表格排版推断的，派单前请以正式文件核对。\n");
        }

        sb.Append("时限（本中心设置，非行动计划规定）：").Append(terms.ContactWithinHours).Append("小时内联系来电人，")
          .Append(terms.ResolveWithinDays).Append("日内反馈办理情况。");
        return sb.ToString();
    }

    private static string Row(HandlingUnit u) => u.Ref.Length == 0
        ? $"{u.Unit}（{u.Role}；所据措施未列街道办事处，按属地派单）"
        : $"{u.Unit}（{u.Ref} {u.Role}{(u.AsInPlan is { } plan && plan != u.Unit ? $"：{plan}" : "")}）";

    private static string UnitList(IReadOnlyList<string> units, Street? street) => units.Count == 0
        ? "——"
        : UnitNames.Join(units.Select(u => street is not null && StreetOfficeGroups.Contains(u) ? $"{u}（本件：{street.Office}）" : u));

    [GeneratedRegex(@"[^，；。：]+")]
    private static partial Regex ClauseOfPlan();

    [GeneratedRegex("手续|许可|证照|执照|资质")]
    private static partial Regex PermitAsked();

    [GeneratedRegex(@"清晨|早上|早晨|一大早|大清早|天不亮|天还没亮|^(?!.*[晚夜]).*(?<![十\d])[四五六4-6]点")]
    private static partial Regex EarlyMorning();
}
