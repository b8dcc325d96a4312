using Assistant.Bot.Conversations;
using Assistant.Index;
using Assistant.Index.Ai;

namespace Assistant.Bot.Ai;

public static class AiServiceExtensions
{
    /// <summary>
    /// The Semantic Kernel plugins over the plan, per role, and the optional model (Assistant:Llm) that composes
    /// answers from them under the grounding check. With no endpoint configured the composer steps aside.
    /// </summary>
    public static IServiceCollection AddAssistantKernel(this IServiceCollection services)
    {
        services.AddOptions<LanguageModelOptions>()
            .BindConfiguration(LanguageModelOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        // The plan's Q&A functions are read-only and hold no personal data: every role may call them.
        services.AddAssistantPlugin<PlanPlugin>(PlanPlugin.Name, AssistantRole.Citizen, AssistantRole.Operator);
        // Complaint triage and reply drafts (the hotline's services, AddHotline) are for operators only.
        services.AddAssistantPlugin<HotlinePlugin>(HotlinePlugin.Name, AssistantRole.Operator);
        services.AddSingleton<AssistantKernels>();

        // Names and wording only (units, streets, the plan's words), which split corrections never change: built once.
        services.AddSingleton(sp => new GroundingCheck(sp.GetRequiredService<LivePlan>().Current.Gazetteer));
        services.AddSingleton<LanguageModelClient>();
        services.AddSingleton<GroundedModel>();
        services.AddSingleton<IAnswerComposer, ModelAnswerComposer>();
        return services;
    }
}
