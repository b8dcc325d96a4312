using System.Diagnostics;
using Assistant.Index.Answers;
using Assistant.Index.Hotline;
using Assistant.Index.Knowledge;
using Assistant.Index.Search;

namespace Assistant.Index;

/// <summary>
/// Everything needed to answer, loaded together: the knowledge, its gazetteer, the Lucene index and the answer engine.
/// The web host and the CLI both start from here, so they answer identically; the host loads another one when a split
/// correction is approved (<see cref="LivePlan"/>).
/// </summary>
public sealed class PlanRuntime : IDisposable
{
    private PlanRuntime(string knowledgeDirectory, KnowledgeBase knowledge, Gazetteer gazetteer, MeasureIndex index, ComplaintTriage triage, AnswerEngine answers, TimeSpan loadTime)
    {
        KnowledgeDirectory = knowledgeDirectory;
        Triage = triage;
        Knowledge = knowledge;
        Gazetteer = gazetteer;
        Index = index;
        Answers = answers;
        LoadTime = loadTime;
    }

    /// <summary>The knowledge folder this runtime was loaded from.</summary>
    public string KnowledgeDirectory { get; }

    public KnowledgeBase Knowledge { get; }

    public Gazetteer Gazetteer { get; }

    private MeasureIndex Index { get; }

    /// <summary>Complaint triage (knowledge/hotline.json): the hotline desk's, and the answer engine's fallback.</summary>
    public ComplaintTriage Triage { get; }

    public AnswerEngine Answers { get; }

    /// <summary>The approved split corrections applied to this runtime's knowledge.</summary>
    public IReadOnlyList<SplitCorrection> Corrections { get; private init; } = [];

    /// <summary>Approved corrections that no longer fit the plan (its row or name changed), left out.</summary>
    public IReadOnlyList<SplitCorrection> SkippedCorrections { get; private init; } = [];

    /// <summary>How long loading, indexing and warming up took.</summary>
    public TimeSpan LoadTime { get; }

    /// <param name="today">Today, for periods relative to it ("本季度"); the system clock unless given.</param>
    public static PlanRuntime Load(string knowledgeDirectory, TimeProvider? today = null) => Load(knowledgeDirectory, today, []);

    /// <summary>The runtime over the knowledge with approved split corrections applied (the server's; see <see cref="LivePlan"/>).</summary>
    public static PlanRuntime Load(string knowledgeDirectory, TimeProvider? today, IReadOnlyList<SplitCorrection> corrections)
    {
        var loading = Stopwatch.StartNew();
        var knowledge = KnowledgeLoader.Load(knowledgeDirectory, corrections, out var skipped);
        var gazetteer = new Gazetteer(knowledge);
        // The measure index on another core while the engine builds the alternate questions' indexes.
        var indexing = Task.Run(() => MeasureIndex.Build(knowledge));
        var triage = new ComplaintTriage(knowledge, gazetteer, HotlineGuide.Load(knowledgeDirectory));
        var answers = new AnswerEngine(knowledge, indexing, gazetteer, triage, today);
        var index = indexing.Result;
        // The first SmartCn use loads its dictionary (~0.3 s), and each kind of answer runs code of its own that is compiled
        // on first use: pay both here, not on the first users' questions. Computed, not cached: users' questions start
        // with an empty cache. One question per kind of answer (lead, co, deadline, duties, figures, search, follow-up, none).
        foreach (var question in WarmUpQuestions)
        {
            var answer = answers.Compute(question);
            answers.Compute("那协办单位呢", answer.Context);
        }

        return new PlanRuntime(knowledgeDirectory, knowledge, gazetteer, index, triage, answers, loading.Elapsed)
        {
            Corrections = corrections.Except(skipped).ToList(),
            SkippedCorrections = skipped,
        };
    }

    /// <summary>Another answer engine over the same index, reading relative periods by <paramref name="clock"/>.</summary>
    public AnswerEngine AnswersAt(TimeProvider clock) => new(Knowledge, Index, Gazetteer, Triage, clock);

    private static readonly string[] WarmUpQuestions =
    [
        "餐饮油烟归哪个部门管", "施工扬尘治理的协办单位有哪些", "老旧车辆淘汰什么时候完成", "区城市管理委负责哪些工作",
        "德胜街道PM2.5目标是多少", "全区优良天数比率目标", "垃圾分类", "明天空气怎么样",
    ];

    /// <summary>A unit by its name or any alias (园林局, 环保局), as an API caller or a tool might write it.</summary>
    public Unit? FindUnit(string name) => Knowledge.FindUnit(name.Trim()) ?? Gazetteer.FindUnits(ChineseText.Normalize(name)).FirstOrDefault();

    /// <summary>A street by its name, short name or a place in it (德外, 后海).</summary>
    public Street? FindStreet(string name) => Knowledge.FindStreet(name.Trim()) ?? Gazetteer.FindStreets(ChineseText.Normalize(name)).FirstOrDefault();

    public void Dispose() => Index.Dispose();
}
