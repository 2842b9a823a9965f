namespace SupportBot.Engine.Answering;

/// <summary>The outcome kinds, as they appear in JSON.</summary>
public static class AnswerKinds
{
    public const string Faq = "faq";
    public const string Passage = "passage";
    public const string SmallTalk = "smalltalk";
    public const string Clarify = "clarify";
    public const string Fallback = "fallback";
}

/// <summary>Where an answer comes from.</summary>
/// <param name="Title">Article title.</param>
/// <param name="Url">Article address, when known.</param>
/// <param name="Quote">The words of the article the answer rests on.</param>
/// <param name="PassageId">The passage quoted.</param>
public sealed record AnswerSource(string Title, string? Url, string Quote, string PassageId);

/// <summary>A question the customer can ask next, with the FAQ it leads to.</summary>
public sealed record Suggestion(string Id, string Question);

/// <summary>What the bot says to one question.</summary>
public sealed record Answer
{
    public required string Question { get; init; }

    /// <summary><see cref="AnswerKinds"/>.</summary>
    public required string Kind { get; init; }

    /// <summary>Plain text, no markup.</summary>
    public required string Text { get; init; }

    /// <summary>How sure the engine is that <see cref="Text"/> answers the question, 0..1.</summary>
    public required double Confidence { get; init; }

    public IReadOnlyList<AnswerSource> Sources { get; init; } = [];

    /// <summary>Questions to offer next: follow-ups after an answer, candidates or closest topics otherwise.</summary>
    public IReadOnlyList<Suggestion> FollowUps { get; init; } = [];

    /// <summary>The FAQ or passage answered with, when there is one.</summary>
    public string? DocumentId { get; init; }

    /// <summary>
    /// Further FAQ entries answered in the same reply, when the message asked several things ("why was it banned
    /// and when did it start"): <see cref="Text"/> is each entry's answer in turn, <see cref="DocumentId"/>'s first.
    /// </summary>
    public IReadOnlyList<string> AlsoAnswered { get; init; } = [];

    /// <summary>The answer text with matched words between <see cref="Indexing.SearchIndex.MarkStart"/>/<see cref="Indexing.SearchIndex.MarkEnd"/>.</summary>
    public string? HighlightedText { get; init; }

    /// <summary>Whether the bot offers a person (fallback).</summary>
    public bool OffersHandoff { get; init; }

    /// <summary>The small-talk intent, for <see cref="AnswerKinds.SmallTalk"/>.</summary>
    public string? Intent { get; init; }

    /// <summary>Words of the question that were corrected, as "typed→used".</summary>
    public IReadOnlyList<string> Corrections { get; init; } = [];
}
