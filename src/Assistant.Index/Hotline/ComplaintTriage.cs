using System.Text.RegularExpressions;
using Assistant.Index.Knowledge;
using Assistant.Index.Search;

namespace Assistant.Index.Hotline;

/// <summary>
/// Reads a citizen's complaint: its category (by weighted cue words, longest match first), its street (by the
/// gazetteer: names, short forms, places), its time of day and key facts, and the plan measures that apply with their
/// units — the street office standing in for 各街道办事处. Deterministic; no model.
/// </summary>
public sealed partial class ComplaintTriage
{

    private readonly KnowledgeBase _knowledge;
    private readonly Gazetteer _gazetteer;
    private readonly HotlineGuide _guide;
    private readonly CueMatcher _cues;

    public ComplaintTriage(KnowledgeBase knowledge, Gazetteer gazetteer, HotlineGuide guide)
    {
        var problems = guide.Validate(knowledge);
        if (problems.Count > 0)
        {
            throw new InvalidDataException($"{HotlineGuide.FileName}: {string.Join("; ", problems)}");
        }

        _knowledge = knowledge;
        _gazetteer = gazetteer;
        _guide = guide;
        _cues = new CueMatcher(guide);
        // 烧纸箱子 is no 烧纸: a neutral word that runs on from a topic's cue keeps that cue from being read in it.
        var topicCues = guide.Categories.SelectMany(c => c.Topics).SelectMany(t => t.Cues).Where(c => !c.Contains('…', StringComparison.Ordinal)).ToList();
        _topicBlockers = guide.NeutralWords.Where(n => topicCues.Any(c => n.Length > c.Length && n.StartsWith(c, StringComparison.Ordinal))).ToArray();
    }

    private readonly string[] _topicBlockers;

    /// <summary>The text as topic cues read it: the neutral words that run on from a cue blanked out.</summary>
    private string ForTopics(string text)
    {
        foreach (var word in _topicBlockers)
        {
            text = text.Replace(word, new string('|', word.Length), StringComparison.Ordinal);
        }

        return text;
    }

    public HotlineGuide Guide => _guide;


    public Triage Triage(string complaint)
    {
        var text = ChineseText.Normalize(complaint);
        var hits = WithoutNegated(text, _cues.Find(text));
        if (!WaterTrouble().IsMatch(text) || !WaterPlace().IsMatch(text))
        {
            // A lake or river only named (声音沿湖面传, 后海边的酒吧) is where something happens, not what is wrong with it;
            // and foul water with no river, lake or drain in sight (垃圾桶周边有污水) is no matter of the water environment.
            hits = hits.Select(h => h with { Entries = h.Entries.Where(e => e.Category != ComplaintCategories.Water).ToList() })
                .Where(h => h.Entries.Count > 0).ToList();
        }

        var time = ComplaintReader.ReadTime(text);
        var (category, alsoConcerns, cues) = Categorize(hits, time?.AfterDark == true, PassingFrom(text), MainSaid(text), MainIsSmell(text));
        var issueWords = IssueWords(hits, category);
        var (street, streetEvidence, homeStreet, places) = FindStreet(text);
        var topicText = ForTopics(text);
        var topic = TopicOf(_guide.Category(category), topicText);
        // A named matter the plan has no row for (露天焚烧) is not made "covered" by what is said beside it.
        var basis = topic is { Refs.Count: 0, LeadRef: null } && _guide.Category(category) is { Refs.Count: 0, DefaultRefs.Count: 0 }
            ? []
            : Basis(topicText, category, topic, alsoConcerns);
        var (leads, cos) = Units(basis, street);
        return new Triage(
            category, alsoConcerns, cues, street, streetEvidence, time,
            ComplaintReader.ReadFacts(complaint, streetEvidence, street?.Name, places, issueWords), basis, leads, cos, issueWords, homeStreet, PersonalData.Mask(complaint.Trim()))
        {
            Topic = topic?.Name,
        };
    }

    // ---- category -----------------------------------------------------------------------------------------------

