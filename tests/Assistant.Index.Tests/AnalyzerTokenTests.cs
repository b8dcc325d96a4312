using Assistant.Index.Knowledge;
using Assistant.Index.Search;

namespace Assistant.Index.Tests;

/// <summary>Golden tokens: what the index sees of representative sentences.</summary>
public sealed class AnalyzerTokenTests
{
    private static readonly SynonymGroup[] Synonyms =
    [
        new("噪声", ["噪音"]),
        new("餐饮油烟", ["饭馆排烟"]),
    ];

    [Theory]
    // SmartCn splits organisation names: why units are recognised by gazetteer, not by search.
    [InlineData("区生态环境局牵头推广新能源汽车", "区|生态|环境|局|牵头|推广|新|能源|汽车")]
    [InlineData("加强餐饮油烟源头管控", "加强|餐饮|油烟|源头|管|控")]
    // Punctuation is dropped (SmartCn's stop set is punctuation only); Latin is lower-cased and split at '.'.
    [InlineData("德胜街道PM2.5目标是多少？", "德|胜|街道|pm|2|5|目标|是|多少")]
    // Unbalanced brackets are plain characters here; the index never passes user text to QueryParser.
    [InlineData("油烟(", "油烟")]
    public void Words_analyzer_tokenizes_like_SmartCn(string sentence, string expected)
    {
        using var analyzer = PlanAnalyzers.Words();
        Assert.Equal(expected, string.Join("|", PlanAnalyzers.Tokens(analyzer, sentence)));
    }

    [Theory]
    // 噪音 and 噪声 are different SmartCn tokens: the synonym filter adds the plan's word at the same position.
    [InlineData("晚上噪音扰民", "晚上|噪音|噪声|扰民")]
    // A multi-word variant maps onto the multi-word plan term.
    [InlineData("饭馆排烟太呛了", "饭馆|餐饮|排烟|油烟|太|呛|了")]
    public void Synonyms_add_the_plans_word(string sentence, string expected)
    {
        using var analyzer = PlanAnalyzers.Words(PlanAnalyzers.BuildSynonyms(Synonyms));
        Assert.Equal(expected, string.Join("|", PlanAnalyzers.Tokens(analyzer, sentence)));
    }

    [Theory]
    // Bigrams keep recall for words SmartCn splits (德胜 → 德|胜, 管控 → 管|控).
    [InlineData("德胜街道", "德胜|胜街|街道")]
    [InlineData("加强管控", "加强|强管|管控")]
    [InlineData("PM2.5浓度", "pm2.5|浓度")]
    public void Bigram_analyzer_makes_overlapping_pairs(string sentence, string expected)
    {
        using var analyzer = PlanAnalyzers.Bigrams();
        Assert.Equal(expected, string.Join("|", PlanAnalyzers.Tokens(analyzer, sentence)));
    }

    [Fact]
    public void Normalize_folds_full_width_and_whitespace()
    {
        Assert.Equal("PM2.5浓度（年均）", ChineseText.Normalize("ｐｍ２．５ 浓度\n（年均）"));
    }

    [Fact]
    public void Normalize_reads_traditional_characters_as_simplified()
    {
        Assert.Equal("出租车都要换成纯电动的，这个主责单位是谁？", ChineseText.Normalize("出租車都要換成純電動的，這個主責單位是誰？"));
        // Characters that are simplified too (著 in 显著, 于) are not touched.
        Assert.Equal("显著高于", ChineseText.Normalize("显著高于"));
    }
}
