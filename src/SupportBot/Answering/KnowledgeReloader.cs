using Microsoft.Data.Sqlite;
using SupportBot.Cli;
using SupportBot.Engine.Analysis;
using SupportBot.Engine.Answering;
using SupportBot.Engine.Indexing;
using SupportBot.Engine.Knowledge;

namespace SupportBot.Answering;

/// <summary>
/// Builds an engine from the knowledge folder off the request path and swaps it in, or refuses the change and
/// keeps the version serving. One build at a time, whoever asks (start-up, the watcher, the admin endpoint).
/// </summary>
internal sealed class KnowledgeReloader(
    AnswerEngineProvider provider,
    IConfiguration configuration,
    TimeProvider time,
    ILogger<KnowledgeReloader> logger) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private KnowledgeReloadError? _lastError;
    private int _loads;

    /// <summary>The knowledge folder, from <c>Knowledge:Path</c> as the CLI resolves it.</summary>
    public string KnowledgePath => EngineFactory.Bind<KnowledgeOptions>(configuration, KnowledgeOptions.SectionName).ResolvePath();

    /// <summary>The last refused change, or null when the folder's content is what serves.</summary>
    public KnowledgeReloadError? LastError => Volatile.Read(ref _lastError);

    /// <summary>Loads the folder if its content differs from the version serving.</summary>
    /// <param name="trigger">Who asked, for the log: <c>start-up</c>, <c>watch</c>, <c>admin</c>.</param>
    /// <param name="cancellationToken">Stops waiting for a build already running.</param>
    public async Task<KnowledgeReloadResult> ReloadAsync(string trigger, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Loading and indexing is CPU work of a few hundred ms: never on the caller's thread.
            return await Task.Run(() => Reload(trigger), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private KnowledgeReloadResult Reload(string trigger)
    {
        var root = KnowledgePath;
        var previous = provider.CurrentVersion;
        var started = time.GetTimestamp();
        string before;
        try
        {
            before = KnowledgeFingerprint.Compute(root);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Log.KnowledgeChanging(logger, root);
            return new KnowledgeReloadResult(KnowledgeReloadOutcome.Changing, previous);
        }

        if (previous?.Id == before)
        {
            Volatile.Write(ref _lastError, null);
            return new KnowledgeReloadResult(KnowledgeReloadOutcome.Unchanged, previous);
        }

        var (knowledge, problems) = KnowledgeLoader.TryLoad(root, time);
        if (knowledge is null)
        {
            return Refuse(trigger, before, previous, problems.Select(p => p.ToString()).ToList());
        }

        // A half-copied folder can validate; only content that stood still across the whole load is taken in,
        // so the version id always names exactly what is serving.
        if (!StillAt(root, before))
        {
            Log.KnowledgeChanging(logger, root);
            return new KnowledgeReloadResult(KnowledgeReloadOutcome.Changing, previous);
        }

        var sequence = Interlocked.Increment(ref _loads);
        var index = EngineFactory.Bind<SearchIndexOptions>(configuration, SearchIndexOptions.SectionName);
        index.DatabasePath = IndexFileFor(index.DatabasePath, before, sequence);
        AnswerEngine engine;
        try
        {
            engine = new AnswerEngine(
                knowledge,
                EngineFactory.Bind<AnswerEngineOptions>(configuration, AnswerEngineOptions.SectionName),
                index,
                EngineFactory.Bind<SpellingOptions>(configuration, "Spelling"));
        }
        catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            return Refuse(trigger, before, previous, [$"search index: could not be built: {ex.Message}"]);
        }

        var version = new KnowledgeVersion(before, time.GetUtcNow(), knowledge.Faqs.Count, knowledge.PassagesById.Count);
        provider.Swap(new LoadedKnowledge(engine, version, released => OnReleased(released, index.DatabasePath)));
        Volatile.Write(ref _lastError, null);
        var elapsed = time.GetElapsedTime(started).TotalMilliseconds;
        if (previous is null)
        {
            Log.KnowledgeLoaded(logger, version.Id, version.FaqCount, version.PassageCount, elapsed);
        }
        else
        {
            Log.KnowledgeReloaded(logger, trigger, version.Id, previous.Id, version.FaqCount, version.PassageCount, elapsed);
        }

        return new KnowledgeReloadResult(KnowledgeReloadOutcome.Loaded, version, previous);
    }

    private KnowledgeReloadResult Refuse(string trigger, string version, KnowledgeVersion? serving, List<string> problems)
    {
        foreach (var problem in problems)
        {
            Log.KnowledgeProblem(logger, problem);
        }

        Log.KnowledgeRefused(logger, trigger, version, problems.Count, serving?.Id ?? "none");
        var error = new KnowledgeReloadError(version, time.GetUtcNow(), problems);
        Volatile.Write(ref _lastError, error);
        return new KnowledgeReloadResult(KnowledgeReloadOutcome.Refused, serving, serving, error);
    }

    private static bool StillAt(string root, string fingerprint)
    {
        try
        {
            return KnowledgeFingerprint.Compute(root) == fingerprint;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>
    /// With <c>Search:DatabasePath</c>, each load gets its own file (<c>index.&lt;version&gt;.&lt;n&gt;.db</c>): the
    /// index's sessions open the file by name, so building the next version over the serving one's file would
    /// hand a request in flight the new rows with the old documents.
    /// </summary>
    internal static string? IndexFileFor(string? configured, string version, int sequence)
    {
        if (string.IsNullOrWhiteSpace(configured))
        {
            return null;
        }

        var full = Path.GetFullPath(configured);
        var name = $"{Path.GetFileNameWithoutExtension(full)}.{version}.{sequence}{Path.GetExtension(full)}";
        return Path.Combine(Path.GetDirectoryName(full)!, name);
    }

    private void OnReleased(LoadedKnowledge released, string? indexFile)
    {
        if (indexFile is not null)
        {
            try
            {
                File.Delete(indexFile);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Log.IndexFileNotDeleted(logger, indexFile, ex);
            }
        }

        Log.VersionReleased(logger, released.Version.Id);
    }
}
