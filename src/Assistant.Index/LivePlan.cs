using Assistant.Index.Knowledge;

namespace Assistant.Index;

/// <summary>
/// The server's plan as it stands now: the knowledge with every approved split correction applied. An approval rebuilds a
/// whole <see cref="PlanRuntime"/> (knowledge, index, answer engine with an empty answer cache) off the request path and
/// swaps it in at once; until then everyone keeps answering from the previous one. Whatever outlives a request reads
/// <see cref="Current"/> (or a <see cref="PlanBound{T}"/>) each time and never keeps a runtime of its own.
/// </summary>
public sealed class LivePlan : IDisposable
{
    private readonly Func<IReadOnlyList<SplitCorrection>, PlanRuntime> _load;
    private readonly Func<CancellationToken, Task<IReadOnlyList<SplitCorrection>>> _approved;
    private readonly SemaphoreSlim _reloading = new(1, 1);
    private readonly Task<PlanRuntime> _first;
    private PlanRuntime? _current;

    /// <param name="load">Builds a runtime over the knowledge with these corrections.</param>
    /// <param name="approved">Reads every approved correction (the store); none when the host keeps no corrections.</param>
    /// <param name="inBackground">
    /// Load the first runtime on a pool thread and return at once (the server: it listens while the plan loads on the other
    /// core); <see cref="Current"/> waits for it. Otherwise the constructor loads it.
    /// </param>
    public LivePlan(Func<IReadOnlyList<SplitCorrection>, PlanRuntime> load, Func<CancellationToken, Task<IReadOnlyList<SplitCorrection>>>? approved = null, bool inBackground = false)
    {
        _load = load;
        _approved = approved ?? (_ => Task.FromResult<IReadOnlyList<SplitCorrection>>([]));
        _first = inBackground ? Task.Run(LoadFirstAsync) : Task.FromResult(LoadFirst());
    }

    private async Task<PlanRuntime> LoadFirstAsync() => Publish(_load(await _approved(CancellationToken.None)));

    private PlanRuntime LoadFirst() => Publish(_load(_approved(CancellationToken.None).GetAwaiter().GetResult()));

    private PlanRuntime Publish(PlanRuntime runtime)
    {
        Volatile.Write(ref _current, runtime);
        return runtime;
    }

    /// <summary>A plan over one runtime that keeps no corrections (a test's, a tool's): reloading keeps it.</summary>
    public static LivePlan Of(PlanRuntime runtime) => new(_ => runtime);

    /// <summary>Whether the first runtime has loaded (a request may be answered without waiting).</summary>
    public bool IsLoaded => Volatile.Read(ref _current) is not null;

    /// <summary>Completes when the first runtime has loaded (faulted if loading failed): requests await it instead of blocking a thread.</summary>
    public Task Loaded => _first;

    /// <summary>The runtime to answer from now. Read it once per request or operation. Before the first has loaded, waits for it.</summary>
    public PlanRuntime Current => Volatile.Read(ref _current) ?? _first.GetAwaiter().GetResult();

    /// <summary>
    /// Reads the approved corrections and, when they differ from the ones applied, builds a new runtime on a pool thread
    /// and swaps it in. Returns the runtime now current. Reloads run one at a time.
    /// </summary>
    public async Task<PlanRuntime> ReloadAsync(CancellationToken cancellationToken = default)
    {
        await _reloading.WaitAsync(cancellationToken);
        try
        {
            var approved = await _approved(cancellationToken);
            var current = Current;
            if (SameIds(approved, current.Corrections.Concat(current.SkippedCorrections)))
            {
                return current;
            }

            var next = await Task.Run(() => _load(approved), cancellationToken);
            // The replaced runtime is left to the GC, not disposed: requests still running on it finish on it, and its
            // index lives in memory (no files to release).
            Volatile.Write(ref _current, next);
            return next;
        }
        finally
        {
            _reloading.Release();
        }
    }

    private static bool SameIds(IEnumerable<SplitCorrection> a, IEnumerable<SplitCorrection> b) =>
        a.Select(c => c.Id).Order().SequenceEqual(b.Select(c => c.Id).Order());

    public void Dispose()
    {
        // A first load still running is waited for, so its runtime is released too; one that failed left nothing.
        try
        {
            _first.Wait();
        }
        catch (AggregateException)
        {
        }

        Volatile.Read(ref _current)?.Dispose();
        _reloading.Dispose();
    }
}

/// <summary>
/// Something built from the plan (the progress board, the hotline drafter), rebuilt on first use after the plan was: for
/// singletons that would otherwise keep the runtime they were built with.
/// </summary>
public sealed class PlanBound<T>(LivePlan plan, Func<PlanRuntime, T> build)
    where T : class
{
    private Built? _built;

    public T Value
    {
        get
        {
            var current = plan.Current;
            if (Volatile.Read(ref _built) is { } built && ReferenceEquals(built.Runtime, current))
            {
                return built.Value;
            }

            var value = build(current);
            Volatile.Write(ref _built, new Built(current, value));
            return value;
        }
    }

    private sealed record Built(PlanRuntime Runtime, T Value);
}
