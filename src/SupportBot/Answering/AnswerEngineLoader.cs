using Microsoft.Extensions.Options;
using SupportBot.Cli;
using SupportBot.Engine.Knowledge;

namespace SupportBot.Answering;

/// <summary>
/// Loads the knowledge once the server has started, then (with <c>Knowledge:Watch</c>) polls the folder and
/// reloads it when its content changes. Unusable knowledge at start-up stops the host with a non-zero exit
/// code: a bot that cannot answer must not look healthy to an orchestrator. Later, an unusable change is
/// refused and the version before keeps serving.
/// </summary>
internal sealed class AnswerEngineLoader(
    AnswerEngineProvider provider,
    KnowledgeReloader reloader,
    IOptions<KnowledgeReloadOptions> options,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<AnswerEngineLoader> logger) : BackgroundService
{
    private readonly KnowledgeReloadOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            if (!await WaitUntilStartedAsync(stoppingToken).ConfigureAwait(false) || !await LoadFirstAsync(stoppingToken).ConfigureAwait(false))
            {
                return;
            }

            if (_options.Watch)
            {
                await WatchAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    // After the server has started: the host answers /healthz (and /readyz with 503) while the index builds,
    // and a failure here can stop a started host cleanly.
    private async Task<bool> WaitUntilStartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            try
            {
                await started.Task.ConfigureAwait(false);
                return true;
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }
    }

    private async Task<bool> LoadFirstAsync(CancellationToken stoppingToken)
    {
        while (true)
        {
            var result = await reloader.ReloadAsync("start-up", stoppingToken).ConfigureAwait(false);
            switch (result.Outcome)
            {
                case KnowledgeReloadOutcome.Loaded:
                    return true;
                case KnowledgeReloadOutcome.Changing:
                    // Being written as we start (a volume still syncing): read it again once it settles.
                    await Task.Delay(_options.Debounce, time, stoppingToken).ConfigureAwait(false);
                    continue;
                default:
                    var error = new KnowledgeLoadException(
                        $"The knowledge at {reloader.KnowledgePath} has {result.Error?.Problems.Count ?? 0} problem(s), each logged (event 3004).");
                    Log.KnowledgeUnusable(logger, error);
                    provider.SetFailed(error);
                    Environment.ExitCode = ExitCodes.Failed;
                    lifetime.StopApplication();
                    return false;
            }
        }
    }

    private async Task WatchAsync(CancellationToken stoppingToken)
    {
        var root = reloader.KnowledgePath;
        Log.Watching(logger, root, _options.PollInterval, _options.Debounce);
        using var timer = new PeriodicTimer(_options.PollInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await CheckAsync(root, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A failed check must not end the watching, nor (as a BackgroundService failure) the host.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Log.WatchFailed(logger, ex);
            }
        }
    }

    private async Task CheckAsync(string root, CancellationToken stoppingToken)
    {
        var seen = TryFingerprint(root);
        if (seen is not null && seen == provider.CurrentVersion?.Id && reloader.LastError is not null)
        {
            // A refused change was undone: back to what serves. The reload finds it unchanged and clears the error.
            await reloader.ReloadAsync("watch", stoppingToken).ConfigureAwait(false);
            return;
        }

        // Nothing new: the version serving, or a change already refused (its problems are logged once, not every poll).
        if (seen is null || seen == provider.CurrentVersion?.Id || seen == reloader.LastError?.Version)
        {
            return;
        }

        // Debounce: act once the folder has stood still; if it is still moving, the next poll looks again.
        await Task.Delay(_options.Debounce, time, stoppingToken).ConfigureAwait(false);
        if (TryFingerprint(root) != seen)
        {
            return;
        }

        await reloader.ReloadAsync("watch", stoppingToken).ConfigureAwait(false);
    }

    private static string? TryFingerprint(string root)
    {
        try
        {
            return KnowledgeFingerprint.Compute(root);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A file replaced while it was read: the folder is changing; the next poll sees where it settles.
            return null;
        }
    }
}
