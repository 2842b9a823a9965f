using SupportBot.Engine.Answering;

namespace SupportBot.Answering;

/// <inheritdoc cref="IAnswerEngineProvider"/>
/// <remarks>
/// Reference counting rather than a grace period: a grace period guesses how long the slowest request holds
/// the engine (a bot turn can wait a whole Connector retry budget), and guessing low disposes SQLite under a
/// live query while guessing high keeps every retired index alive for that long. Counting frees each version
/// exactly when its last request ends. Callers need not change: <see cref="EngineLeaseMiddleware"/> opens a
/// scope per HTTP request, and the first use of the engine inside it takes the reference the scope releases.
/// </remarks>
internal sealed class AnswerEngineProvider : IAnswerEngineProvider, IDisposable
{
    private static readonly AsyncLocal<RequestScope?> Scope = new();

    private readonly TaskCompletionSource _firstLoad = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private LoadedKnowledge? _current;

    public bool IsReady => Volatile.Read(ref _current) is not null;

    public AnswerEngine? Current => Resolve()?.Engine;

    /// <summary>The version serving new requests, or null before the first load.</summary>
    public KnowledgeVersion? CurrentVersion => Volatile.Read(ref _current)?.Version;

    public async Task<AnswerEngine> GetAsync(CancellationToken cancellationToken)
    {
        await _firstLoad.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        return Resolve()!.Engine;
    }

    /// <summary>Makes <paramref name="next"/> current; the previous version is released once its last request ends.</summary>
    public void Swap(LoadedKnowledge next)
    {
        ArgumentNullException.ThrowIfNull(next);
        var previous = Interlocked.Exchange(ref _current, next);
        _firstLoad.TrySetResult();
        previous?.Release();
    }

    /// <summary>The first load failed: whoever waits in <see cref="GetAsync"/> gets the error.</summary>
    public void SetFailed(Exception exception) => _firstLoad.TrySetException(exception);

    /// <summary>
    /// Starts a scope (one HTTP request) in which every use of the engine gets the same version, held until
    /// the returned object is disposed. The reference is only taken on first use, so requests that never ask
    /// (a Direct Line WebSocket held open for hours) never keep a retired index alive.
    /// </summary>
    public IDisposable BeginScope()
    {
        var scope = new RequestScope(this);
        Scope.Value = scope;
        return scope;
    }

    /// <summary>Takes a reference on the current version; the caller must <see cref="LoadedKnowledge.Release"/> it.</summary>
    public LoadedKnowledge? Acquire()
    {
        while (true)
        {
            var current = Volatile.Read(ref _current);
            if (current is null || current.TryAcquire())
            {
                return current;
            }

            // Swapped and released between the read and the acquire: read the new current.
        }
    }

    public void Dispose() => Interlocked.Exchange(ref _current, null)?.Release();

    // Outside any scope (nothing today: every engine use is inside a request) the current engine is handed
    // out without a reference, as before hot reload.
    private LoadedKnowledge? Resolve() => Scope.Value is { } scope ? scope.Get() : Volatile.Read(ref _current);

    private sealed class RequestScope(AnswerEngineProvider provider) : IDisposable
    {
        private readonly Lock _gate = new();
        private LoadedKnowledge? _held;
        private bool _ended;

        public LoadedKnowledge? Get()
        {
            lock (_gate)
            {
                if (_ended)
                {
                    // Work that outlived its request (none today) gets the current version, unheld.
                    return Volatile.Read(ref provider._current);
                }

                return _held ??= provider.Acquire();
            }
        }

        public void Dispose()
        {
            LoadedKnowledge? held;
            lock (_gate)
            {
                _ended = true;
                held = _held;
                _held = null;
            }

            held?.Release();
        }
    }
}
