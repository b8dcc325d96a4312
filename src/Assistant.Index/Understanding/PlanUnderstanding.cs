using System.Text.RegularExpressions;
using Assistant.Index.Knowledge;

namespace Assistant.Index.Understanding;

/// <summary>
/// Understanding people's words, for the answer engine: the alternate questions' index, the pooled words, the classifier
/// that tells sibling measures apart, what a question asks that is out of the plan's scope, and details (hours) a question
/// asks that the plan does not state. Built once with the engine.
/// </summary>
public sealed partial class PlanUnderstanding : IDisposable
{
    private readonly AlternateIndex _alternates;
    private readonly MeasurePool _pool;
    private readonly MeasureClassifier _classifier;

    /// <param name="topicOf">The question reader's topic of a question: alternate questions are indexed by it.</param>
    public PlanUnderstanding(KnowledgeBase knowledge, Func<string, string> topicOf)
    {
        var planText = string.Join("|", knowledge.Plan.Measures.Select(m => Search.ChineseText.Normalize($"{m.TaskName}|{m.Section}|{m.Text}")));
        _fillers = Fillers.Select(Search.ChineseText.Normalize).Where(f => !planText.Contains(f, StringComparison.Ordinal))
            .OrderByDescending(f => f.Length).ToArray();
        // Both indexes read each alternate question's topic: read each once, on every core (start-up time; the reader
        // is thread-safe, as concurrent requests need).
        var topics = knowledge.Everyday.Measures.SelectMany(m => m.Questions.All.Select(q => q.Question))
            .Concat(knowledge.Everyday.District.SelectMany(d => d.Questions))
            .Concat(knowledge.Everyday.StreetColumns.SelectMany(c => c.Questions))
            .Distinct(StringComparer.Ordinal)
            .AsParallel()
            .Select(q => (Question: q, Topic: Tidy(topicOf(q))))
            .ToDictionary(x => x.Question, x => x.Topic, StringComparer.Ordinal);
        string TopicOf(string text) => topics.TryGetValue(text, out var t) ? t : Tidy(topicOf(text));
        // The classifier trains on another core while the indexes build.
        var training = Task.Run(() => MeasureClassifier.For(ClassifierExamples(knowledge, TopicOf)));
        _alternates = AlternateIndex.Build(knowledge.Everyday, TopicOf);
        _pool = MeasurePool.Build(knowledge, TopicOf);
        _classifier = training.Result;
    }

    /// <summary>
    /// What the classifier learns each measure from: its alternate questions (read as a user's question is), each concept
    /// with its everyday words, and each clause of its task name and text. Measures without everyday words are left out
    /// (a knowledge folder without understanding/ trains nothing).
    /// </summary>
    internal static List<(string Ref, string Text)> ClassifierExamples(KnowledgeBase knowledge, Func<string, string> topicOf)
    {
        var examples = new List<(string Ref, string Text)>();
        var described = knowledge.Everyday.Measures.Select(m => m.Ref).ToHashSet(StringComparer.Ordinal);
        foreach (var words in knowledge.Everyday.Measures)
        {
            examples.AddRange(words.Questions.All.Select(q => (words.Ref, topicOf(q.Question))));
            examples.AddRange(words.Concepts.Select(c => (words.Ref, string.Join("。", c.Everyday.Prepend(c.Plan)))));
        }

        foreach (var m in knowledge.Plan.Measures.Where(m => described.Contains(m.Ref)))
        {
            examples.AddRange($"{m.TaskName}。{m.Text}".Split(ClauseEnds, StringSplitOptions.RemoveEmptyEntries)
                .Where(clause => clause.Length > 3).Select(clause => (m.Ref, clause)));
        }

        return examples;
    }

    private static readonly char[] ClauseEnds = ['。', '；', '，', ';', ','];

    /// <summary>The classifier's most probable measures for a topic (tidied, as the reader's), best first.</summary>
    public IReadOnlyList<ClassifiedMeasure> ClassifyMeasures(string topic, int max = 5) => _classifier.Classify(topic, max);

    /// <summary>The measures whose pooled words (text, concepts, alternate questions) best match the topic.</summary>
    public IReadOnlyList<PoolHit> PooledMeasures(string topic, int max = 10) => _pool.Search(topic, max);

