using System.Diagnostics;
using SupportBot.Cli;
using SupportBot.Engine.Knowledge;

namespace SupportBot.Answering;

/// <summary>
/// Loads and indexes the knowledge after the server has started. Unusable knowledge stops the host with a
/// non-zero exit code: a bot that cannot answer must not look healthy to an orchestrator.
/// </summary>
internal sealed class AnswerEngineLoader(
    AnswerEngineProvider provider,
    IConfiguration configuration,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<AnswerEngineLoader> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // After the server has started: the host answers /healthz (and /readyz with 503) while the index builds,
        // and a failure here can stop a started host cleanly.
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            try
            {
                await started.Task.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        var watch = Stopwatch.StartNew();
        try
        {
            var engine = EngineFactory.Create(configuration, time);
            provider.SetEngine(engine);
            Log.KnowledgeLoaded(logger, engine.Knowledge.Faqs.Count, engine.Knowledge.PassagesById.Count, watch.Elapsed.TotalMilliseconds);
        }
        catch (Exception ex) when (ex is KnowledgeLoadException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            Log.KnowledgeUnusable(logger, ex);
            provider.SetFailed(ex);
            Environment.ExitCode = ExitCodes.Failed;
            lifetime.StopApplication();
        }
    }
}
