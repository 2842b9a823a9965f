using Microsoft.Extensions.Options;
using SupportBot.Storage;

namespace SupportBot.Privacy;

/// <summary>
/// Deletes question-log entries and feedback older than <see cref="PrivacyOptions.Retention"/>: once at
/// start-up, then every <see cref="PrivacyOptions.PurgeInterval"/>. A failed purge (a store briefly
/// unreachable) is logged and tried again next time.
/// </summary>
internal sealed class RetentionService(
    IQuestionLog questions,
    IFeedbackStore feedback,
    IOptions<PrivacyOptions> options,
    TimeProvider time,
    ILogger<RetentionService> logger) : BackgroundService
{
    private readonly PrivacyOptions _options = options.Value;

    /// <summary>Deletes what is past the retention period now; returns the counts deleted.</summary>
    public async Task<(int Questions, int Feedback)> PurgeAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow() - _options.Retention;
        var deletedQuestions = await questions.DeleteOlderThanAsync(cutoff, cancellationToken).ConfigureAwait(false);
        var deletedFeedback = await feedback.DeleteOlderThanAsync(cutoff, cancellationToken).ConfigureAwait(false);
        if (deletedQuestions + deletedFeedback > 0)
        {
            Log.Purged(logger, deletedQuestions, deletedFeedback, cutoff);
        }

        return (deletedQuestions, deletedFeedback);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Off the start-up path: the host takes traffic while the first purge runs.
        await Task.Yield();
        using var timer = new PeriodicTimer(_options.PurgeInterval, time);
        try
        {
            do
            {
                try
                {
                    await PurgeAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    Log.PurgeFailed(logger, _options.PurgeInterval, ex);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
