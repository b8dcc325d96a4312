using System.Text;
using System.Text.RegularExpressions;
using Assistant.Index.Knowledge;
using Assistant.Index.Search;

namespace Assistant.Index.Answers;

/// <summary>
/// Answers a question from the plan: reads it, finds the measures or figures it is about, and renders a short
/// Chinese answer with the units and deadline first and a citation. Never names a unit, date or number that the
/// records it returns do not hold; says so when the plan has no basis.
/// </summary>
public sealed partial class AnswerEngine
{
    /// <summary>Share of the topic's bigrams a measure must contain to count as an answer.</summary>
    internal const double MinCoverage = 0.4;

    private const int MaxListed = 3;

    private readonly KnowledgeBase _knowledge;
    private readonly MeasureIndex _index;
    private readonly QuestionReader _reader;
    private readonly Hotline.ComplaintTriage? _triage;
    private readonly Dictionary<string, (string Text, HashSet<string> Bigrams)> _measureTerms;

    /// <summary>Each measure's figures (<see cref="Understanding.PlanFigures"/>): named in a question, they name the measure.</summary>
    private readonly Dictionary<string, IReadOnlySet<string>> _measureFigures;
    private readonly Dictionary<string, int> _bigramFrequency;
    private readonly string[] _deadlineTexts;
    private readonly string[] _metricsWithoutFigures;
    private readonly bool _planHasMoney;
    private readonly Dictionary<string, (string Text, HashSet<string> Bigrams)> _keywords;
    private readonly Understanding.PlanCalendar _calendar;
    private readonly Understanding.FollowUps _followUps;
    private readonly Understanding.PlanUnderstanding _understanding;
    private readonly Gazetteer _gazetteer;

    /// <param name="triage">
    /// Complaint triage, for questions phrased as a complaint ("楼下饭馆排烟呛得不行，归哪个部门管"): when search finds
    /// no measure that holds the topic, the triage's category and its measures are the basis.
    /// </param>
    /// <param name="clock">Today, for periods relative to it ("本季度", "下个月"); the system clock unless given.</param>
    public AnswerEngine(KnowledgeBase knowledge, MeasureIndex index, Gazetteer gazetteer, Hotline.ComplaintTriage? triage = null, TimeProvider? clock = null)
        : this(knowledge, Task.FromResult(index), gazetteer, triage, clock)
    {
    }