    /// <summary>
    /// Where the caller turns to something said in passing (顺便说一下, 另外, 此外), or past the end when they do not;
    /// "另外一家" is another of the same, not a turn.
    /// </summary>
    private static int PassingFrom(string text)
    {
        var at = PassingMarkers
            .SelectMany(m => Occurrences(text, m).Where(i => m != "另外" || i + 2 >= text.Length || !"一两几个的家位".Contains(text[i + 2], StringComparison.Ordinal)))
            .DefaultIfEmpty(int.MaxValue)
            .Min();
        return at;
    }

    private const string NoiseFamily = "噪声";

    private static readonly string[] PassingMarkers = ["顺便", "顺带", "捎带", "附带", "此外", "另外", "还有就是", "再有就是", "再就是", "其次", "另反映", "另称", "另诉", "另有反映"];

    /// <summary>
    /// Where the caller says which matter is the main one (主要希望解决噪声问题, 主要是油烟问题), or -1: the first cue
    /// after it names that matter.
    /// </summary>
    private static int MainSaid(string text) => MainMarker().Match(text) is { Success: true } m ? m.Index + m.Length : -1;

    /// <summary>噪音是一方面……主要是味儿: the main matter is the smell, said with no cue word of its own.</summary>
    private static bool MainIsSmell(string text) => MainSmell().IsMatch(text);

    [GeneratedRegex("主要(?:是|还是)(?:那个|这个|那|这)?(?:味儿|味道|气味|那股味|烟味|油烟)")]
    private static partial Regex MainSmell();

    [GeneratedRegex("主要(?:诉求)?(?:是|希望|想|要求|反映)?(?:解决|处理|投诉|反映)?")]
    private static partial Regex MainMarker();

