namespace SupportBot.Engine.Knowledge;

/// <summary>A small-talk intent: what customers type, and what the bot says back.</summary>
/// <param name="Name">greeting, thanks, help, goodbye, identity or complaint.</param>
/// <param name="Patterns">Whole messages (normalised) that are this intent.</param>
/// <param name="Replies">What the bot says back.</param>
public sealed record SmallTalkIntent(string Name, IReadOnlyList<string> Patterns, IReadOnlyList<string> Replies)
{
    /// <summary>
    /// Words and short phrases (normalised) that mark this intent inside a longer message that asks nothing the
    /// knowledge base knows about ("thank you so much, you've been very patient").
    /// </summary>
    public IReadOnlyList<string> Cues { get; init; } = [];
}

/// <summary>The fixed texts from <c>knowledge/responses.yaml</c>.</summary>
public sealed record ResponseTexts(
    IReadOnlyList<SmallTalkIntent> Intents,
    string Fallback,
    string Handoff,
    string Welcome,
    string Clarify,
    IReadOnlyList<string> Suggested)
{
    /// <summary>The intents every knowledge base must define.</summary>
    public static readonly string[] IntentNames = ["greeting", "thanks", "help", "goodbye", "identity", "complaint"];

    /// <summary>The intent of a customer fed up with the bot ("you're useless"): the reply says sorry and offers a person.</summary>
    public const string Complaint = "complaint";

    /// <summary>Where each <see cref="Suggested"/> id was written, for error messages.</summary>
    internal IReadOnlyList<SourceLocation> SuggestedLocations { get; init; } = [];

    /// <summary>
    /// The FAQ entry that answers a question naming only the subject ("what's going on with kaspersky in the
    /// us?"), or null: then such a question is ranked like any other.
    /// </summary>
    public string? Overview { get; init; }

    /// <summary>Where <see cref="Overview"/> was written, for error messages.</summary>
    internal SourceLocation? OverviewLocation { get; init; }

    /// <summary>The hand-off text with the support contact filled in.</summary>
    public string HandoffFor(string contact) => Handoff.Replace("{contact}", contact, StringComparison.Ordinal);
}
