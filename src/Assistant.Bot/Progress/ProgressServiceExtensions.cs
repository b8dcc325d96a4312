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
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<StaffDirectory>();
        services.AddSingleton(sp => new ProgressBoard(sp.GetRequiredService<KnowledgeBase>(), sp.GetRequiredService<IProgressStore>()));
        // Teams: staff questions, conversation references kept at first contact, the monthly reminder.
        services.AddSingleton<ISqliteSchema, StaffSubscriptions.SqliteSchema>();
        services.AddSingleton<IPostgresSchema, StaffSubscriptions.PostgresSchema>();
        services.AddSingleton<StaffSubscriptions>();
        services.AddSingleton<TeamsStaff>();
        services.AddSingleton<ProgressReminders>();
        services.AddHostedService(sp => sp.GetRequiredService<ProgressReminders>());
        return services;
    }

    /// <summary>/api/progress, /api/staff/me, the unit calendars and the /staff page.</summary>
    public static IEndpointRouteBuilder MapProgress(this IEndpointRouteBuilder routes)
    {
        routes.MapProgressApi();
        routes.MapStaffCalendar();
        routes.MapStaffPage();
        return routes;
    }
}
