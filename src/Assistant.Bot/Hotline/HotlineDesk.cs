using Assistant.Bot.Ai;
using Assistant.Bot.Hosting;
using Assistant.Bot.Storage;
using Assistant.Index;
using Assistant.Index.Hotline;
using Assistant.Index.Knowledge;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Assistant.Bot.Hotline;

/// <summary>
/// The operator's desk: triages a complaint, drafts the reply and the dispatch note, and keeps them. Logs say what
/// happened with the caller's personal data masked.
/// </summary>
public sealed class HotlineDesk(
    LivePlan plan,
    PlanBound<HotlineDrafter> drafter,
    IHotlineReplyWording wording,
    IHotlineDraftStore store,
    TimeProvider clock,
    ILogger<HotlineDesk> logger)
{
    public async Task<HotlineDraft> CreateAsync(string complaint, DateTimeOffset? receivedAt, CancellationToken cancellationToken)
    {
        var result = plan.Current.Triage.Triage(complaint);
        var reply = drafter.Value.Draft(result);
        // A model-worded reply only when it passed the rubric and the grounding check; else the rules' own.
        var worded = await wording.WordAsync(result, reply, cancellationToken);
        var draftedBy = worded is null ? "rules" : "model";
        reply = worded is null ? reply : reply with { Draft = worded };
        var now = clock.GetUtcNow();
        var draft = HotlineDraft.Compose(
            Guid.NewGuid().ToString("n"), complaint, receivedAt ?? now,
            HotlineTriageView.From(result) with { Handling = reply.Handling, DraftedBy = draftedBy }, reply.Draft, reply.DispatchNote,
            DraftStatus.Draft, revision: 1, now, now, [new HotlineRevision(1, reply.Draft, DraftStatus.Draft, now)]);
        await store.AddAsync(draft, cancellationToken);
        logger.LogInformation(
            "Hotline draft {DraftId}: {Category}, street {Street}, refs {Refs}; complaint: {Complaint}",
            draft.Id, draft.Category, draft.Street ?? "-", string.Join(",", draft.Refs), PersonalData.Mask(complaint));
        // Read back: the caller sees what is stored, times in the hotline's clock.
        return await store.GetAsync(draft.Id, cancellationToken) ?? draft;
    }

    public Task<HotlineDraft?> GetAsync(string id, CancellationToken cancellationToken) => store.GetAsync(id, cancellationToken);

    public async Task<(SaveOutcome Outcome, HotlineDraft? Draft)> SaveAsync(
        string id, string text, string status, int? expectedRevision, CancellationToken cancellationToken)
    {
        var saved = await store.SaveRevisionAsync(id, text, status, expectedRevision, clock.GetUtcNow(), cancellationToken);
        if (saved.Outcome == SaveOutcome.Saved)
        {
            logger.LogInformation("Hotline draft {DraftId} saved as revision {Revision} ({Status})", id, saved.Draft!.Revision, status);
        }

        return saved;
    }

    public Task<IReadOnlyList<HotlineDraftSummary>> ListAsync(HotlineDraftQuery query, CancellationToken cancellationToken) =>
        store.ListAsync(query, cancellationToken);

    public async Task<HotlineStats> StatsAsync(int year, int month, IReadOnlyList<string> streets, CancellationToken cancellationToken)
    {
        var from = new DateOnly(year, month, 1);
        var counts = await store.CountAsync(from, from.AddMonths(1).AddDays(-1), cancellationToken);
        var categoryOrder = ComplaintCategories.All.ToList();
        var streetOrder = streets.ToList();
        var ordered = counts
            .OrderBy(c => categoryOrder.IndexOf(c.Category))
            .ThenBy(c => c.Street is null ? int.MaxValue : streetOrder.IndexOf(c.Street))
            .ToList();
        return new HotlineStats(
            $"{year:D4}-{month:D2}",
            counts.Sum(c => c.Count),
            ComplaintCategories.All,
            streets,
            ordered,
            ComplaintCategories.All.Select(c => new CategoryCount(c, counts.Where(x => x.Category == c).Sum(x => x.Count))).ToList(),
            streets.Select(s => (string?)s).Append(null)
                .Select(s => new StreetCount(s, counts.Where(x => x.Street == s).Sum(x => x.Count)))
                .Where(s => s.Street is not null || s.Count > 0)
                .ToList());
    }
}

public static class HotlineServiceExtensions
{
    /// <summary>Triage, drafter, the draft store (SQLite or PostgreSQL) and its schema, and the desk that ties them.</summary>
    public static IServiceCollection AddHotline(this IServiceCollection services)
    {
        services.AddOptions<HotlineOptions>()
            .BindConfiguration(HotlineOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        // Built from the plan as it stands (LivePlan): rebuilt after an approved split correction. Singletons take the
        // PlanBound; the plain registrations are the current ones, for request handlers.
        services.AddTransient(sp => sp.GetRequiredService<LivePlan>().Current.Triage);
        services.AddSingleton(sp => new PlanBound<HotlineDrafter>(sp.GetRequiredService<LivePlan>(), runtime => new HotlineDrafter(
            runtime.Knowledge, sp.GetRequiredService<IOptions<HotlineOptions>>().Value.Terms, runtime.Triage.Guide)));
        services.AddTransient(sp => sp.GetRequiredService<PlanBound<HotlineDrafter>>().Value);
        services.AddSingleton(sp => new PlanBound<DraftRubric>(sp.GetRequiredService<LivePlan>(), runtime => new DraftRubric(runtime.Knowledge, runtime.Gazetteer)));
        services.AddTransient(sp => sp.GetRequiredService<PlanBound<DraftRubric>>().Value);
        // The model wording needs the kernel (AddAssistantKernel); without it the rules' draft stands.
        services.AddSingleton<IHotlineReplyWording>(sp => sp.GetService<GroundedModel>() is { } model
            ? new ModelReplyWording(model, sp.GetRequiredService<PlanBound<DraftRubric>>(), sp.GetRequiredService<IOptions<HotlineOptions>>())
            : new RulesReplyWording());
        services.AddSingleton<ISqliteSchema, HotlineSchema>();
        services.AddSingleton<IPostgresSchema, PostgresHotlineSchema>();
        services.AddStore<IHotlineDraftStore, SqliteHotlineDraftStore, PostgresHotlineDraftStore>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<HotlineDesk>();
        services.AddHostedService<HotlineWarmUp>();
        return services;
    }

    /// <summary>
    /// Runs the triage once (its code compiled before the first complaint) as soon as the plan has loaded, off the start-up
    /// path: the server listens while the plan loads.
    /// </summary>
    private sealed class HotlineWarmUp(LivePlan plan) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            plan.Loaded.ContinueWith(_ => plan.Current.Triage.Triage("楼下饭馆油烟扰民"), CancellationToken.None,
                TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
