namespace SupportBot.Storage;

/// <summary>
/// What the bot remembers about one user in one conversation between turns: the last answer (so a
/// "Was this helpful?" click is tied to what was answered) and the candidates of a clarifying question
/// (so "the first one" or "2" can be resolved).
/// </summary>
public sealed record ConversationState
{
    public LastAnswer? LastAnswer { get; init; }

    /// <summary>The questions offered by the last clarifying question, in the order shown.</summary>
    public IReadOnlyList<OfferedQuestion> Candidates { get; init; } = [];

    public DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>The answer the bot gave last.</summary>
/// <param name="AnswerId">Id sent in the feedback buttons and written to the question log.</param>
/// <param name="Question">The question as asked.</param>
/// <param name="Kind">The engine's outcome kind.</param>
/// <param name="DocumentId">The FAQ entry or passage answered with, if any.</param>
public sealed record LastAnswer(string AnswerId, string Question, string Kind, string? DocumentId);

/// <summary>A question the bot offered as a button (FAQ id and wording).</summary>
public sealed record OfferedQuestion(string Id, string Question);

/// <summary>
/// Keeps <see cref="ConversationState"/> per conversation key. Implementations: in memory (the default), SQLite
/// and Redis (shared by replicas; while it is unreachable reads return null, a fresh conversation, and writes are
/// retried then given up, so a turn never fails on it). Keep this narrow so other stores can implement it.
/// </summary>
public interface IConversationStateStore
{
    Task<ConversationState?> GetAsync(string key, CancellationToken cancellationToken);

    Task SetAsync(string key, ConversationState state, CancellationToken cancellationToken);

    Task DeleteAsync(string key, CancellationToken cancellationToken);
}