    private (string Category, IReadOnlyList<string> AlsoConcerns, IReadOnlyList<string> Cues) Categorize(IReadOnlyList<CueHit> hits, bool afterDark, int passingFrom, int mainAt = -1, bool mainIsSmell = false)
    {
        // The matter the caller calls the main one: the first cue right after 主要….
        var main = mainIsSmell || mainAt < 0 ? null
            : hits.Where(h => h.Start >= mainAt && h.Start - mainAt <= 10)
                .SelectMany(h => h.Entries).Where(e => e.Kind is CueKind.Own or CueKind.NoiseWord)
                .Select(e => e.Kind == CueKind.NoiseWord || _guide.Category(e.Category!).Noise ? NoiseFamily : e.Category).FirstOrDefault();
        var score = new Dictionary<string, int>(StringComparer.Ordinal);
        var context = new Dictionary<string, int>(StringComparer.Ordinal);
        var contextStrongest = new Dictionary<string, int>(StringComparer.Ordinal);
        var source = new Dictionary<string, int>(StringComparer.Ordinal);
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        var strongest = new Dictionary<string, int>(StringComparer.Ordinal);
        var noise = 0;
        var noiseStrongest = 0;
        var noiseWords = 0;
        var noiseFirst = int.MaxValue;
        // 放鞭炮，噪音大: the firework is the noise, and the words describe it.
        var loudSource = hits.Any(h => h.Entries.Any(e => e.Kind == CueKind.Own && e.Weight >= 3 && _guide.Category(e.Category!).Loud));
        foreach (var hit in hits)
        {
            // 饭店, 油烟机 say as much about another category as about a noise source: they do not tip the scales
            // towards noise (渣土车, mostly a noise source and a little dust, still does).
            var contextWeight = hit.Entries.Where(e => e.Kind == CueKind.Context).Select(e => e.Weight).DefaultIfEmpty(0).Max();
            var alsoOtherCategory = hit.Entries.Any(e => e.Kind == CueKind.Own && !_guide.Category(e.Category!).Noise && e.Weight >= contextWeight);
            foreach (var (target, weight, kind) in hit.Entries)
            {
                switch (kind)
                {
                    case CueKind.NoiseWord when loudSource:
                        break;
                    case CueKind.NoiseWord:
                        // 吵, 声音, 噪音 all say one thing — that it is noise — so the strongest counts, not their sum.
                        noiseWords = Math.Max(noiseWords, weight);
                        // 呛得无法入睡: losing sleep says how bad it is, not that it is noise, so it does not place noise first.
                        noiseFirst = weight >= 2 ? Math.Min(noiseFirst, hit.Start) : noiseFirst;
                        break;
                    case CueKind.Context:
                        context[target!] = context.GetValueOrDefault(target!) + weight;
                        contextStrongest[target!] = Math.Max(contextStrongest.GetValueOrDefault(target!), weight);
                        source[target!] = source.GetValueOrDefault(target!) + (alsoOtherCategory ? 0 : weight);
                        first.TryAdd(target!, hit.Start);
                        break;
                    default:
                        score[target!] = score.GetValueOrDefault(target!) + weight;
                        strongest[target!] = Math.Max(strongest.GetValueOrDefault(target!), weight);
                        first.TryAdd(target!, hit.Start);
                        if (_guide.Category(target!).Noise)
                        {
                            // 广场舞, 鸣笛, 打桩: noise whatever else the text says.
                            noise += weight;
                            noiseStrongest = Math.Max(noiseStrongest, weight);
                            noiseFirst = Math.Min(noiseFirst, hit.Start);
                        }

                        break;
                }
            }
        }

        noise += noiseWords;
        noiseStrongest = Math.Max(noiseStrongest, noiseWords);
        var otherStrongCue = strongest.Any(s => s.Value >= 3 && !_guide.Category(s.Key).Noise);
        if (afterDark && noise == 0 && contextStrongest.GetValueOrDefault(ComplaintCategories.ConstructionNoise) >= 2 && !otherStrongCue)
        {
            // Building work after dark is itself the complaint (夜间施工), even when the caller never says 吵 — unless
            // the caller complains of something else about it (渣土车带泥上路, 白天晚上都有: dust). It takes a word of
            // building work (施工, 工地): a shop's 通宵作业 twice over is not one.
            noise = noiseStrongest = 2;
            noiseFirst = first[ComplaintCategories.ConstructionNoise];
        }

        // Said to be noise, its source (工地, 渣土车, 邻居) weighs in when noise competes to lead — but a loud firework
        // next to 楼下 is no second, noise complaint: standing as a second concern takes noise's own words.
        var noiseOwn = noise;
        if (noise > 0)
        {
            noise += _guide.Categories.Where(c => c.Noise).Max(c => source.GetValueOrDefault(c.Name));
        }

        // 主要是味儿: the smell named most strongly — a kitchen's, or a print shop's ink.
        if (mainIsSmell)
        {
            main = score.GetValueOrDefault(ComplaintCategories.Other) > score.GetValueOrDefault(ComplaintCategories.CookingFumes)
                ? ComplaintCategories.Other : ComplaintCategories.CookingFumes;
        }

        // 拿铁桶烧东西，冒白烟，呛得慌: smoke words with no kitchen or eatery said (烟, 呛, 味儿 are all weak cues) describe the
        // source the caller names — burning, paint, a petrol station — not cooking fumes.
        var kitchenSaid = hits.Any(h => !SmokeWords.Contains(h.Surface)
            && h.Entries.Any(e => e.Kind == CueKind.Own && e.Category == ComplaintCategories.CookingFumes));
        if (!kitchenSaid && strongest.GetValueOrDefault(ComplaintCategories.Other) >= 3)
        {
            score.Remove(ComplaintCategories.CookingFumes);
        }

        // Candidates: each non-noise category, and noise as one family whose kind is settled afterwards.
        var candidates = _guide.Categories
            .Where(c => !c.Noise && score.GetValueOrDefault(c.Name) >= _guide.MinScore)
            .Select(c => (Name: c.Name, Score: score[c.Name], Own: score[c.Name], First: first[c.Name], Strongest: strongest[c.Name]))
            .ToList();
        if (noise >= _guide.MinScore)
        {
            candidates.Add((NoiseKind(score, context, first), noise, noiseOwn, noiseFirst, noiseStrongest));
        }

        if (candidates.Count == 0)
        {
            return (ComplaintCategories.Other, [], []);
        }

        // The strongest evidence leads; on a tie, what the caller said first. A second concern needs a real cue of its
        // own, not a pile of weak ones (小饭馆 + 做饭 + 烟 in a coal-stove complaint is not a cooking-fumes complaint).
        // What the caller puts first leads over what they bring up in passing afterwards (另外…, 顺便说一下…).
        var ordered = candidates
            .OrderBy(c => main is null ? 0 : (main == NoiseFamily ? _guide.Category(c.Name).Noise : c.Name == main) ? 0 : 1)
            .ThenBy(c => c.First >= passingFrom ? 1 : 0).ThenByDescending(c => c.Score).ThenBy(c => c.First).ToList();
        var also = ordered.Skip(1).Where(c => c.Own >= _guide.SecondaryMinScore && c.Strongest >= 3).Select(c => c.Name).ToList();
        var chosen = also.Prepend(ordered[0].Name).ToHashSet(StringComparer.Ordinal);
        var aboutNoise = chosen.Any(c => _guide.Category(c).Noise);
        var cues = hits
            .Where(h => h.Entries.Any(e => e.Kind == CueKind.NoiseWord ? aboutNoise : chosen.Contains(e.Category!)))
            .Select(h => h.Surface).Distinct().ToList();
        return (ordered[0].Name, also, cues);
    }

