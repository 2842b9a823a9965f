using SupportBot.Storage;

namespace SupportBot.Privacy;

/// <summary>The question log, with the question redacted (<see cref="PiiRedactor"/>) before any store sees it.</summary>
internal sealed class RedactingQuestionLog(IQuestionLog inner) : IQuestionLog
{
    /// <inheritdoc/>
    public Task RecordAsync(QuestionRecord question, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(question);
        return inner.RecordAsync(question with { Question = PiiRedactor.Redact(question.Question) }, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<QuestionRecord>> RecentAsync(int count, CancellationToken cancellationToken) => inner.RecentAsync(count, cancellationToken);

    /// <inheritdoc/>
    public Task<int> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) => inner.DeleteOlderThanAsync(cutoff, cancellationToken);
}

/// <summary>Feedback, with the question redacted before any store sees it.</summary>
internal sealed class RedactingFeedbackStore(IFeedbackStore inner) : IFeedbackStore
{
    /// <inheritdoc/>
    public Task RecordAsync(FeedbackRecord feedback, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(feedback);
        return inner.RecordAsync(feedback with { Question = PiiRedactor.Redact(feedback.Question) }, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<FeedbackRecord>> RecentAsync(int count, CancellationToken cancellationToken) => inner.RecentAsync(count, cancellationToken);

    /// <inheritdoc/>
    public Task<FeedbackSummary> SummarizeAsync(CancellationToken cancellationToken) => inner.SummarizeAsync(cancellationToken);

    /// <inheritdoc/>
    public Task<int> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) => inner.DeleteOlderThanAsync(cutoff, cancellationToken);
}

/// <summary>
/// Conversation state, with the remembered question redacted: with <c>Storage:Provider=sqlite</c>
/// (or a shared store) it is written to disk, and it only feeds the feedback record, which is redacted anyway.
/// </summary>
internal sealed class RedactingConversationStateStore(IConversationStateStore inner) : IConversationStateStore
{
    /// <inheritdoc/>
    public Task<ConversationState?> GetAsync(string key, CancellationToken cancellationToken) => inner.GetAsync(key, cancellationToken);

    /// <inheritdoc/>
    public Task SetAsync(string key, ConversationState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        var redacted = state.LastAnswer is { } last ? state with { LastAnswer = last with { Question = PiiRedactor.Redact(last.Question) } } : state;
        return inner.SetAsync(key, redacted, cancellationToken);
    }

    /// <inheritdoc/>
    public Task DeleteAsync(string key, CancellationToken cancellationToken) => inner.DeleteAsync(key, cancellationToken);
}
