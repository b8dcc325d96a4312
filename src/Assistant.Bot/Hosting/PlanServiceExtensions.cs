using Assistant.Index;
using Assistant.Index.Answers;
using Assistant.Index.Knowledge;
using Microsoft.Extensions.Options;

namespace Assistant.Bot.Hosting;

public static class PlanServiceExtensions
{
    /// <summary>Options, and the plan runtime (knowledge, index, answer engine) built once at start-up.</summary>
    public static IServiceCollection AddPlanKnowledge(this IServiceCollection services)
    {
        services.AddOptions<AssistantOptions>()
            .BindConfiguration(AssistantOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<AssistantOptions>>().Value;
            // The host's clock (a test may set it): "本季度" is read by today's month.
            var runtime = PlanRuntime.Load(KnowledgeLoader.LocateDirectory(options.KnowledgeDirectory), sp.GetService<TimeProvider>());
            sp.GetRequiredService<ILoggerFactory>().CreateLogger("Assistant.Knowledge").LogInformation(
                "Plan loaded: {Tasks} tasks, {Measures} measures, {Units} units, indexed and warm in {Ms} ms",
                runtime.Knowledge.Plan.Tasks.Count(), runtime.Knowledge.Plan.Measures.Count(), runtime.Knowledge.Units.Count,
                (int)runtime.LoadTime.TotalMilliseconds);
            return runtime;
        });
        services.AddSingleton(sp => sp.GetRequiredService<PlanRuntime>().Knowledge);
        services.AddSingleton(sp => sp.GetRequiredService<PlanRuntime>().Answers);
        services.AddHostedService<PlanWarmUp>();
        services.AddHostedService<DataFolderNotice>();
        return services;
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
    private sealed class PlanWarmUp(PlanRuntime runtime) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        // Resolving the runtime in the constructor is the warm-up.
        public PlanRuntime Runtime { get; } = runtime;
    }
}