    /// <summary>Cooking-fume cues that say only that there is smoke or a smell, whatever burns.</summary>
    private static readonly HashSet<string> SmokeWords = new(StringComparer.Ordinal)
    {
        "烟", "冒烟", "烟大", "烟很大", "烟太大", "呛", "呛人", "呛鼻", "呛嗓子", "熏", "味儿", "味道",
    };

    private const int NegationReach = 8;

    /// <summary>
    /// Drops cues the caller does not mean: denied ("我不是投诉油烟，是……"; a rhetorical 不是…吗 denies nothing) or
    /// only compared with ("声音像放炮一样").
    /// </summary>
    private static IReadOnlyList<CueHit> WithoutNegated(string text, IReadOnlyList<CueHit> hits)
    {
        var spans = SimileSpans(text).ToList();
        // 俺是…打工的，在饭馆干后厨: what the caller does for a living is no complaint about it.
        spans.AddRange(CallerAtWork().Matches(text).Select(m => (m.Index, m.Index + m.Length)));

        // Conceded: "声音倒还能忍，主要是灰太大" — what the clause says is bearable is not what the caller complains of.
        foreach (var marker in ConcessionMarkers)
        {
            foreach (var at in Occurrences(text, marker))
            {
                var start = text.LastIndexOfAny(ClauseEnds, Math.Max(0, at - 1)) + 1;
                var end = text.IndexOfAny(ClauseEnds, at);
                end = end < 0 ? text.Length : end;
                var denied = at > 0 && text[at - 1] is '不' or '没' or '难';
                var asked = text[start..end].Contains('吗', StringComparison.Ordinal) || (end < text.Length && text[end] is '?' or '？');
                if (!denied && !asked)
                {
                    spans.Add((start, end));
                }
            }
        }

        foreach (var at in Occurrences(text, "不是"))
        {
            var end = text.IndexOfAny(ClauseEnds, at);
            end = end < 0 ? text.Length : end;
            var clause = text[at..end];
            if (!clause.Contains('吗', StringComparison.Ordinal) && !clause.Contains('么', StringComparison.Ordinal)
                && !(end < text.Length && text[end] is '?' or '？'))
            {
                spans.Add((at + 2, Math.Min(end, at + 2 + NegationReach)));
            }
        }

        return spans.Count == 0 ? hits : hits.Where(h => !spans.Any(s => h.Start >= s.From && h.Start < s.To)).ToList();
    }

    /// <summary>A figure of speech: 吵得跟放炮似的, 像着了火一样 — what it is likened to is not what happens.</summary>
    internal static IEnumerable<(int From, int To)> SimileSpans(string text)
    {
        foreach (var marker in SimileMarkers)
        {
            foreach (var at in Occurrences(text, marker))
            {
                var from = at + marker.Length;
                var clauseEnd = text.IndexOfAny(ClauseEnds, from) is >= 0 and var e ? e : text.Length;
                var close = SimileEnds.Select(end => text.IndexOf(end, from, StringComparison.Ordinal))
                    .Where(i => i > from && i <= clauseEnd && i - at <= NegationReach + 1).DefaultIfEmpty(-1).Min();
                // 吵得像放炮: after 得 a likeness is a figure of speech even with no 似的 to close it.
                if (close < 0 && at > 0 && text[at - 1] == '得' && marker is "像" or "跟" && clauseEnd - from <= NegationReach)
                {
                    close = clauseEnd;
                }

                if (close > 0)
                {
                    yield return (from, close);
                }
            }
        }
    }