    /// <summary>
    /// Spoken and operators' framing words (市民反映, 诉求人称, 咱区, 这活儿, 帮着): they shape how people ask, not what
    /// about, and would dilute the topic. A word the plan itself uses is never one.
    /// </summary>
    private static readonly string[] Fillers =
    [
        "市民来电反映", "市民来电", "市民反映", "市民咨询", "市民问", "市民称", "诉求人反映", "诉求人称", "诉求人问", "诉求人", "来电人称",
        "来电人", "来电反映", "居民反映", "群众反映", "有人反映", "区里", "咱区", "咱们区", "我们区", "咱们", "方案里", "计划里",
        "文件里", "这儿", "那儿", "这边", "那边", "这片儿", "这片", "这块儿", "那块儿", "这块", "那块", "这活儿", "活儿", "这事儿",
        "那事儿", "事儿", "一块儿", "一块", "一起", "帮着", "好像", "听说", "据说", "大伙儿", "那项", "这项", "那种", "这种", "那个",
        "这个", "那些", "这些", "挑头", "能完事", "完事", "弄完", "弄好", "搞好", "管管", "该找谁", "找谁", "找哪", "往哪", "哪儿",
        "到底", "咋整", "咋办", "怎么办", "有人管吗", "有人管", "有人查", "按区里方案", "依据计划", "按计划", "咋回事", "怎么回事",
        "啥情况", "什么情况", "人家干", "别人干", "给人家", "给别人", "别的单位", "打下手", "里主要", "在里面", "在里头",
    ];

    private readonly string[] _fillers;

