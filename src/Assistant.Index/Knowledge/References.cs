using System.Globalization;
using System.Text.RegularExpressions;

namespace Assistant.Index.Knowledge;

/// <summary>The one spelling of task and measure references: 附件1-15 and 附件1-15-2.</summary>
public static partial class References
{
    public static string Task(int annex, int task) =>
        string.Create(CultureInfo.InvariantCulture, $"附件{annex}-{task}");

    public static string Measure(int annex, int task, int measure) =>
        string.Create(CultureInfo.InvariantCulture, $"附件{annex}-{task}-{measure}");

    /// <summary>Reads 附件1-15, 附件1-15-2, 附件1第15项, 附件一第十五项 (Arabic numerals only for now), 1-15.</summary>
    public static bool TryParse(string text, out int annex, out int task, out int? measure)
    {
        annex = task = 0;
        measure = null;
        var m = RefPattern().Match(text);
        if (!m.Success)
        {
            return false;
        }

        annex = int.Parse(m.Groups["a"].Value, CultureInfo.InvariantCulture);
        task = int.Parse(m.Groups["t"].Value, CultureInfo.InvariantCulture);
        if (m.Groups["m"].Success)
        {
            measure = int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture);
        }

        return true;
    }

    [GeneratedRegex(@"附件\s*(?<a>\d)\s*(?:[-－—第]\s*)(?<t>\d{1,2})\s*(?:项)?(?:\s*[-－—第]\s*(?<m>\d{1,2})\s*(?:条|项|个)?)?")]
    private static partial Regex RefPattern();
}