    private static readonly string[] SimileEnds = ["一样", "似的", "一般", "似地"];

    [GeneratedRegex(@"(?:我|俺|来电人)(?:是|就是)?在[^，。！？]{1,8}(?:干|打工|上班|工作|当)[^，。！？]{0,6}|(?:我|俺)(?:是|就是)[^，。！？]{0,8}(?:干|打工|上班)的(?:[，,]在[^，。！？]{1,8}(?:干|打工|上班|工作|当)[^，。！？]{0,6})?")]
    private static partial Regex CallerAtWork();

    private static readonly string[] SimileMarkers = ["像", "跟", "如同", "仿佛", "好比", "赛过"];

    private static readonly string[] ConcessionMarkers = ["能忍", "倒还好", "倒也还好", "倒是其次", "倒没什么", "倒无所谓", "倒不要紧"];

    private static readonly char[] ClauseEnds = ['，', '。', '！', '？', '；', ',', '!', '?', ';'];

    /// <summary>The noise law's kind: own cues count always, context cues (工地, 邻居) only because the text is about noise.</summary>
    private string NoiseKind(Dictionary<string, int> score, Dictionary<string, int> context, Dictionary<string, int> first)
    {
        var kinds = _guide.Categories.Where(c => c.Noise)
            .Select(c => (c.Name, Score: score.GetValueOrDefault(c.Name) + context.GetValueOrDefault(c.Name), First: first.GetValueOrDefault(c.Name, int.MaxValue)))
            .Where(k => k.Score > 0)
            .OrderByDescending(k => k.Score).ThenBy(k => k.First)
            .ToList();
        // Noise with nothing said about its source: neighbours, shops, streets — 社会生活噪声 is by far the most common.
        return kinds.Count > 0 ? kinds[0].Name : ComplaintCategories.SocialNoise;
    }

    /// <summary>The words that put the leading category first: its own cues, and noise words when it is a noise kind.</summary>
    private List<string> IssueWords(IReadOnlyList<CueHit> hits, string category)
    {
        var noise = _guide.Category(category).Noise;
        return hits.Where(h => h.Entries.Any(e => e.Category == category || (noise && e.Kind == CueKind.NoiseWord)))
            .Select(h => h.Surface).Distinct().ToList();
    }

    // ---- street -------------------------------------------------------------------------------------------------

    /// <summary>
    /// The street of the problem: the best-attested street among the places named, leaving out where the caller only
    /// says they live (我住在月坛街道……) when another place is named; that home street is kept for the dispatch note.
    /// </summary>
    private (Street? Street, string? Evidence, Street? Home, IReadOnlyList<string> Places) FindStreet(string text)
    {
        var blocked = _guide.NotStreetContexts
            .SelectMany(c => Occurrences(text, c).Select(start => (Start: start, End: start + c.Length)))
            .ToList();
        var all = _gazetteer.Find(text)
            .Where(m => m.Street is not null && !blocked.Any(b => m.Start < b.End && b.Start < m.End))
            .ToList();
        var places = all.Select(m => m.Surface).Distinct().ToList();
        if (all.Count == 0)
        {
            return (null, null, null, places);
        }

        var home = all.Where(m => ComplaintReader.IsHome(text, m.Start, m.Surface.Length)).ToList();
        // 带母亲去宣武医院看过: an errand's place names no street of the problem while another place is said.
        var errands = all.Where(m => ComplaintReader.IsErrand(text, m.Start)).ToList();
        var said = errands.Count < all.Count ? all.Except(errands).ToList() : all;
        var away = said.Except(home).ToList();
        var mentions = away.Count > 0 ? away : said;
        var (street, evidence) = Best(mentions);
        var homeStreet = home.Count > 0 ? Best(home).Street : null;
        return (street, evidence, homeStreet, places);
    }

    private static (Street? Street, string? Evidence) Best(List<Mention> mentions)
    {
        // A street's full name says more than its short form, a short form more than a place near it.
        var best = mentions
            .GroupBy(m => m.Street!.Name, StringComparer.Ordinal)
            .Select(g => (Mentions: g.ToList(), Weight: g.Sum(Weight), First: g.Min(m => m.Start)))
            .OrderByDescending(g => g.Weight).ThenBy(g => g.First)
            .First();
        var evidence = best.Mentions.OrderByDescending(Weight).ThenBy(m => m.Start).First();
        return (evidence.Street, evidence.Surface);
    }

