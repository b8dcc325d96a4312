using Assistant.Index.Knowledge;

namespace Assistant.Index.Understanding;

/// <summary>How sure an answer is: the plan answers the question (high), or this is the closest it comes (low).</summary>
public enum Confidence
{
    High,
    Low,
}

/// <summary>
/// What speaks for one measure: how much of the question's topic its own text holds (rarity-weighted bigram share,
/// the share of the topic's phrases it holds verbatim, BM25 relative to the best hit, whether the text gate passes),
/// and how well the question matches the best of its alternate questions.
/// </summary>
/// <param name="Pooled">The measure's pooled-words BM25 (<see cref="MeasurePool"/>) relative to the best measure's, 0..1.</param>
/// <param name="PoolScore">That BM25 score itself, and <paramref name="PoolCoverage"/> the share of the topic the pool holds.</param>
/// <param name="NamedUnit">A unit the question names takes part in the measure.</param>
/// <param name="NamedFigure">A figure the question names (一百万平米) is one of the measure's (<see cref="PlanFigures"/>).</param>
/// <param name="Learned">The classifier's probability that the question is about this measure (<see cref="MeasureClassifier"/>).</param>
public sealed record MeasureEvidence(Measure Measure, double Coverage, double Phrases, double Relative, bool TextPasses, double Alternate,
    double Pooled = 0, double PoolScore = 0, double PoolCoverage = 0, bool NamedUnit = false, bool NamedFigure = false, double Learned = 0);

/// <summary>The measures an answer rests on, best first, and how sure it is.</summary>
public sealed record RankedMeasures(IReadOnlyList<Measure> Measures, Confidence Confidence)
{
    public static readonly RankedMeasures None = new([], Confidence.Low);
}

/// <summary>
/// Combines the evidence of the measure text and of the alternate questions into one ranking with a confidence.
/// Thresholds were set on the project's question sets (plan-worded and everyday); see README "How a question is answered".
/// </summary>
public static class MeasureRanking
{

    /// <summary>An alternate question this similar (weighted Dice over topic bigrams) is the same question.</summary>
    public const double AlternateHigh = 0.5;

    /// <summary>Below this an alternate question's likeness is noise; above it the measure is at least "closest".</summary>
    public const double AlternateLow = 0.3;

    /// <summary>Text evidence alone is confident when the measure holds this much of the topic.</summary>
    public const double CoverageHigh = 0.6;

    /// <summary>
    /// How much an alternate question's likeness weighs against the text's (coverage + phrases + BM25). It counts for
    /// less the more of the topic the measure's own text already holds: plan wording is then the better evidence, and
    /// sibling measures share everyday phrasings.
    /// </summary>
    public const double AlternateWeight = 1.0;

    /// <summary>A second measure within this share of the best is "equally" relevant and listed too.</summary>
    public const double TieRatio = 0.9;

    public const int MaxListed = 3;

    /// <summary>
    /// How much the pooled words (<see cref="MeasurePool"/>) weigh: at most as much as a measure text that holds the
    /// whole topic. They decide between measures the text and single alternate questions leave close or miss.
    /// </summary>
    public const double PoolWeight = 2.0;

    /// <summary>
    /// A pooled BM25 score counts in full from here; below, in proportion. A weak best hit (a topic of one common word,
    /// 行动) must not outweigh the text's evidence just by being the best of weak hits.
    /// </summary>
    public const double PoolFullScore = 15;

    /// <summary>The pool alone names a measure as the closest from this BM25 score and share of the topic found.</summary>
    public const double PoolMinScore = 8;

    public const double PoolMinCoverage = 0.2;

    /// <summary>
    /// The text's own evidence: the rarity-weighted share of the topic it holds, the share of the topic's phrases it
    /// holds verbatim, and its BM25 relative to the best hit. These weights and <see cref="AlternateWeight"/> and
    /// <see cref="PoolWeight"/> were fitted together on the eight everyday sets' 705 ranked questions (grid search, checked
    /// leaving each set out in turn: +10 right first measures on the left-out sets, none lost on the plan-worded sets).
    /// Everyday questions share few of the plan's words, so a high share of them is weaker evidence than it looks.
    /// </summary>
    public const double CoverageWeight = 0.5;

    public const double PhrasesWeight = 0.15;

    public const double RelativeWeight = 0.5;

    public static double Score(MeasureEvidence e)
    {
        // Text short of the gate counts for nothing: scoring it as "closest" placed generic words (办理, 材料, 检测) more
        // often than the right measure on the question sets.
        var text = e.TextPasses ? CoverageWeight * e.Coverage + PhrasesWeight * e.Phrases + RelativeWeight * e.Relative : 0;
        var alternate = e.Alternate >= AlternateLow ? AlternateWeight * e.Alternate * (e.TextPasses ? 1 - e.Coverage : 1) : 0;
        var learned = LearnedWeight * e.Learned * (e.TextPasses ? Math.Max(1 - e.Coverage, LearnedKept) : 1);
        return text + alternate + PoolWeight * e.Pooled + learned + (e.NamedUnit ? NamedUnitWeight : 0) + (e.NamedFigure ? NamedFigureWeight : 0);
    }

