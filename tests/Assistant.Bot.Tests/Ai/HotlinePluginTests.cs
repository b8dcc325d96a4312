using Assistant.Bot.Ai;
using Assistant.Index.Ai;
using Assistant.Index.Hotline;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;

namespace Assistant.Bot.Tests.Ai;

/// <summary>The hotline plugin as the host registers it: operators only, invoked through a Kernel with no model.</summary>
public sealed class HotlinePluginTests
{
    private const string Complaint = "德胜街道楼下烧烤店每天晚上油烟特别大，我的电话13800000000，门牌号12号楼3单元";

    [Fact]
    public async Task Only_operators_have_the_hotline_functions_and_none_reads_stored_drafts()
    {
        await using var app = new AssistantApplication();
        var kernels = app.Services.GetRequiredService<AssistantKernels>();

        var citizen = kernels.Create(AssistantRole.Citizen).Plugins.GetFunctionsMetadata().Select(f => $"{f.PluginName}-{f.Name}");
        var operatorTools = kernels.Create(AssistantRole.Operator).Plugins.GetFunctionsMetadata().Select(f => $"{f.PluginName}-{f.Name}");

        Assert.DoesNotContain(citizen, f => f.StartsWith("hotline-", StringComparison.Ordinal));
        Assert.Equal(
            ["hotline-classify_complaint", "hotline-draft_reply", "plan-district_targets", "plan-get_by_reference", "plan-search_measures", "plan-street_targets", "plan-unit_duties"],
            operatorTools.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Classification_is_the_triage_of_the_operator_page()
    {
        await using var app = new AssistantApplication();

        var classified = await Invoke<ComplaintClassification>(app, "classify_complaint", Complaint);

        var triage = app.Services.GetRequiredService<ComplaintTriage>().Triage(Complaint);
        Assert.Equal("餐饮油烟", classified.Category);
        Assert.Equal("德胜街道", classified.Street);
        Assert.Equal(triage.LeadUnits, classified.LeadUnits);
        Assert.Equal(triage.Basis.Select(b => b.Measure.Ref), classified.Basis.Select(m => m.Ref));
        Assert.Contains("附件1-15-1", classified.Basis.Select(m => m.Ref));
    }

    [Fact]
    public async Task The_draft_is_the_drafters_and_leaves_the_callers_details_out()
    {
        await using var app = new AssistantApplication();

        var draft = await Invoke<ReplyDraft>(app, "draft_reply", Complaint);

        var triage = app.Services.GetRequiredService<ComplaintTriage>().Triage(Complaint);
        var expected = app.Services.GetRequiredService<HotlineDrafter>().Draft(triage);
        Assert.Equal(expected.Draft, draft.Draft);
        Assert.Equal(expected.DispatchNote, draft.DispatchNote);
        Assert.Contains("附件1-15-1", draft.Refs);
        Assert.DoesNotContain("13800000000", draft.Draft);
    }

    [Fact]
    public async Task A_draft_grounds_a_model_text_that_quotes_it()
    {
        await using var app = new AssistantApplication();
        var draft = await Invoke<ReplyDraft>(app, "draft_reply", Complaint);
        var evidence = GroundingEvidence.ForPlan(app.Services.GetRequiredService<Index.Knowledge.KnowledgeBase>().Plan);
        evidence.Add(draft);
        var check = app.Services.GetRequiredService<GroundingCheck>();

        var faithful = check.Check("您反映的德胜街道餐饮油烟问题将转交区生态环境局、区市场监管局、德胜街道办事处办理（附件1-15-1）。", evidence);
        var promised = check.Check("您反映的问题将转交区生态环境局办理，3日内处理完毕（附件1-15-1）。", evidence);

        Assert.True(faithful.Grounded, string.Join("; ", faithful.Problems));
        Assert.Contains("number 3 is not in the records", promised.Problems);
    }

    private static async Task<T> Invoke<T>(AssistantApplication app, string function, string complaint) =>
        (await app.Services.GetRequiredService<AssistantKernels>().Create(AssistantRole.Operator)
            .InvokeAsync<T>(HotlinePlugin.Name, function, new KernelArguments { ["complaint"] = complaint }))!;
}
