using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.SemanticKernel;

namespace Assistant.Bot.Ai;

/// <summary>Who the model is working for; each role's model sees only the plugins registered for it.</summary>
public enum AssistantRole
{
    /// <summary>Anyone asking about the plan through a channel: the plan's read-only Q&amp;A functions only.</summary>
    Citizen,

    /// <summary>Hotline operators: the plan's functions, and the hotline's (complaint triage, reply drafts).</summary>
    Operator,
}

/// <summary>A plugin type, its name as the model sees it, and the roles allowed to call it.</summary>
public sealed record AssistantPluginRegistration(string Name, Type PluginType, IReadOnlyList<AssistantRole> Roles);

/// <summary>
/// The host's Semantic Kernel: builds a <see cref="Kernel"/> per role holding only that role's plugins, so user text
/// can never reach a tool its role lacks (the tool is simply not there). Plugins are created once and shared.
/// </summary>
public sealed class AssistantKernels(IServiceProvider services, IEnumerable<AssistantPluginRegistration> registrations)
{
    private readonly Lazy<IReadOnlyList<(KernelPlugin Plugin, IReadOnlyList<AssistantRole> Roles)>> _plugins = new(() => registrations
        .Select(r => (KernelPluginFactory.CreateFromObject(services.GetRequiredService(r.PluginType), r.Name), r.Roles))
        .ToList());

    public IReadOnlyList<KernelPlugin> PluginsFor(AssistantRole role) =>
        _plugins.Value.Where(p => p.Roles.Contains(role)).Select(p => p.Plugin).ToList();

    /// <summary>A fresh kernel (own filters) over the role's plugins; no model is needed to invoke them.</summary>
    public Kernel Create(AssistantRole role) => new(services, new KernelPluginCollection(PluginsFor(role)));
}

public static class AssistantPluginExtensions
{
    /// <summary>Makes a plugin (a singleton with [KernelFunction] methods) available to the models of the given roles.</summary>
    public static IServiceCollection AddAssistantPlugin<TPlugin>(this IServiceCollection services, string name, params AssistantRole[] roles)
        where TPlugin : class
    {
        services.TryAddSingleton<TPlugin>();
        services.AddSingleton(new AssistantPluginRegistration(name, typeof(TPlugin), roles));
        return services;
    }
}