    /// <summary>
    /// How much the classifier's probability (<see cref="MeasureClassifier"/>) weighs. Like an alternate question's likeness it
    /// counts for less the more of the topic the measure's own text holds. Fitted with <see cref="LearnedBeside"/> and
    /// <see cref="LearnedAlone"/> on the everyday development sets (1,099 ranked questions: +31 right first measures over
    /// the same knowledge without it; the plan-worded sets and the refusals unchanged).
    /// </summary>
    public const double LearnedWeight = 4.0;

    /// <summary>
    /// The share of its weight the classifier keeps however much of the topic a measure's text holds: a text holding all of
    /// it must not silence the classifier while a sibling's partial text leaves it room (汽修行业VOCs排放 went to the
    /// products row).
    /// </summary>
    public const double LearnedKept = 0.25;

    /// <summary>Beside measures other evidence finds, one the classifier gives this probability is a candidate too.</summary>
    public const double LearnedBeside = 0.05;

    /// <summary>
    /// Alone, the classifier must be surer: when nothing else finds a measure, a guess at 0.05 answered questions the plan
    /// cannot answer (23 of 382 refusals lost for 13 right answers).
    /// </summary>
    public const double LearnedAlone = 0.3;

    /// <summary>
    /// A figure of the plan's belongs to one or two measures: named in a question, it outweighs everyday words that
    /// fit a sibling better (老楼节能改造那一百万平米 is the heating retrofit of 100万平方米, not 老旧小区节能改造). It weighs as
    /// much as the classifier's full confidence.
    /// </summary>
    public const double NamedFigureWeight = LearnedWeight;

    /// <summary>
    /// A unit the question names (除了住建委还有谁配合, 市场监管局牵头查的话) takes part in the measure meant: between
    /// sibling measures it is often the only evidence that tells them apart.
    /// </summary>
    public const double NamedUnitWeight = 0.3;

    /// <summary>The pool alone makes a measure worth naming as the closest.</summary>
    /// <remarks>A measure the question's named unit takes part in needs no share of the topic: the unit is evidence too.</remarks>
    public static bool PoolFinds(MeasureEvidence e) => e.PoolScore >= PoolMinScore && (e.NamedUnit || e.PoolCoverage >= PoolMinCoverage);

    public static bool IsCandidate(MeasureEvidence e) => e.TextPasses || e.Alternate >= AlternateLow || PoolFinds(e) || e.NamedFigure;

    public static Confidence ConfidenceOf(MeasureEvidence e) =>
        e.Alternate >= AlternateHigh || (e.TextPasses && (e.Coverage >= CoverageHigh || e.Alternate >= AlternateLow))
            ? Confidence.High
            : Confidence.Low;

    /// <summary>The candidates: those the text, alternates, pool or a figure find, and beside them (or alone, when surer) the classifier's.</summary>
    public static List<MeasureEvidence> Candidates(IEnumerable<MeasureEvidence> evidence, bool learnedAlone = true)
    {
        var all = evidence.ToList();
        var learnedMin = all.Any(IsCandidate) ? LearnedBeside : learnedAlone ? LearnedAlone : double.MaxValue;
        return all.Where(e => IsCandidate(e) || e.Learned >= learnedMin).ToList();
    }

    /// <summary>Ranks the <see cref="Candidates"/> among the evidence.</summary>
    public static RankedMeasures Rank(IEnumerable<MeasureEvidence> evidence) => RankCandidates(Candidates(evidence));

    /// <summary>Ranks evidence already narrowed to candidates (and perhaps further, to a named unit's measures).</summary>
    public static RankedMeasures RankCandidates(IEnumerable<MeasureEvidence> candidates)
    {
        var ranked = candidates.Select(e => (Evidence: e, Score: Score(e)))
            .OrderByDescending(x => x.Score).ToList();
        if (ranked.Count == 0)
        {
            return RankedMeasures.None;
        }

        var best = ranked[0];
        var confidence = ConfidenceOf(best.Evidence);
        // Confident: the best and any equally good. Closest: the few best, for the reader to judge.
        var floor = confidence == Confidence.High ? best.Score * TieRatio : best.Score * 0.6;
        return new RankedMeasures(
            ranked.Where(x => x.Score >= floor).Take(MaxListed).Select(x => x.Evidence.Measure).ToList(),
            confidence);
    }
}
