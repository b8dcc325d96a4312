using System.Text.RegularExpressions;
using Assistant.Index.Answers;

namespace Assistant.Index.Understanding;

/// <summary>
/// How people ask in everyday speech what the question reader's cue words ask in the plan's register: "谁帮着一块管"
/// asks for the co-operating units, "是长期的吗" / "年底前能弄好吗" for the deadline, "方案里管不管" whether the plan
/// covers a matter at all. Applied after the reader, only where its reading is the general one (search, lead, a number)
/// and the question is not a follow-up.
/// </summary>
public static partial class EverydayIntent
{
    public static Intent Refine(Question q)
    {
        // "我们局是牵头还是配合", "我们局要配合，牵头的是谁": the lead is asked, whatever 配合 made of the question.
        if (!q.IsFollowUp && q.Intent == Intent.Co && LeadAsked().IsMatch(q.Normalized))
        {
            return Intent.Lead;
        }

        // "工地防尘那套办法，住建委牵头，还有哪些单位协助": a matter of its own and who helps with it, not the unit's list.
        if (!q.IsFollowUp && q.Reference is null && q.Intent == Intent.Duties && q.OutOfScope is null && AsksCo().IsMatch(q.Normalized)
            && !OnlyWork(q.Topic))
        {
            return Intent.Co;
        }

        // "园林局这次牵头的事儿", "交通委三季度手头牵头的", "市场监管局配合的事项有多少": a unit and nothing to look for
        // but its own work asks for its list of duties, however the reader's cue words took it.
        // "什刹海街道在治污方案里牵头的有什么": a street office asked for the work it leads is a unit's duties too.
        if (!q.IsFollowUp && q.Reference is null && (q.Units.Count > 0 || (q.Streets.Count > 0 && RoleWork().IsMatch(q.Normalized)))
            && q.Intent is not (Intent.Duties or Intent.Deadline) && q.OutOfScope is null && OnlyWork(q.Topic))
        {
            return Intent.Duties;
        }

        // "住建委六月份要交差的主责活儿有啥": a unit, a period and nothing else to look for asks what falls due then.
        if (!q.IsFollowUp && q.Reference is null && q.Units.Count > 0 && q.Time is not null && q.Intent == Intent.Deadline
            && q.OutOfScope is null && OnlyWork(q.Topic))
        {
            return Intent.Duties;
        }

        if (q.IsFollowUp || q.Reference is not null || q.Intent is Intent.Duties or Intent.Co or Intent.Deadline
            || (q.Intent == Intent.Indicator && q.Streets.Count > 0) || (q.Intent == Intent.None && q.Topic.Length == 0)
            // 老家河北农村的散煤治理咋弄: the reader found it outside the plan (another place, another year); how it is
            // asked does not bring it back in.
            || (q.Intent == Intent.None && q.OutOfScope is not null))
        {
            return q.Intent;
        }

        var text = q.Normalized;
        if (Covers().IsMatch(text))
        {
            return Intent.Search;
        }

        // "水质有人管吗 咋管的", "测水站有几个？都干嘛用的": how it is done, with nobody's name asked, is what the plan says.
        if (AsksHow().IsMatch(text) && !AsksWho().IsMatch(text))
        {
            return Intent.Search;
        }

        if (AsksCo().IsMatch(text))
        {
            return Intent.Co;
        }

        // "年底前能干完吗" read as lead by a stray word: by when is asked, and nobody's name.
        if (AsksDeadline().IsMatch(text) && (q.Intent != Intent.Lead || !AsksWho().IsMatch(text)))
        {
            return Intent.Deadline;
        }

        // "有多少、都是谁家的，这个底数要摸到什么时候？": the last clause is the one asked.
        var last = text[(text.TrimEnd('？', '?', '。', '！', '!').LastIndexOfAny(['，', ',', '；', '。']) + 1)..];
        if (q.Intent == Intent.Lead && text.Length > last.Length && AsksWhen().IsMatch(last) && !AsksWho().IsMatch(last))
        {
            return Intent.Deadline;
        }

        return q.Intent;
    }

    /// <summary>Whether a topic says nothing but "its work" (这次的事项, 手头的活, 主要几块).</summary>
    private static bool OnlyWork(string topic) =>
        WorkWords().Replace(topic, "").Count(Search.ChineseText.IsCjk) < 2;

    [GeneratedRegex(@"这次|这回|主要|手头|手上|手里|事项|几块|哪块|块|干点|要交|交|领了|领|都是|清单|活|自己|本单位|本部门|别人|人家|别的单位|其他单位|治污|环保|方案|计划|里头|里面|里|有什么|有啥|有哪些|都有|有没有|有|的|吗|工作|任务|事儿|事|参与|作为|协办单位|配合单位|单位|哪些|都")]
    private static partial Regex WorkWords();

    [GeneratedRegex(@"牵头的|负责的|主责的|配合的|协办的|牵头哪|负责哪|配合哪|协办哪")]
    private static partial Regex RoleWork();

    [GeneratedRegex(@"什么时候|啥时候|何时|多会儿|哪天|时间点|截止")]
    private static partial Regex AsksWhen();

    [GeneratedRegex(@"咋管的|怎么管的|如何管的|有啥措施|有什么措施|啥措施|咋减|怎么减|咋弄|怎么弄|干嘛用的|干啥用的|干什么用的|做什么用的|有啥用|是干嘛的|有啥说法|有什么说法|咋说的|怎么说的|咋写的|怎么写的")]
    private static partial Regex AsksHow();

    [GeneratedRegex(@"谁|哪个部门|哪个单位|哪些部门|哪些单位|哪家|牵头|主责|负责|找哪|归哪|哪个口")]
    private static partial Regex AsksWho();

    [GeneratedRegex(@"(?:牵头|主责)还是(?:配合|协办|协助)|牵头的是(?:谁|哪)|谁(?:来)?牵头|牵头单位是")]
    private static partial Regex LeadAsked();

    // "方案里管不管", "计划里有这块吗": whether the plan covers it.
    [GeneratedRegex(@"(?:方案|计划)(?:里|中|上)?(?:管不管|有管|管吗|管没管|有没有|有这块|有这项|提没提|提到|涉及|说没说|有吗|有说法|有个说法|有办法|有规定|有要求|咋说|怎么说|咋写|怎么写|写了啥|咋安排|怎么安排)")]
    private static partial Regex Covers();

    // Who helps: "谁帮着一块推", "还有哪些部门帮忙", "交通委之外还有谁配合", "哪几家参与".
    [GeneratedRegex(@"帮忙|帮着|搭把手|一块儿?(?:管|弄|推|干|抓|查)|一起(?:管|弄|推|干|抓|查)|(?:之外|以外|除了.{0,6})还有(?:谁|哪)|除了.{0,8}谁还|哪几家参与|都有谁参与|(?:配合|协助|参与)的?(?:是|有)?(?:哪|谁)|还有(?:哪些|哪几个|哪几家|谁)(?:单位|部门)?(?:协助|配合|帮忙|参与|协办)|(?:配合|协助|协办)(?:单位|部门)(?:是|有|都有)")]
    private static partial Regex AsksCo();

    // By when, in everyday words: "是长期的吗", "常年的还是", "哪年能弄好", "年底前能完事不", "啥时候能出台", "交账".
    [GeneratedRegex(@"长期的吗|是长期|长期干|常年|一直干|哪年|哪一年|能弄好|能完事|能干完|弄完|干完|交账|完工|出台|编出来|开始搞|截止(?:时间|日子)|有没有期限|时间节点|时间点|年底前能|几月底前")]
    private static partial Regex AsksDeadline();
}
