using Assistant.Bot.Hosting;
using Assistant.Bot.Storage;
using Assistant.Index;
using Assistant.Index.Knowledge;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Assistant.Bot.Progress;

public static class ProgressServiceExtensions
{
    /// <summary>
    /// Staff: monthly progress reports and their revisions (in the database beside everything else), per-unit keys and
    /// calendar links, who belongs to which unit (Assistant:Progress), and the board that puts duties and reports together.
    /// </summary>
    public static IServiceCollection AddProgress(this IServiceCollection services)
    {
        services.AddOptions<ProgressOptions>()
            .BindConfiguration(ProgressOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<ISqliteSchema, ProgressSchema>();
        services.AddSingleton<IPostgresSchema, PostgresProgressSchema>();
        services.AddStore<IProgressStore, SqliteProgressStore, PostgresProgressStore>();
        services.AddStore<IUnitSecretStore, SqliteUnitSecretStore, PostgresUnitSecretStore>();
        // Inferred lead/co splits settled by the units and the coordinator: the plan is loaded with the approved ones, and
        // picks up those approved on another instance within Assistant:Progress:SplitRefreshSeconds.
        services.AddSingleton<ISqliteSchema, SplitSchema>();
        services.AddSingleton<IPostgresSchema, PostgresSplitSchema>();
        services.AddStore<ISplitStore, SqliteSplitStore, PostgresSplitStore>();
        services.AddSingleton<IApprovedSplits>(sp => sp.GetRequiredService<ISplitStore>());
        services.AddHostedService<SplitRefresh>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<StaffDirectory>();
        // Who leads what follows the plan as it stands (approved split corrections): rebuilt with it.
        services.AddSingleton(sp => new PlanBound<ProgressBoard>(
            sp.GetRequiredService<LivePlan>(), runtime => new ProgressBoard(runtime.Knowledge, sp.GetRequiredService<IProgressStore>())));
        services.AddTransient(sp => sp.GetRequiredService<PlanBound<ProgressBoard>>().Value);
        // Teams: staff questions, conversation references kept at first contact, the monthly reminder.
        services.AddSingleton<ISqliteSchema, StaffSubscriptions.SqliteSchema>();
        services.AddSingleton<IPostgresSchema, StaffSubscriptions.PostgresSchema>();
        services.AddSingleton<StaffSubscriptions>();
        services.AddSingleton<TeamsStaff>();
        services.AddSingleton<ProgressReminders>();
        // Its staff directory reads the plan's unit names: started once the plan has loaded.
        services.AddHostedServiceAfterPlan(sp => sp.GetRequiredService<ProgressReminders>());
        return services;
    }

    /// <summary>/api/progress, /api/staff/me, /api/splits, the unit calendars and the /staff page.</summary>
    public static IEndpointRouteBuilder MapProgress(this IEndpointRouteBuilder routes)
    {
        routes.MapProgressApi();
        routes.MapSplitApi();
        routes.MapStaffCalendar();
        routes.MapStaffPage();
        return routes;
    }
}
