using Assistant.Index;
using Assistant.Index.Answers;
using Assistant.Index.Knowledge;
using Microsoft.Extensions.Options;

namespace Assistant.Bot.Hosting;

public static class PlanServiceExtensions
{
    /// <summary>Options, and the plan runtime (knowledge, index, answer engine) built at start-up and on each approved split correction.</summary>
    public static IServiceCollection AddPlanKnowledge(this IServiceCollection services)
    {
        services.AddOptions<AssistantOptions>()
            .BindConfiguration(AssistantOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        // The plan as it stands now: the knowledge with the approved split corrections (IApprovedSplits, when a feature
        // keeps them) applied, rebuilt and swapped at once when one is approved. Singletons take LivePlan (or a PlanBound)
        // and read Current per call; the knowledge and answer engine below are the current ones, for request handlers.
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<AssistantOptions>>().Value;
            var directory = KnowledgeLoader.LocateDirectory(options.KnowledgeDirectory);
            // The host's clock (a test may set it): "本季度" is read by today's month.
            var clock = sp.GetService<TimeProvider>();
            var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger("Assistant.Knowledge");
            var approved = sp.GetService<IApprovedSplits>();
            var plan = new LivePlan(
                corrections => Loaded(PlanRuntime.Load(directory, clock, corrections), logger),
                approved is null ? null : approved.ApprovedAsync);
            return plan;
        });
        services.AddTransient(sp => sp.GetRequiredService<LivePlan>().Current.Knowledge);
        services.AddTransient(sp => sp.GetRequiredService<LivePlan>().Current.Answers);
        services.AddHostedService<PlanWarmUp>();
        services.AddHostedService<DataFolderNotice>();
        return services;
    }

    private static PlanRuntime Loaded(PlanRuntime runtime, ILogger logger)
    {
        logger.LogInformation(
            "Plan loaded: {Tasks} tasks, {Measures} measures, {Units} units, {Corrections} approved split corrections, indexed and warm in {Ms} ms",
            runtime.Knowledge.Plan.Tasks.Count(), runtime.Knowledge.Plan.Measures.Count(), runtime.Knowledge.Units.Count,
            runtime.Corrections.Count, (int)runtime.LoadTime.TotalMilliseconds);
        foreach (var skipped in runtime.SkippedCorrections)
        {
            logger.LogWarning("Approved split correction {Id} ({MeasureRef}: {Unit} as {Role}) no longer fits the plan and is left out",
                skipped.Id, skipped.MeasureRef, skipped.NamedAs, skipped.Role);
        }

        return runtime;
    }

    /// <summary>The data folder, created owner-only if missing, as an absolute path.</summary>
    public static string DataDirectory(this IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<AssistantOptions>>().Value;
        var path = AppPaths.DataDirectory(options.DataDirectory);
        return Storage.DataFolder.CreateFolder(path);
    }

    /// <summary>Says at start where the data folder is, as an absolute path: a relative setting depends on the current directory.</summary>
    private sealed class DataFolderNotice(IServiceProvider services, ILogger<DataFolderNotice> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            logger.LogInformation("Data folder: {DataDirectory}", services.DataDirectory());
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    /// <summary>Loads the plan before the server takes requests, so the first question is as fast as the rest.</summary>
    private sealed class PlanWarmUp(LivePlan plan) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        // Resolving the runtime in the constructor is the warm-up.
        public LivePlan Plan { get; } = plan;
    }
}

/// <summary>The approved split corrections the plan is loaded with (the staff feature's store keeps them).</summary>
public interface IApprovedSplits
{
    Task<IReadOnlyList<SplitCorrection>> ApprovedAsync(CancellationToken cancellationToken);
}
