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
            // Resolved on the loading thread: the split store opens (and migrates) the database.
            Task<IReadOnlyList<SplitCorrection>> Approved(CancellationToken cancellationToken) => sp.GetService<IApprovedSplits>() is { } approved
                ? approved.ApprovedAsync(cancellationToken)
                : Task.FromResult<IReadOnlyList<SplitCorrection>>([]);
            // Loaded on another core while the server starts: it listens (/healthz) at once, /readyz says 503 until the plan
            // is loaded, and a question asked meanwhile waits for it (UseWaitForPlan).
            var plan = new LivePlan(
                corrections => Loaded(PlanRuntime.Load(directory, clock, corrections), logger),
                Approved,
                inBackground: true);
            return plan;
        });
        services.AddTransient(sp => sp.GetRequiredService<LivePlan>().Current.Knowledge);
        services.AddTransient(sp => sp.GetRequiredService<LivePlan>().Current.Answers);
        services.AddHostedService<PlanLoading>();
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

    /// <summary>
    /// Starts loading the plan with the host (resolving <see cref="LivePlan"/> starts it, on another core) and stops the server
    /// when it cannot load, as it would not start before: a server that could never answer must not look alive.
    /// </summary>
    private sealed class PlanLoading(LivePlan plan, IHostApplicationLifetime lifetime, ILogger<PlanLoading> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            plan.Loaded.ContinueWith(
                loading =>
                {
                    logger.LogCritical(loading.Exception, "The plan could not be loaded; stopping");
                    Environment.ExitCode = 1;
                    lifetime.StopApplication();
                },
                CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    /// <summary>
    /// A hosted service that needs the plan to be built (its constructor or its start reads it): built and started once the
    /// plan has loaded, so that the host starts, and listens, while the plan loads. One that cannot be built (a setting
    /// that names no unit of the plan) stops the server, as it would have failed the start before.
    /// </summary>
    public static IServiceCollection AddHostedServiceAfterPlan<T>(this IServiceCollection services, Func<IServiceProvider, T> build)
        where T : class, IHostedService =>
        // A type per service: AddHostedService keeps one registration per implementation type.
        services.AddHostedService(sp => new AfterPlanLoads<T>(sp.GetRequiredService<LivePlan>(), () => build(sp),
            sp.GetRequiredService<IHostApplicationLifetime>(), sp.GetRequiredService<ILogger<AfterPlanLoads<T>>>()));

    private sealed class AfterPlanLoads<T>(LivePlan plan, Func<T> build, IHostApplicationLifetime lifetime, ILogger<AfterPlanLoads<T>> logger)
        : IHostedService
        where T : class, IHostedService
    {
        // Never disposed (it has no timer): the host may stop its services after the container has disposed them.
        private readonly CancellationTokenSource _stopping = new();
        private Task _starting = Task.CompletedTask;
        private T? _service;

        public Task StartAsync(CancellationToken cancellationToken)
        {
            _starting = StartWhenLoadedAsync(_stopping.Token);
            return Task.CompletedTask;
        }

        private async Task StartWhenLoadedAsync(CancellationToken stopping)
        {
            try
            {
                await plan.Loaded.WaitAsync(stopping);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return; // PlanLoading reports it and stops the server.
            }

            try
            {
                var service = build();
                await service.StartAsync(stopping);
                _service = service;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogCritical(e, "{Service} could not start with the plan; stopping", typeof(T).Name);
                Environment.ExitCode = 1;
                lifetime.StopApplication();
            }
        }

        public async Task StopAsync(CancellationToken cancellationToken)
        {
            await _stopping.CancelAsync();
            try
            {
                await _starting;
            }
            catch (OperationCanceledException)
            {
            }

            if (_service is not null)
            {
                await _service.StopAsync(cancellationToken);
            }
        }
    }

    /// <summary>
    /// Requests wait (asynchronously, no thread held) until the plan has loaded, which is only in the first seconds after
    /// start. /healthz and /readyz do not: they say whether the server lives and whether it is ready.
    /// </summary>
    public static IApplicationBuilder UseWaitForPlan(this IApplicationBuilder app)
    {
        var plan = app.ApplicationServices.GetRequiredService<LivePlan>();
        return app.Use(async (context, next) =>
        {
            var path = context.Request.Path;
            if (!plan.IsLoaded && !path.StartsWithSegments("/healthz", StringComparison.OrdinalIgnoreCase)
                && !path.StartsWithSegments("/readyz", StringComparison.OrdinalIgnoreCase))
            {
                await plan.Loaded.WaitAsync(context.RequestAborted);
            }

            await next(context);
        });
    }
}

/// <summary>The approved split corrections the plan is loaded with (the staff feature's store keeps them).</summary>
public interface IApprovedSplits
{
    Task<IReadOnlyList<SplitCorrection>> ApprovedAsync(CancellationToken cancellationToken);
}