    /// <summary>The topic without framing words (see <see cref="Fillers"/>).</summary>
    public string Tidy(string topic)
    {
        foreach (var filler in _fillers)
        {
            if (topic.Contains(filler, StringComparison.Ordinal))
            {
                topic = topic.Replace(filler, " ", StringComparison.Ordinal);
            }
        }

        return string.Join(' ', topic.Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    public int AlternateCount => _alternates.Count;

    /// <summary>Why a question is out of scope by what it asks (a category of <see cref="AskedScope"/>), or null.</summary>
    public static string? OutOfScope(string normalizedQuestion) => AskedScope.Of(normalizedQuestion);

    /// <summary>Each measure's best alternate-question likeness to the topic (measures only; 0..1).</summary>
    public Dictionary<string, double> MeasureAlternates(string topic) =>
        _alternates.Match(topic, max: 10)
            .Where(h => !h.Target.StartsWith(AlternateIndex.DistrictPrefix, StringComparison.Ordinal) && !h.Target.StartsWith(AlternateIndex.StreetPrefix, StringComparison.Ordinal))
            .ToDictionary(h => h.Target, h => h.Similarity, StringComparer.Ordinal);

    /// <summary>An indicator's alternate question this like the topic names it (stricter than for measures: a figure is a precise answer).</summary>
    private const double DescribedIndicator = 0.6;

    /// <summary>附件6 indicators whose alternate questions the topic matches well, best first.</summary>
    public IReadOnlyList<string> DistrictIndicators(string topic) =>
        _alternates.Match(topic, max: 10)
            .Where(h => h.Target.StartsWith(AlternateIndex.DistrictPrefix, StringComparison.Ordinal) && h.Similarity >= DescribedIndicator)
            .Select(h => h.Target[AlternateIndex.DistrictPrefix.Length..])
            .ToList();

    /// <summary>
    /// A detail the question asks for that the best measure does not state — clock hours ("晚上几点以后不能施工"): the
    /// answer must say the plan does not give it rather than pass a general measure off as the precise answer.
    /// </summary>
    public static string? MissingDetail(string normalizedQuestion, IEnumerable<Measure> measures)
    {
        // The best measure is the answer's basis: a neighbour listed after it that happens to name hours or 定期 does not
        // make the detail stated.
        var basis = measures.FirstOrDefault()?.Text ?? "";
        if (AsksHours().IsMatch(normalizedQuestion) && !StatesHours().IsMatch(basis))
        {
            return "具体的时间（几点到几点）";
        }

        // 油烟排放标准是多少毫克, 夜里噪声限值多少分贝: the plan names standards to enforce, never their limits.
        if (AsksLimit().IsMatch(normalizedQuestion) && !StatesLimit().IsMatch(basis))
        {
            return "具体的排放限值或标准数值";
        }

        // 油烟净化器多久洗一次: how often something must be done, where the measures name no interval.
        if (AsksInterval().IsMatch(normalizedQuestion) && !StatesInterval().IsMatch(basis))
        {
            return "具体的频次（多久一次）";
        }

        return null;
    }

    /// <summary>
    /// "国六排放标准限值是多少": a standard's limit is asked, not one of the plan's targets (which the plan calls 目标).
    /// </summary>
    public static bool AsksStandardLimit(string normalizedQuestion) =>
        AsksLimit().IsMatch(normalizedQuestion) && StandardNamed().IsMatch(normalizedQuestion) && !normalizedQuestion.Contains("目标", StringComparison.Ordinal);

    // 用车大户的标准是多少辆 is the plan's own threshold; a standard's limit names the standard or its unit.
    [GeneratedRegex(@"限值|排放标准|国[三四五六]|分贝|毫克|微克")]
    private static partial Regex StandardNamed();

    /// <summary>
    /// "多少组涂料", "几辆车": measures that give a number in the counter asked for (12组) before those that give other
    /// numbers; otherwise the order is kept.
    /// </summary>
    public static List<Measure> CountedFirst(string normalizedQuestion, List<Measure> measures)
    {
        var counter = CountAsked().Match(normalizedQuestion);
        if (!counter.Success || measures.Count < 2)
        {
            return measures;
        }

        var counted = new Regex(@"\d\s*" + Regex.Escape(counter.Groups[1].Value));
        return measures.OrderByDescending(m => counted.IsMatch(m.Text)).ToList();
    }

    [GeneratedRegex(@"(?:多少|几)([组辆家台个处条座吨项批次所户])")]
    private static partial Regex CountAsked();

    /// <summary>
    /// "城管负责哪些工作": a nickname that means different units to different people, which the curated aliases read as
    /// one of them. The answer keeps that reading and says which other units the word may mean.
    /// </summary>
    public static string? AmbiguityNote(Gazetteer gazetteer, string normalizedQuestion, string? answeredUnit)
    {
        if (answeredUnit is null)
        {
            return null;
        }

        var ambiguous = gazetteer.AmbiguousUnits(normalizedQuestion);
        foreach (var mention in gazetteer.Find(normalizedQuestion).Where(m => m.Unit?.Name == answeredUnit))
        {
            if (ambiguous.FirstOrDefault(a => a.Word == mention.Surface) is { Units: { } units } && units.Any(u => u.Name == answeredUnit))
            {
                var others = string.Join("或", units.Where(u => u.Name != answeredUnit).Select(u => u.Name));
                return $"注：“{mention.Surface}”也可能指{others}；以上按{answeredUnit}列出，问的若是{others}，请用全称再问一次。";
            }
        }

        return null;
    }

    /// <summary>The question speaks of the district as a whole in everyday words (咱区, 咱西城, 区里).</summary>
    public static bool NamesTheDistrict(string normalizedQuestion) => DistrictWords().IsMatch(normalizedQuestion);

    [GeneratedRegex(@"咱区|咱们区|我们区|咱西城|咱们西城|我们西城|区里|全区|整个西城|西城整体")]
    private static partial Regex DistrictWords();

    /// <summary>The opening of a "closest" answer.</summary>
    public static string ClosestOpening(string? missingDetail) =>
        (missingDetail is null ? "" : $"计划没有写明{missingDetail}。") + "计划中最接近的是以下内容，未必正好回答您的问题：\n";

    public void Dispose()
    {
        _alternates.Dispose();
        _pool.Dispose();
    }

    [GeneratedRegex(@"几点|几时到几时|什么时段|哪个时段|哪些时段|(?:\d|[一二三四五六七八九十])[点时](?:以后|之后|以前|之前|后|前)|几点钟|早上几|晚上几|夜里几")]
    private static partial Regex AsksHours();

    [GeneratedRegex(@"多少(?:分贝|毫克|微克|DB|MG)|几(?:分贝|毫克)|(?:排放|噪声|噪音)?(?:标准|限值)(?:是|定的|规定的?)?(?:多少|几)|超过多少(?:算|就)")]
    private static partial Regex AsksLimit();

    [GeneratedRegex(@"分贝|毫克|MG/|DB\(A\)")]
    private static partial Regex StatesLimit();

    [GeneratedRegex(@"多久(?:[^，。？?]{0,4})?一[次回遍趟]|多长时间(?:[^，。？?]{0,4})?一[次回遍趟]|隔多久|隔多长时间|几天一[次回]|一年几[次回]|一个月几[次回]|每隔多久|多少天一[次回]|频次是|频率是")]
    private static partial Regex AsksInterval();

    [GeneratedRegex(@"每(?:[一二两三四五六七八九十半\d]+个?)?(?:天|日|周|月|季度|季|年|半年)|[一二两三四五六七八九十\d]+次|定期|日常")]
    private static partial Regex StatesInterval();

    [GeneratedRegex(@"\d{1,2}(?:时|点|:\d\d)|时至|时段")]
    private static partial Regex StatesHours();
}
