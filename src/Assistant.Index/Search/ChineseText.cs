using System.Text;

namespace Assistant.Index.Search;

/// <summary>Text normalisation shared by indexing, question understanding and triage.</summary>
public static class ChineseText
{
    /// <summary>
    /// Full-width ASCII to half-width (ＰＭ２．５ → PM2.5), ideographic space and all whitespace dropped,
    /// Latin upper-cased (PM2.5, VOCs, NOx compare equal however typed).
    /// </summary>
    public static string Normalize(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var raw in text)
        {
            var c = raw;
            if (c is >= '\uFF01' and <= '\uFF5E' && !IsChinesePunctuationKept(c))
            {
                c = (char)(c - 0xFEE0);
            }

            if (char.IsWhiteSpace(c) || c == '\u3000')
            {
                continue;
            }

            sb.Append(c is >= 'a' and <= 'z' ? (char)(c - 32) : c);
        }

        return sb.ToString();
    }

    // Chinese full-width punctuation that the plan itself uses stays as it is, so normalised user text
    // still matches the plan's wording (（ ） ， ： ；).
    private static bool IsChinesePunctuationKept(char c) => c is '（' or '）' or '，' or '：' or '；' or '！' or '？';

    public static bool IsCjk(char c) => c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF';

    /// <summary>Character bigrams of the CJK runs, plus Latin/digit words whole — the unit of overlap.</summary>
    public static HashSet<string> Bigrams(string normalized)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        var i = 0;
        while (i < normalized.Length)
        {
            if (IsCjk(normalized[i]))
            {
                var start = i;
                while (i < normalized.Length && IsCjk(normalized[i]))
                {
                    i++;
                }

                if (i - start == 1)
                {
                    set.Add(normalized.Substring(start, 1));
                }

                for (var k = start; k + 1 < i; k++)
                {
                    set.Add(normalized.Substring(k, 2));
                }
            }
            else if (char.IsAsciiLetterOrDigit(normalized[i]))
            {
                var start = i;
                while (i < normalized.Length && (char.IsAsciiLetterOrDigit(normalized[i]) || normalized[i] == '.'))
                {
                    i++;
                }

                set.Add(normalized[start..i].TrimEnd('.'));
            }
            else
            {
                i++;
            }
        }

        return set;
    }
}