    private static int Weight(Mention m) =>
        m.IsPlace ? 1 : m.Surface.EndsWith("街道", StringComparison.Ordinal) || m.Surface.EndsWith("办事处", StringComparison.Ordinal) ? 3 : 2;

    private static IEnumerable<int> Occurrences(string text, string word)
    {
        for (var i = text.IndexOf(word, StringComparison.Ordinal); i >= 0; i = text.IndexOf(word, i + 1, StringComparison.Ordinal))
        {
            yield return i;
        }
    }

    // ---- measures and units -------------------------------------------------------------------------------------

    /// <param name="topicText">The complaint as topic cues read it (<see cref="ForTopics"/>).</param>
    private List<BasisMeasure> Basis(string topicText, string category, TopicGuide? mainTopic, IReadOnlyList<string> alsoConcerns)
    {
        var basis = new List<BasisMeasure>();
        foreach (var name in alsoConcerns.Prepend(category))
        {
            var guide = _guide.Category(name);
            var topic = name == category ? mainTopic : TopicOf(guide, topicText);
            var refs = (topic?.Refs ?? guide.DefaultRefs).Concat(guide.Refs);
            foreach (var reference in refs)
            {
                if (basis.All(b => b.Measure.Ref != reference))
                {
                    basis.Add(new BasisMeasure(_knowledge.FindMeasure(reference)!, name, topic?.Name));
                }
            }
        }

        return basis;
    }

    private static TopicGuide? TopicOf(CategoryGuide category, string topicText) =>
        category.Topics.FirstOrDefault(t => t.Cues.Any(c => TopicCueMatches(topicText, c)));

    private const int MaxCueGap = 8;

    /// <summary>A plain cue is a substring; 倒…垃圾 is 倒 then 垃圾 at most <see cref="MaxCueGap"/> characters later.</summary>
    internal static bool TopicCueMatches(string text, string cue)
    {
        var parts = cue.Split('…', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 1)
        {
            return text.Contains(parts[0], StringComparison.Ordinal);
        }

        foreach (var start in Occurrences(text, parts[0]))
        {
            var end = start + parts[0].Length;
            var all = true;
            foreach (var part in parts.Skip(1))
            {
                var next = text.IndexOf(part, end, StringComparison.Ordinal);
                if (next < 0 || next - end > MaxCueGap)
                {
                    all = false;
                    break;
                }

                end = next + part.Length;
            }

            if (all)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Leads and co-units over the basis, in order, with the complaint's street office for 各街道办事处.</summary>
    private static (IReadOnlyList<string> Leads, IReadOnlyList<string> Cos) Units(IReadOnlyList<BasisMeasure> basis, Street? street)
    {
        string Local(string unit) => street is not null && StreetOfficeGroups.Contains(unit) ? street.Office : unit;

        var leads = basis.SelectMany(b => b.Measure.LeadUnits).Select(Local).Distinct().ToList();
        var cos = basis.SelectMany(b => b.Measure.CoUnits).Select(Local).Distinct().Except(leads).ToList();
        return (leads, cos);
    }

    /// <summary>Something wrong with water: its state, what is put into it, or water where it should not be.</summary>
    [GeneratedRegex("臭|脏|发黑|变黑|黑水|发绿|变绿|浑|死鱼|漂|油膜|有味|污水|污染|污物|垃圾|油污|油花|倾倒|倒进|倒入|倒在|往河|往湖|排污|排放|排水|直排|偷排|异味|味儿大|味道|堵|积水|冒水|溢|返水|蓝藻|泔水|刷锅水|水质|篦子|箅子|下水|雨水|水井|水沟|里倒|往里扔")]
    private static partial Regex WaterTrouble();

    /// <summary>Where the water environment is: a river, lake, pond or channel, or a drain leading to one.</summary>
    [GeneratedRegex("河|湖|海|沟|渠|井|管|下水|雨水|箅子|篦子|排口|水体|池|塘|泡子|水面|岸")]
    private static partial Regex WaterPlace();
}

