namespace Assistant.Index.Understanding;

/// <summary>What a question asks about its measures beyond its intent.</summary>
public enum Aspect
{
    /// <summary>As the intent says: who leads, who co-operates, by when…</summary>
    AsIntent,
    /// <summary>The plan's own wording, in full ("原文呢", "具体怎么说的").</summary>
    Wording,
    /// <summary>Whether the measure runs without an end date ("是长期的吗").</summary>
    Ongoing,
}

/// <summary>Reads the <see cref="Aspect"/> from cue words.</summary>
public static class Aspects
{
    private static readonly string[] WordingCues =
    [
        "原文", "原话", "原句", "全文", "怎么说的", "怎么写的", "怎么规定", "怎么表述", "具体内容", "具体怎么说", "具体怎么写",
        "具体写", "详细内容", "完整内容", "具体说了什么", "具体说的什么", "写了什么", "说了什么", "具体是什么", "具体要求是什么",
        "咋写的", "咋说的", "咋规定", "具体咋", "具体要干啥", "具体干啥", "具体要做啥", "具体做啥", "具体要做什么", "具体做什么",
    ];

    private static readonly string[] OngoingCues =
    [
        "是长期", "长期的吗", "长期吗", "长期实施吗", "长期做", "一直要", "一直做", "一直搞", "持续的吗", "常态化", "是不是长期",
        "没有期限", "没期限", "有没有截止", "有截止吗",
    ];

    public static Aspect Of(string normalized) =>
        Has(normalized, WordingCues) ? Aspect.Wording
        : Has(normalized, OngoingCues) ? Aspect.Ongoing
        : Aspect.AsIntent;

    /// <summary>The cue words of every aspect, to take out of a follow-up's topic.</summary>
    internal static IEnumerable<string> Cues => WordingCues.Concat(OngoingCues).Append("长期").Append("具体");

    private static bool Has(string text, string[] cues)
    {
        foreach (var cue in cues)
        {
            if (text.Contains(cue, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
