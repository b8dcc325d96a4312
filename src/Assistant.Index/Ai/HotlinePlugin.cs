using System.ComponentModel;
using Assistant.Index.Hotline;
using Microsoft.SemanticKernel;

namespace Assistant.Index.Ai;

/// <summary>A complaint as the triage reads it: category, street, time of day, suggested units and the plan measures that apply.</summary>
public sealed record ComplaintClassification(
    string Category,
    IReadOnlyList<string> AlsoConcerns,
    string? Street,
    string? TimeOfDay,
    IReadOnlyList<string> LeadUnits,
    IReadOnlyList<string> CoUnits,
    IReadOnlyList<MeasureRecord> Basis);

/// <summary>The rules' reply draft to the caller and the internal dispatch note, with the references they quote.</summary>
public sealed record ReplyDraft(string Category, string Draft, string DispatchNote, IReadOnlyList<string> Refs);

/// <summary>
/// The hotline's functions for an operator's model, over the same triage and drafter the operator page uses. They
/// work only on the complaint they are given: none of them reads stored drafts or anything about other callers.
/// Operators only.
/// </summary>
public sealed class HotlinePlugin(LivePlan plan, PlanBound<HotlineDrafter> drafter)
{
    public const string Name = "hotline";

    [KernelFunction("classify_complaint")]
    [Description("把一条12345来电诉求分类：问题类别、属地街道、发生时段、建议承办和协办单位，以及适用的计划措施。Classify a hotline complaint: category, street, time of day, suggested lead and co-operating units, and the plan measures that apply.")]
    public ComplaintClassification ClassifyComplaint(
        [Description("来电诉求原文。The complaint as the caller put it.")] string complaint)
    {
        var t = plan.Current.Triage.Triage(complaint);
        return new ComplaintClassification(t.Category, t.AlsoConcerns, t.Street?.Name, t.Time?.Period, t.LeadUnits, t.CoUnits,
            t.Basis.Select(b => MeasureRecord.From(b.Measure)).ToList());
    }

    [KernelFunction("draft_reply")]
    [Description("按计划起草给来电人的答复和内部派单建议（答复不复述电话、身份证号、门牌号）。Draft the reply to the caller and the internal dispatch note from the plan (the reply leaves out phone, ID and door numbers).")]
    public ReplyDraft DraftReply(
        [Description("来电诉求原文。The complaint as the caller put it.")] string complaint)
    {
        var t = plan.Current.Triage.Triage(complaint);
        var reply = drafter.Value.Draft(t);
        return new ReplyDraft(t.Category, reply.Draft, reply.DispatchNote, t.Basis.Select(b => b.Measure.Ref).ToList());
    }
}