    /// <summary>
    /// With the measure index still being built on another thread: the alternate questions' indexes, the larger part of
    /// start-up, are built meanwhile (they do not need it).
    /// </summary>
    internal AnswerEngine(KnowledgeBase knowledge, Task<MeasureIndex> index, Gazetteer gazetteer, Hotline.ComplaintTriage? triage, TimeProvider? clock)
    {
        _triage = triage;
        _gazetteer = gazetteer;
        _knowledge = knowledge;
        _deadlineTexts = knowledge.Plan.Measures.Select(m => m.Deadline.Text).Where(d => d.Length >= 4).Distinct(StringComparer.Ordinal)
            .OrderByDescending(d => d.Length).ToArray();
        var years = knowledge.Plan.Measures.SelectMany(m => YearInText().Matches(m.Text)).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
        _calendar = new Understanding.PlanCalendar(clock ?? TimeProvider.System);
        _reader = new QuestionReader(gazetteer, years, _calendar);
        _followUps = new Understanding.FollowUps(_reader, gazetteer, knowledge);
        _measureTerms = knowledge.Plan.Measures.ToDictionary(
            m => m.Ref,
            m =>
            {
                var text = ChineseText.Normalize($"{m.TaskName}|{m.Section}|{m.Text}");
                return (text, ChineseText.Bigrams(text));
            },
            StringComparer.Ordinal);
        _measureFigures = knowledge.Plan.Measures.ToDictionary(m => m.Ref, m => Understanding.PlanFigures.In(ChineseText.Normalize(m.Text)), StringComparer.Ordinal);
        _bigramFrequency = _measureTerms.Values.SelectMany(t => t.Bigrams)
            .GroupBy(b => b, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

        // What the plan gives figures for, read from the plan itself: a pollutant it never puts next to a number
        // (PM10, 臭氧 — named only in 消耗臭氧层物质) has no target in it, and neither has money (no amount in yuan).
        var sentences = knowledge.Plan.Measures.SelectMany(m => ClauseSplit().Split(ChineseText.Normalize(m.Text)))
            .Concat(knowledge.Plan.DistrictTargets.Select(t => ChineseText.Normalize($"{t.Name} {t.Value}")))
            .ToList();
        _metricsWithoutFigures = Metrics.Where(metric => !sentences.Any(c => c.Contains(metric, StringComparison.Ordinal) && Number().IsMatch(c))).ToArray();
        _planHasMoney = sentences.Any(c => MoneyAmount().IsMatch(c));
        // 附件6 keywords, normalised once: every indicator question compares against all of them.
        _keywords = knowledge.Plan.DistrictTargets.SelectMany(t => t.Keywords).Distinct(StringComparer.Ordinal)
            .ToDictionary(k => k, k => (ChineseText.Normalize(k), ChineseText.Bigrams(ChineseText.Normalize(k))), StringComparer.Ordinal);
        // Everyday words: alternate questions indexed by the topic this reader finds in them.
        _understanding = new Understanding.PlanUnderstanding(knowledge, text => _reader.Read(text).Topic);
        _index = index.GetAwaiter().GetResult();
    }

    /// <summary>Pollutants and water measures people ask targets for (normalized: Latin upper-cased).</summary>
    private static readonly string[] Metrics =
    [
        "PM10", "可吸入颗粒物", "臭氧", "O3", "二氧化硫", "SO2", "二氧化氮", "NO2", "一氧化碳", "AQI", "空气质量指数",
        "氨氮", "COD", "化学需氧量", "总磷", "总氮", "分贝",
    ];

    public QuestionReader Reader => _reader;

    /// <summary>Inverse document frequency of a bigram over the measures: rare words carry the topic.</summary>
    private double Rarity(string bigram) =>
        Math.Log(1 + _measureTerms.Count / (1.0 + _bigramFrequency.GetValueOrDefault(bigram, UnseenFrequency)));

    /// <summary>
    /// A bigram the plan never uses weighs as a fairly rare one: often it is a colloquial word or a pair across two
    /// words (修行 in 汽修行业), so it must not sink a match; a topic made only of such bigrams (养老金) still fails.
    /// </summary>
    private const int UnseenFrequency = 3;

    public Answer Ask(string question, ConversationContext? context = null)
    {
        // The engine is deterministic, and after news of a policy many people ask the same thing: remember answers —
        // for this month only, since "本季度" means another window next month.
        var month = _calendar.CurrentMonth;
        if (month != _cachedMonth)
        {
            _answers.Clear();
            Interlocked.Exchange(ref _cachedAnswers, 0);
            _cachedMonth = month;
        }

        var key = CacheKey(question, context);
        if (_answers.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var answer = Compute(question, context);
        // Counted here, not with _answers.Count, which takes all of the dictionary's locks: under traffic that misses
        // the cache every request asked for it, and the requests queued on those locks.
        if (Interlocked.Increment(ref _cachedAnswers) > MaxCachedAnswers)
        {
            _answers.Clear();
            Interlocked.Exchange(ref _cachedAnswers, 0);
        }

        _answers[key] = answer;
        return answer;
    }

    private const int MaxCachedAnswers = 10_000;

    private int _cachedMonth;
    private int _cachedAnswers;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Answer> _answers = new(StringComparer.Ordinal);

    private static string CacheKey(string question, ConversationContext? context) => context is null || context.IsEmpty
        ? question
        : $"{question}\u0001{context.Intent}\u0001{context.Unit}\u0001{context.Street}\u0001{string.Join(',', context.MeasureRefs)}\u0001{context.Topic}\u0001{context.Period}\u0001{context.Indicator}\u0001{context.Asked}";

    /// <summary>Answers without the cache (what <see cref="Ask"/> does on a miss); for benchmarks and checks.</summary>
    public Answer Compute(string question, ConversationContext? context = null)
    {
        // Everyday words are read first: the topic without framing words ("市民反映", "咱区"), the intent from everyday ways
        // of asking ("帮着一块管"), and what the question asks that no plan answers (forecasts, phone numbers) refused as such.
        var read = _reader.Read(question, context);
        read = read with { Topic = _understanding.Tidy(read.Topic) };
        read = read with { Intent = Understanding.EverydayIntent.Refine(read) };
        if (read.OutOfScope is null && Understanding.PlanUnderstanding.OutOfScope(read.Normalized) is { } asked)
        {
            var refused = read with { Intent = Intent.None, OutOfScope = asked };
            return Understanding.FollowUps.Remember(refused, NoBasis(refused), context);
        }

        // A follow-up ("那下个月呢", "换成牛街呢") is read as the complete question the conversation's frame makes of it.
        var q = _followUps.Resolve(read, context);
        var answer = Respond(q, context);
        // "那马路边大伙儿用的呢" after a question about charging posts finds nothing alone, or only a closest guess: with the
        // topic before it, it may find its measure. The wider reading is taken when it is the surer one.
        if ((answer is { NoAnswer: true, OutOfScope: null } || answer.Uncertain) && _followUps.Widen(read, context) is { } wider)
        {
            var widened = Respond(wider, context);
            // "那每季度用电用气这些能耗数据统计呢" names a whole new matter: its own closest answer stands.
            var ownMatter = !answer.NoAnswer && read.Topic.Count(ChineseText.IsCjk) >= OwnMatterLength;
            if (answer.NoAnswer || (!ownMatter && widened is { NoAnswer: false, Uncertain: false }))
            {
                q = wider;
                answer = widened;
            }
        }

        return Understanding.FollowUps.Remember(q, answer, context);
    }

    private Answer Respond(Question q, ConversationContext? context)
    {
        // A matter of daily life the plan never names (宠物, 摇号, 物业费) is declined before any search, not answered
        // with a measure whose words only sit near it (新能源车 for a car-plate lottery).
        if (q.OutOfScope is null && Understanding.OutsideThePlan.Find(q.Normalized) is not null)
        {
            return NoBasis(q with { OutOfScope = Understanding.OutsideThePlan.Category });
        }

        var answer = q.Intent switch
        {
            Intent.None => NoBasis(q),
            Intent.Duties => Duties(q, context),
            // "国六标准限值是多少": a standard's limit is no target of the plan; the measures say what the plan has instead.
            Intent.Indicator when Understanding.PlanUnderstanding.AsksStandardLimit(q.Normalized) && q.Streets.Count == 0
                => AboutMeasures(q with { Intent = Intent.Search }, context),
            Intent.Indicator => Indicator(q, context),
            _ => AboutMeasures(q, context),
        };

        // "城管负责哪些": a nickname of several units is answered for the one the aliases give, saying so.
        if (answer.Intent == Intent.Duties && !answer.NoAnswer
            && Understanding.PlanUnderstanding.AmbiguityNote(_gazetteer, q.Normalized, answer.Context.Unit) is { } note)
        {
            answer = answer with { Text = answer.Text + "\n" + note, Uncertain = true };
        }

        // A figure the plan does not give is not answered with a neighbouring one (PM10 with PM2.5's target).
        // A refusal for what is asked (money, a metric without figures) says more than "the plan lacks this detail".
        var answered = !answer.NoAnswer || answer.OutOfScope == DetailMissing;
        if (answered && (answer.Intent == Intent.Indicator || (answer.OutOfScope == DetailMissing && q.Intent == Intent.Indicator))
            && _metricsWithoutFigures.Any(metric => q.Normalized.Contains(metric, StringComparison.Ordinal)))
        {
            return NoBasis(q with { OutOfScope = "metric" });
        }

        if (answered && !_planHasMoney && MoneyQuestion().IsMatch(q.Normalized))
        {
            return NoBasis(q with { OutOfScope = "money" });
        }

        // Another year than 2024 is answered only by wording of the plan that names that year (到2025年…).
        var year = YearInText().Matches(q.Normalized).Select(m => m.Value).FirstOrDefault(y => y != "2024");
        return year is null || answer.NoAnswer || q.Normalized.Contains("2024", StringComparison.Ordinal)
            || answer.Matches.Any(m => m.Measure.Contains(year, StringComparison.Ordinal))
            ? answer
            : NoBasis(q with { OutOfScope = "year" });
    }

    /// <summary>The measures a topic is about, best first, each with its share of the topic found in it.</summary>
    public IReadOnlyList<(Measure Measure, double Coverage, double Phrases, float Score)> FindMeasures(string topic, IReadOnlyCollection<string>? units = null, int max = 10)
    {
        var terms = TopicTerms.Of(topic);
        if (terms.IsEmpty)
        {
            return [];
        }

        return _index.Search(topic, units, max)
            .Select(h => (h.Measure, Coverage(terms, h.Measure), terms.PhrasesIn(_measureTerms[h.Measure.Ref].Text), h.Score))
            .ToList();
    }

    private double Coverage(TopicTerms topic, Measure m)
    {
        return topic.CoverageIn(_measureTerms[m.Ref].Bigrams, Rarity);
    }

    // ---- lead / deadline / co / search -------------------------------------------------------------------------

    private Answer AboutMeasures(Question q, ConversationContext? context)
    {
        IReadOnlyList<Measure> measures;
        var confidence = Understanding.Confidence.High;
        if (q.Reference is { } reference)
        {
            measures = _knowledge.FindMeasure(reference) is { } one ? [one] : _knowledge.FindTask(reference)?.Measures ?? [];
        }
        else if (q.IsFollowUp && context is not null)
        {
            measures = context.MeasureRefs.Select(_knowledge.FindMeasure).OfType<Measure>().ToList();
        }
        else
        {
            (measures, confidence) = RankMeasures(q, context);
        }

        if (measures.Count == 0)
        {
            return NoBasis(q with { OutOfScope = "notfound" });
        }

        // A detail the plan does not state (晚上几点) is not dressed up as answered by a general measure.
        var missing = Understanding.PlanUnderstanding.MissingDetail(q.Normalized, measures);
        var uncertain = confidence == Understanding.Confidence.Low || missing is not null;
        var sb = new StringBuilder();
        if (uncertain)
        {
            sb.Append(Understanding.PlanUnderstanding.ClosestOpening(missing));
        }
        else if (measures.Count > 1 && q.Reference is not null)
        {
            sb.Append(measures[0].Citation).Append(" 共 ").Append(measures.Count).Append(" 项措施：\n");
        }
        else if (measures.Count > 1)
        {
            sb.Append("计划中有 ").Append(measures.Count).Append(" 项措施与此同样相关：\n");
        }

        var topic = TopicTerms.Of(q.Topic);
        for (var i = 0; i < measures.Count; i++)
        {
            if (measures.Count > 1)
            {
                sb.Append(i + 1).Append(". ");
            }

            if (q.Aspect == Understanding.Aspect.Ongoing)
            {
                Understanding.FrameAnswers.AppendOngoing(sb, measures[i]);
            }
            else if (q.IsFollowUp && q.Time is { } window)
            {
                Understanding.FrameAnswers.AppendWindowCheck(sb, measures[i], window);
            }

            if (q.Aspect == Understanding.Aspect.Wording)
            {
                Understanding.FrameAnswers.AppendWording(sb, measures[i]);
            }
            else
            {
                AppendMeasure(sb, measures[i], q.Intent, topic);
            }
        }

        AppendInferredNote(sb, measures);
        var intent = q.Intent == Intent.None ? Intent.Search : q.Intent;
        // The detail asked for is not in the plan: no answer, though the measures it points to are cited.
        return new Answer(missing is null ? intent : Intent.None, sb.ToString().TrimEnd(), missing is not null, measures.Select(m => AnswerMatch.From(m)).ToList(), [],
            new ConversationContext(intent, measures.Select(m => m.Ref).ToList(), null, null), missing is null ? null : DetailMissing, Uncertain: uncertain);
    }

    /// <summary>Searches the topic; keeps the best measure and any that match equally well.</summary>
    private List<Measure> BestMeasures(Question q, ConversationContext? context = null) => RankMeasures(q, context).Measures.ToList();

    /// <summary>
    /// The measures the topic is about, best first, with how sure that is: the measure text's evidence and the
    /// alternate questions' (knowledge/understanding/), combined by <see cref="Understanding.MeasureRanking"/>.
    /// </summary>
    private Understanding.RankedMeasures RankMeasures(Question q, ConversationContext? context = null)
    {
        var topic = q.Topic.Length > 0 ? q.Topic : string.Join(" ", q.Units.Select(u => u.Name));
        var terms = TopicTerms.Of(topic);

        // A short question after an answer ("年底比例要到多少") is first read against that answer's measures — not against
        // a list of duties, which is no one matter under discussion.
        if (context is { MeasureRefs.Count: > 0, Intent: not Intent.Duties } && q.Units.Count == 0 && q.Normalized.Length <= MaxFollowUpLength)
        {
            var previous = context.MeasureRefs.Select(_knowledge.FindMeasure).OfType<Measure>()
                .Select(m => (Measure: m, Coverage: Coverage(terms, m)))
                .Where(x => x.Coverage >= MinCoverage)
                .OrderByDescending(x => x.Coverage)
                .ToList();
            if (previous.Count > 0)
            {
                return new([previous[0].Measure], Understanding.Confidence.High);
            }
        }

        var found = FindMeasures(topic, q.Units.Select(u => u.Name).ToList(), max: 10);
        var top = found.Count == 0 ? 1f : found.Max(h => h.Score);
        var alternates = _understanding.MeasureAlternates(q.Topic);
        var pooled = _understanding.PooledMeasures(topic).ToDictionary(h => h.Ref, StringComparer.Ordinal);
        var bestPooled = Math.Max(Understanding.MeasureRanking.PoolFullScore, pooled.Count == 0 ? 0 : pooled.Values.Max(h => h.Score));
        var learned = _understanding.ClassifyMeasures(q.Topic).ToDictionary(c => c.Ref, c => c.Probability, StringComparer.Ordinal);
        var figures = Understanding.PlanFigures.In(q.Normalized);
        // "发改牵头，谁配合": a unit the question says leads counts only for measures it leads.
        var saidToLead = q.Units.Count == 0 ? [] : _gazetteer.Find(q.Normalized)
            .Where(m => m.Unit is not null && SaysLeads().IsMatch(q.Normalized.AsSpan(m.End, Math.Min(4, q.Normalized.Length - m.End)).ToString()))
            .Select(m => m.Unit!.Name).ToHashSet(StringComparer.Ordinal);
        bool TakesPart(Measure m) => q.Units.Any(u => saidToLead.Contains(u.Name) ? m.LeadUnits.Contains(u.Name) : m.InvolvesUnit(u.Name));
        Understanding.MeasureEvidence WithPool(Understanding.MeasureEvidence e)
        {
            e = e with
            {
                NamedUnit = TakesPart(e.Measure),
                NamedFigure = figures.Count > 0 && _measureFigures[e.Measure.Ref].Overlaps(figures),
                Learned = learned.GetValueOrDefault(e.Measure.Ref),
            };
            return pooled.TryGetValue(e.Measure.Ref, out var p)
                ? e with { Pooled = p.Score / bestPooled, PoolScore = p.Score, PoolCoverage = p.Coverage }
                : e;
        }
        var evidence = found
            .Select(h => WithPool(new Understanding.MeasureEvidence(h.Measure, h.Coverage, h.Phrases, h.Score / top,
                h.Coverage >= MinCoverage || SharesLongRun(terms, h.Measure), alternates.GetValueOrDefault(h.Measure.Ref))))
            .ToList();
        // Measures only their alternate questions, or only the pooled words, found.
        var figured = figures.Count == 0 ? [] : _measureFigures.Where(f => f.Value.Overlaps(figures)).Select(f => f.Key);
        var classified = learned.Where(c => c.Value >= Understanding.MeasureRanking.LearnedBeside).Select(c => c.Key);
        foreach (var reference in alternates.Keys.Concat(pooled.Keys).Concat(figured).Concat(classified))
        {
            if (evidence.All(e => e.Measure.Ref != reference) && _knowledge.FindMeasure(reference) is { } m)
            {
                evidence.Add(WithPool(new(m, Coverage(terms, m), terms.PhrasesIn(_measureTerms[m.Ref].Text), 0, false, alternates.GetValueOrDefault(reference))));
            }
        }

        // A short follow-up nothing else finds is about the answer before (below), not whatever its few words suggest.
        var followUp = context is { MeasureRefs.Count: > 0 } && q.Normalized.Length <= MaxFollowUpLength;
        evidence = Understanding.MeasureRanking.Candidates(evidence, learnedAlone: !followUp);

        // A year other than the plan's ("到2025年…") is answered only by a measure that names it.
        if (YearInText().Matches(q.Normalized).Select(m => m.Value).FirstOrDefault(y => y != "2024") is { } year)
        {
            evidence = evidence.Where(h => h.Measure.Text.Contains(year, StringComparison.Ordinal)).ToList();
        }
        if (q.Units.Count > 0)
        {
            // "区交通委负责的充电设施…": a measure the named unit takes part in beats one it does not — unless it holds
            // far less of the topic ("环卫车换新能源，是城管还是谁": the unit is a guess, not a filter). A unit the asker says
            // leads ("我们发改牵头") is no guess.
            var withUnit = evidence.Where(h => TakesPart(h.Measure)).ToList();
            if (withUnit.Count > 0 && (saidToLead.Count > 0
                || withUnit.Max(Understanding.MeasureRanking.Score) >= 0.8 * evidence.Max(Understanding.MeasureRanking.Score)))
            {
                evidence = withUnit;
            }
        }

        if (evidence.Count == 0)
        {
            var basis = ComplaintBasis(q);
            // Still nothing, and a short question right after an answer ("一共要搞多少条"): it is about that answer.
            return new(basis.Count > 0 || context is not { MeasureRefs.Count: > 0 } || q.Units.Count > 0 || q.Normalized.Length > MaxFollowUpLength
                ? basis
                : context.MeasureRefs.Select(_knowledge.FindMeasure).OfType<Measure>().Take(MaxListed).ToList(), Understanding.Confidence.High);
        }

        return Understanding.MeasureRanking.RankCandidates(evidence);
    }

    private const int MaxFollowUpLength = 12;

    /// <summary>The reason of an answer that points to measures but says the plan lacks the detail asked (几点, 多少分贝).</summary>
    public const string DetailMissing = "detail";

    /// <summary>A follow-up topic this long names a matter of its own, not a detail of the one before.</summary>
    private const int OwnMatterLength = 8;

    /// <summary>Four or more characters of the topic, in a row, in the measure's own wording (流动加油车).</summary>
    private const int LongRun = 4;

    private bool SharesLongRun(TopicTerms topic, Measure m)
    {
        var text = _measureTerms[m.Ref].Text;
        foreach (var phrase in topic.Normalized.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            for (var i = 0; i + LongRun <= phrase.Length; i++)
            {
                var run = phrase.AsSpan(i, LongRun);
                if (ChineseText.IsCjk(run[0]) && ChineseText.IsCjk(run[^1]) && text.AsSpan().IndexOf(run, StringComparison.Ordinal) >= 0)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// A question phrased as a complaint that search cannot place ("平房有人偷偷烧散煤取暖，谁来查"): the hotline triage
    /// reads its category from cue words, and that category's measures are the basis.
    /// </summary>
    private List<Measure> ComplaintBasis(Question q)
    {
        if (_triage is null)
        {
            return [];
        }

        // 其他 counts only through a source the plan names (油罐车 → 附件1-6-1), never its catch-all rows.
        var triage = _triage.Triage(q.Raw);
        return triage.Category == OtherCategory && triage.Topic is null
            ? []
            : triage.Basis.Where(b => b.Category == triage.Category).Select(b => b.Measure).Take(MaxListed).ToList();
    }

    private const string OtherCategory = "其他";

    private static void AppendMeasure(StringBuilder sb, Measure m, Intent intent, TopicTerms topic)
    {
        var lead = $"主责单位：{Units(m.LeadUnits)}";
        var co = $"协办单位：{Units(m.CoUnits)}";
        var due = $"完成时限：{m.Deadline.Text}";
        var lines = intent switch
        {
            Intent.Co => new[] { co, lead, due },
            Intent.Deadline => [due, lead, co],
            _ => [lead, co, due],
        };
        sb.AppendJoin("；", lines).Append("。\n");
        sb.Append("依据：").Append(m.Citation).Append("（").Append(m.Ref).Append("）").Append('：')
          .Append('“').Append(Quote(m.Text, topic)).Append("”\n");
    }

    /// <summary>The note every answer resting on an inferred lead/co split carries.</summary>
    public static void AppendInferredNote(StringBuilder sb, IEnumerable<Measure> measures)
    {
        var inferred = measures.Where(m => m.SplitInferred).Select(m => m.Ref).Distinct().ToList();
        if (inferred.Count > 0)
        {
            sb.Append("注：").AppendJoin("、", inferred)
              .Append(" 的主责/协办单位划分是根据原文表格排版推断的，请以正式文件核对。\n");
        }
    }

    /// <summary>A unit list as answers show it; an empty one is the seed's ——.</summary>
    public static string Units(IReadOnlyList<string> units) => units.Count == 0 ? "无（原文为“——”）" : UnitNames.Join(units);

    public static string Trim(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max), "……");

    // ---- duties -------------------------------------------------------------------------------------------------

    private Answer Duties(Question q, ConversationContext? context)
    {
        if (q.IsFollowUp && context is not null && q.Units.Count == 0 && q.Streets.Count == 0)
        {
            // "那他们协办的呢": the previous answer's unit or street.
            var units = context.Unit is { } u && _knowledge.FindUnit(u) is { } previousUnit ? [previousUnit] : q.Units;
            var streets = context.Street is { } st && _knowledge.FindStreet(st) is { } previousStreet ? [previousStreet] : q.Streets;
            q = q with { Units = units, Streets = streets };
        }

        var unit = q.Units.FirstOrDefault();
        var street = q.Streets.FirstOrDefault();
        var deadlineText = _deadlineTexts.FirstOrDefault(d => q.Normalized.Contains(d, StringComparison.Ordinal));
        IEnumerable<(Measure M, string Role)> rows;
        string subject;
        if (unit is not null || street is not null)
        {
            // Street offices take part through the rows that name 各街道办事处. Several units named: what they share.
            var subjects = q.Units.Select(u => StreetOfficeGroups.NamesInTables(u, null)).ToList();
            if (street is not null)
            {
                subjects.Add(StreetOfficeGroups.NamesInTables(null, street));
            }

            subject = string.Join("和", q.Units.Select(u => u.Name).Concat(street is null ? [] : [street.Office]));
            rows = _knowledge.Plan.Measures
                .Select(m => (M: m, Roles: subjects.Select(names => m.LeadUnits.Any(names.Contains) ? "lead" : m.CoUnits.Any(names.Contains) ? "co" : "").ToList()))
                .Where(r => r.Roles.All(role => role.Length > 0))
                .Select(r => (r.M, Role: r.Roles.Count == 1 ? r.Roles[0] : "joint"));
        }
        else if (q.Time is not null || deadlineText is not null)
        {
            subject = "全区";
            rows = _knowledge.Plan.Measures.Select(m => (M: m, Role: "due"));
        }
        else
        {
            return NoBasis(q with { OutOfScope = "notfound" });
        }

        // "在应对气候变化那个附件里", "附件4里": one annex (and its theme is no topic to narrow by).
        var annex = AnnexNamed(q.Normalized);
        if (annex is not null)
        {
            rows = rows.Where(r => r.M.Annex == annex);
        }

        if (q.AsksLeadOnly)
        {
            rows = rows.Where(r => r.Role != "co");
        }
        else if (q.AsksCoOnly)
        {
            rows = rows.Where(r => r.Role != "lead");
        }

        IReadOnlyList<Measure> undated = [];
        if (q.Time is { } window)
        {
            // Measures with no due date are kept apart and named, not dropped (长期实施, 按时间节点完成).
            undated = rows.Select(r => r.M).Where(Understanding.FrameAnswers.IsUndated).ToList();
            rows = rows.Where(r => window.Includes(r.M.Deadline));
        }
        else if (deadlineText is not null)
        {
            // "哪些任务是按时间节点完成的": the deadline as the plan writes it.
            rows = rows.Where(r => r.M.Deadline.Text == deadlineText);
        }

        var list = rows.ToList();
        // "市场监管局主要负责哪些事": 主要 frames the list, it is no topic to narrow it by.
        var topic = TopicTerms.Of(DutyFraming().Replace(q.Topic, " "));
        if (!topic.IsEmpty && annex is null)
        {
            // "区城市管理委负责哪些充电设施的工作": narrow to the topic when some rows are about it.
            var onTopic = list.Where(r => Coverage(topic, r.M) >= MinCoverage).ToList();
            if (onTopic.Count > 0)
            {
                list = onTopic;
            }
        }

        var when = q.Time is null ? "" : $"（{q.Time.Surface}{(q.Time.ByEnd ? "" : "到期")}）";
        var sb = new StringBuilder();
        Understanding.FrameAnswers.AppendReading(sb, q.Time);
        if (list.Count == 0)
        {
            sb.Append("计划中没有").Append(subject).Append(when).Append("的措施。\n");
            Understanding.FrameAnswers.AppendUndated(sb, subject, undated);
            sb.Length -= 1;
            // Nothing due in a period is an answer the plan gives; no such subject at all is not.
            return new Answer(Intent.Duties, sb.ToString(), q.Time is null, [], [], new ConversationContext(Intent.Duties, [], unit?.Name, street?.Name));
        }

        AppendDutyGroup(sb, $"{subject}{when}主责的措施", list.Where(r => r.Role == "lead").Select(r => r.M).ToList());
        AppendDutyGroup(sb, $"{subject}{when}协办的措施", list.Where(r => r.Role == "co").Select(r => r.M).ToList());
        AppendDutyGroup(sb, $"{subject}{when}都参与（主责或协办）的措施", list.Where(r => r.Role == "joint").Select(r => r.M).ToList());
        AppendDutyGroup(sb, $"{q.Time?.Surface}到期的措施", list.Where(r => r.Role == "due").Select(r => r.M).ToList());
        Understanding.FrameAnswers.AppendUndated(sb, subject, undated);
        if (unit is null && street is not null || unit?.Kind == UnitKind.StreetOffice)
        {
            sb.Append("说明：计划把这些措施交给“各街道办事处”，").Append(street?.Name ?? "各街道").Append("在其中承担本街道的部分。\n");
        }

        AppendInferredNote(sb, list.Select(r => r.M));
        var matches = list.Select(r => AnswerMatch.From(r.M, r.Role)).ToList();
        return new Answer(Intent.Duties, sb.ToString().TrimEnd(), false, matches, [],
            new ConversationContext(Intent.Duties, list.Select(r => r.M.Ref).ToList(), unit?.Name, street?.Name));
    }

    /// <summary>An annex the question names by number (附件4) or by its title's theme (应对气候变化).</summary>
    private int? AnnexNamed(string text)
    {
        if (AnnexNumber().Match(text) is { Success: true } m)
        {
            return m.Groups[1].Value[0] - '0';
        }

        foreach (var annex in _knowledge.Plan.Annexes)
        {
            // 西城区应对气候变化2024年行动计划 → 应对气候变化; 西城区蓝天保卫战… → 蓝天保卫战, 蓝天.
            var theme = annex.Title.Replace("西城区", "", StringComparison.Ordinal).Replace("2024年行动计划", "", StringComparison.Ordinal);
            var shortTheme = theme.Replace("保卫战", "", StringComparison.Ordinal);
            if (text.Contains(theme, StringComparison.Ordinal) || (shortTheme.Length >= 2 && text.Contains(shortTheme + "保卫战", StringComparison.Ordinal)))
            {
                return annex.Number;
            }
        }

        return null;
    }

    private static void AppendDutyGroup(StringBuilder sb, string title, IReadOnlyList<Measure> measures)
    {
        if (measures.Count == 0)
        {
            return;
        }

        sb.Append(title).Append("共 ").Append(measures.Count).Append(" 项：\n");
        var i = 1;
        foreach (var m in measures)
        {
            sb.Append(i++).Append(". ").Append(m.Ref).Append(' ').Append(m.TaskName).Append("（").Append(m.Deadline.Text).Append("）：")
              .Append(Trim(m.Text, 40)).Append('\n');
        }
    }

    // ---- indicators ---------------------------------------------------------------------------------------------

    private Answer Indicator(Question q, ConversationContext? context)
    {
        if (q.Streets.Count > 0)
        {
            return StreetFigures(q);
        }

        var district = DistrictFigures(q);
        var ranked = q.IsFollowUp && context is not null ? null : RankMeasures(q, context);
        var measures = (ranked?.Measures ?? context!.MeasureRefs.Select(_knowledge.FindMeasure).OfType<Measure>().ToList())
            .Where(m => Number().IsMatch(m.Text))
            .ToList();
        measures = Understanding.PlanUnderstanding.CountedFirst(q.Normalized, measures);
        // No Arabic figure (三星级, 稳中向好): the measure's own wording is the answer. A figure is a precise answer, so
        // a measure the question is not surely about ("养狗能养多大的") gets the closest-match answer, not its numbers.
        if (district.Count == 0 && (measures.Count == 0 || ranked is { Confidence: Understanding.Confidence.Low }))
        {
            return AboutMeasures(q, context);
        }

        var figures = new List<Figure>(district);
        var text = new StringBuilder();
        // "那上半年呢": 附件6 has whole-year (and for some figures first-quarter) rows, the measures whole-year numbers.
        text.Append(Understanding.FrameAnswers.FigurePeriodNote(q.Time, district.Any(f => f.Name.Contains("一季度", StringComparison.Ordinal)))
            is { } periodNote && (district.Count > 0 || !measures.Any(m => m.Text.Contains(q.Time!.Surface, StringComparison.Ordinal))) ? periodNote : "");
        var topic = TopicTerms.Of(q.Topic);
        // A measure that holds the whole topic is the specific answer; the 附件6 row is then context, and vice versa.
        var measureFirst = measures.Count > 0 && Coverage(topic, measures[0]) >= 0.75 && !q.Normalized.Contains("全区", StringComparison.Ordinal);
        if (!measureFirst)
        {
            AppendDistrict(text, district);
        }

        foreach (var m in measures)
        {
            var clause = BestSentence(m.Text, topic, requireNumber: true);
            figures.Add(new Figure(m.TaskName, clause, "", m.Ref));
            text.Append("根据").Append(m.Citation).Append("（").Append(m.Ref).Append("）：“").Append(clause).Append("”\n")
                .Append("主责单位：").Append(Units(m.LeadUnits)).Append("；协办单位：").Append(Units(m.CoUnits))
                .Append("；完成时限：").Append(m.Deadline.Text).Append("。\n");
        }

        if (measureFirst)
        {
            AppendDistrict(text, district);
        }

        AppendInferredNote(text, measures);
        return new Answer(Intent.Indicator, text.ToString().TrimEnd(), false, measures.Select(m => AnswerMatch.From(m)).ToList(), figures,
            new ConversationContext(Intent.Indicator, measures.Select(m => m.Ref).ToList(), null, null));
    }

    private static void AppendDistrict(StringBuilder text, IReadOnlyList<Figure> district)
    {
        if (district.Count == 0)
        {
            return;
        }

        text.Append("西城区2024年指标（附件6）：")
            .AppendJoin("；", district.Select(f => $"{f.Name} {WithUnit(f.Value, f.Unit)}"))
            .Append("。\n");
    }

    /// <summary>850 + 吨 → 850吨; 15左右 + % → 15%左右; anything else verbatim with its unit after (100（100，0）（单位：%）).</summary>
    internal static string WithUnit(string value, string unit)
    {
        var m = LeadingNumber().Match(value);
        if (m.Success && m.Length == value.Length)
        {
            return value + unit;
        }

        return m.Success && value.AsSpan(m.Length) is "左右"
            ? string.Concat(m.Value, unit, "左右")
            : $"{value}（单位：{unit}）";
    }

    private Answer StreetFigures(Question q)
    {
        var figures = new List<Figure>();
        var sb = new StringBuilder(Understanding.FrameAnswers.FigurePeriodNote(q.Time, tableHasFirstQuarter: true));
        foreach (var street in q.Streets)
        {
            if (_knowledge.TargetFor(street) is not { } t)
            {
                continue;
            }

            var source = "附件1 全区及各街道空气质量目标表";
            figures.Add(new Figure($"{street.Name} PM2.5年均浓度", t.Pm25Annual.ToString(System.Globalization.CultureInfo.InvariantCulture), "微克/立方米", source));
            figures.Add(new Figure($"{street.Name} 一季度PM2.5浓度", t.Pm25Q1.ToString(System.Globalization.CultureInfo.InvariantCulture), "微克/立方米", source));
            figures.Add(new Figure($"{street.Name} 优良天数比率", t.GoodDaysRatio.ToString(System.Globalization.CultureInfo.InvariantCulture), "%", source));
            figures.Add(new Figure($"{street.Name} 重污染天数（全年）", t.HeavyPollutionDays.ToString(System.Globalization.CultureInfo.InvariantCulture), "天", source));
            figures.Add(new Figure($"{street.Name} 重污染天数（一季度）", t.HeavyPollutionDaysQ1.ToString(System.Globalization.CultureInfo.InvariantCulture), "天", source));
            if (q.AsksQ1)
            {
                sb.Append(street.Name).Append("2024年一季度目标：PM2.5浓度 ").Append(t.Pm25Q1).Append(" 微克/立方米，重污染天数 ")
                  .Append(t.HeavyPollutionDaysQ1).Append(" 天。\n");
            }

            sb.Append(street.Name).Append("2024年目标：PM2.5年均浓度 ").Append(t.Pm25Annual).Append(" 微克/立方米（一季度 ")
              .Append(t.Pm25Q1).Append("），优良天数比率 ").Append(t.GoodDaysRatio).Append("%，重污染天数 ")
              .Append(t.HeavyPollutionDays).Append(" 天（一季度 ").Append(t.HeavyPollutionDaysQ1).Append(" 天）。\n");
        }

        if (figures.Count == 0)
        {
            return NoBasis(q with { OutOfScope = "notfound" });
        }

        sb.Append("依据：附件1 所附“全区及各街道”PM2.5浓度、优良天数比率、重污染天数目标表。");
        return new Answer(Intent.Indicator, sb.ToString(), false, [], figures,
            new ConversationContext(Intent.Indicator, [], null, q.Streets[0].Name));
    }

    /// <summary>The 附件6 figures the question names (全区PM2.5, 叉车电动化数量, VOCs减排量…).</summary>
    private List<Figure> DistrictFigures(Question q)
    {
        var text = q.Normalized;
        var asksDistrict = text.Contains("全区", StringComparison.Ordinal) || text.Contains("西城区", StringComparison.Ordinal)
            || text.Contains("区级", StringComparison.Ordinal) || text.Contains("全西城", StringComparison.Ordinal)
            || Understanding.PlanUnderstanding.NamesTheDistrict(text);
        // A target is named when most of one of its keywords' bigrams are in the question (含VOCs的产品 ~ 含VOCs产品),
        // in its own words or in the plan's the reader put in the topic (好天儿 → 优良天数).
        text = $"{text} {q.Topic}";
        var question = ChineseText.Bigrams(text);
        var scored = _knowledge.Plan.DistrictTargets
            .Select(t => (Target: t, Hits: KeywordHits(t, text, question)))
            .Where(x => x.Hits > 0)
            .ToList();
        if (scored.Count == 0)
        {
            // No keyword: a plain description of the indicator ("空气好的天数占多少") that its alternate questions match.
            var described = _understanding.DistrictIndicators(q.Topic).FirstOrDefault();
            return _knowledge.Plan.DistrictTargets.Where(t => t.Name == described).Select(t => new Figure(t.Name, t.Value, t.Unit, "附件6")).ToList();
        }

        // Air-quality words name figures the measures also mention; take them from 附件6 only for the district.
        var best = scored.Max(x => x.Hits);
        var chosen = scored.Where(x => x.Hits == best).Select(x => x.Target).ToList();
        if (!asksDistrict && chosen.All(t => t.Keywords.Any(k => AirWords.Contains(k))) && !AsksTarget().IsMatch(text))
        {
            return [];
        }

        if (q.AsksQ1 && chosen.Any(t => t.Name.Contains("一季度", StringComparison.Ordinal)))
        {
            chosen = chosen.Where(t => t.Name.Contains("一季度", StringComparison.Ordinal)).ToList();
        }

        return chosen.Select(t => new Figure(t.Name, t.Value, t.Unit, "附件6")).ToList();
    }

    /// <summary>Keywords said whole count each; near matches count once, so two loose ones do not outweigh one said whole.</summary>
    private int KeywordHits(DistrictTarget target, string text, HashSet<string> questionBigrams)
    {
        var (whole, near) = (0, false);
        foreach (var keyword in target.Keywords.Select(k => _keywords[k]))
        {
            if (text.Contains(keyword.Text, StringComparison.Ordinal))
            {
                whole++;
            }
            else
            {
                near |= NearKeyword(keyword.Bigrams, questionBigrams);
            }
        }

        return whole + (near ? 1 : 0);
    }

    private static bool NearKeyword(HashSet<string> keyword, HashSet<string> questionBigrams)
    {
        // VOCs工程减排 ~ VOCs减排: a short keyword's words all there, with a word between them.
        return (keyword.Count == 2 && keyword.All(questionBigrams.Contains))
            || (keyword.Count >= 3 && keyword.Count(questionBigrams.Contains) >= Math.Ceiling(keyword.Count * 0.6));
    }

    private static readonly HashSet<string> AirWords = new(StringComparer.Ordinal) { "PM2.5", "优良天数", "重污染天数", "浓度" };

    /// <summary>The sentence of a measure that holds most of the topic (first one on a tie).</summary>
    internal static string BestSentence(string text, TopicTerms topic, bool requireNumber = false)
    {
        var sentences = ClauseSplit().Split(text).Where(c => c.Length > 0 && (!requireNumber || Number().IsMatch(c))).ToList();
        if (sentences.Count == 0)
        {
            return Trim(text, 120);
        }

        return sentences
            .Select((c, i) => (Sentence: c, Index: i, Score: topic.CoverageIn(ChineseText.Bigrams(ChineseText.Normalize(c)))))
            .OrderByDescending(x => x.Score).ThenBy(x => x.Index)
            .First().Sentence;
    }

    /// <summary>A long measure quoted as its opening and the sentence the question is about.</summary>
    internal static string Quote(string text, TopicTerms topic, int max = 160)
    {
        if (text.Length <= max)
        {
            return text;
        }

        var first = ClauseSplit().Split(text).FirstOrDefault(c => c.Length > 0) ?? text;
        var best = topic.IsEmpty ? first : BestSentence(text, topic);
        return best == first || first.Length + best.Length > max * 2
            ? Trim(best, max)
            : $"{Trim(first, max / 2)}……{Trim(best, max)}";
    }

    // ---- no basis -----------------------------------------------------------------------------------------------

    private static Answer NoBasis(Question q) =>
        new(Intent.None, Understanding.Refusals.Text(q.OutOfScope, q.OutOfScope == Understanding.OutsideThePlan.Category ? Understanding.OutsideThePlan.Find(q.Normalized) : null), true, [], [], ConversationContext.Empty, q.OutOfScope is "notfound" ? null : q.OutOfScope);

    [GeneratedRegex(@"\d")]
    private static partial Regex Number();

    // An amount of money; 万元GDP is an intensity, not an amount.
    [GeneratedRegex(@"\d(?:[\d.,]*)\s*(?:元|万元|亿元)(?!\s*GDP)")]
    private static partial Regex MoneyAmount();

    [GeneratedRegex(@"多少钱(?!的)|几块钱|几毛|多少元|电价|水价|气价|多少万|多少块|几千块|几百块|几万块|金额|补贴多少|补助多少|补贴.{0,6}(?:咋领|怎么领|去哪领|哪儿领|怎么申请|咋申请|发到|到账|打到|啥时候发|什么时候发|发下来)|发到卡|到账|有补贴吗|有没有补贴|补贴[^，。？]{0,4}还有(?:吗|没有)|还有补贴吗|有奖励吗|有没有奖励|给奖励吗|有奖吗|奖金|奖励多少|奖多少|资金多少|投入多少|花多少|预算多少|罚款多少|罚多少|罚(?:了|个)?(?:几|多少)|(?:能|给|国家)?补(?:贴|助)?(?:几|多少)(?:钱|万|千|块)?(?![^，。？]{0,2}(?:辆|台|个|家|处|吨|项))|罚款金额|罚款标准|处罚标准|罚金|罚款[^，。？]{0,3}额度|(?:收|要|交|花)多少[^，。？]{0,4}费")]
    private static partial Regex MoneyQuestion();

    [GeneratedRegex(@"20\d\d")]
    private static partial Regex YearInText();

    [GeneratedRegex(@"^(?:来|是|在)?(?:牵头|挑头|主责|领头|负责)")]
    private static partial Regex SaysLeads();

    [GeneratedRegex(@"附件\s*([1-6])(?![-－—第\d])")]
    private static partial Regex AnnexNumber();

    /// <summary>A target figure asked for ("要控制在多少", "得占多大比例才算达标"): with no street named, the district's.</summary>
    [GeneratedRegex(@"目标|指标|达标|控制在|控制到|要到|要达到|不超过|多少|多大|几成|几天|比例")]
    private static partial Regex AsksTarget();

    [GeneratedRegex(@"^\d+(?:\.\d+)?")]
    private static partial Regex LeadingNumber();

    [GeneratedRegex(@"(?<=[。；;])")]
    private static partial Regex ClauseSplit();

    // Adverbs only: 都 and 一般 also stand inside plan words (首都, 一般工业固体废物).
    [GeneratedRegex("主要|具体|平时|大概|分别|总共|一共|目前")]
    private static partial Regex DutyFraming();
}

