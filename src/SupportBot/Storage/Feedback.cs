namespace SupportBot.Storage;

/// <summary>A customer's "Was this helpful?" answer.</summary>
/// <param name="AnswerId">The answer rated (one rating per answer; a later click replaces an earlier one).</param>
/// <param name="DocumentId">The FAQ entry or passage the answer came from, if any.</param>
/// <param name="Question">The question that was answered.</param>
/// <param name="Helpful">Yes or no.</param>
/// <param name="Channel">Where it was given (msteams, webchat, …).</param>
/// <param name="RecordedAt">When, from the host's TimeProvider.</param>
public sealed record FeedbackRecord(string AnswerId, string? DocumentId, string Question, bool Helpful, string Channel, DateTimeOffset RecordedAt);

/// <summary>
/// Where feedback is kept so it survives restarts (SQLite, or Redis shared by every replica). Keep it narrow:
/// other stores implement it too. Reads throw <see cref="StorageUnavailableException"/> when a shared store
/// cannot be reached.
/// </summary>
public interface IFeedbackStore
{
    Task RecordAsync(FeedbackRecord feedback, CancellationToken cancellationToken);

    /// <summary>The most recent feedback first.</summary>
    Task<IReadOnlyList<FeedbackRecord>> RecentAsync(int count, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes feedback recorded before <paramref name="cutoff"/> (the retention period, <c>Privacy:Retention</c>);
    /// returns how many records were deleted.
    /// </summary>
    Task<int> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken);
    /// <summary>Helpful and not-helpful counts over all feedback kept, overall and per FAQ entry or passage.</summary>
    Task<FeedbackSummary> SummarizeAsync(CancellationToken cancellationToken);
}

/// <summary>Feedback counted: overall and per document (the most rated first).</summary>
/// <param name="Helpful">"Yes" answers.</param>
/// <param name="NotHelpful">"No" answers.</param>
/// <param name="Documents">Per FAQ entry or passage; a null id counts answers that had none (fallbacks).</param>
public sealed record FeedbackSummary(int Helpful, int NotHelpful, IReadOnlyList<DocumentFeedback> Documents)
{
    /// <summary>Builds the summary from per-document counts, ordered by total count, then id.</summary>
    public static FeedbackSummary From(IEnumerable<DocumentFeedback> documents)
    {
        var list = documents.Where(d => d.Helpful + d.NotHelpful > 0)
            .OrderByDescending(d => d.Helpful + d.NotHelpful)
            .ThenBy(d => d.DocumentId, StringComparer.Ordinal)
            .ToList();
        return new FeedbackSummary(list.Sum(d => d.Helpful), list.Sum(d => d.NotHelpful), list);
    }
}

/// <summary>Feedback on answers from one FAQ entry or passage.</summary>
public sealed record DocumentFeedback(string? DocumentId, int Helpful, int NotHelpful);

/// <summary>One question and what the bot did with it.</summary>
/// <param name="AnswerId">Ties the entry to feedback on the same answer.</param>
/// <param name="Question">The question as asked (stored, never written to logs).</param>
/// <param name="Kind">faq, passage, smalltalk, clarify or fallback.</param>
/// <param name="Confidence">The engine's confidence, 0..1.</param>
/// <param name="DocumentId">The FAQ entry or passage answered with, if any.</param>
/// <param name="Channel">msteams, webchat, emulator, api, …</param>
/// <param name="AskedAt">When, from the host's TimeProvider.</param>
public sealed record QuestionRecord(string AnswerId, string Question, string Kind, double Confidence, string? DocumentId, string Channel, DateTimeOffset AskedAt);

/// <summary>
/// The log of questions with their outcome, for improving the knowledge. Keep it narrow. Reads throw
/// <see cref="StorageUnavailableException"/> when a shared store cannot be reached.
/// </summary>
public interface IQuestionLog
{
    Task RecordAsync(QuestionRecord question, CancellationToken cancellationToken);

    /// <summary>The most recent questions first.</summary>
    Task<IReadOnlyList<QuestionRecord>> RecentAsync(int count, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes entries asked before <paramref name="cutoff"/> (the retention period, <c>Privacy:Retention</c>);
    /// returns how many entries were deleted.
    /// </summary>
    Task<int> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken);
}
