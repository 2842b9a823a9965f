namespace SupportBot.Engine.Indexing;

/// <summary>The two kinds of indexed document.</summary>
public static class DocumentKinds
{
    public const string Faq = "faq";
    public const string Passage = "passage";
}

/// <summary>One row of the full-text index, exactly as indexed (and as <c>export</c> writes it).</summary>
/// <param name="Id">FAQ id, or passage id (<c>article#position</c>).</param>
/// <param name="Kind"><see cref="DocumentKinds"/>.</param>
/// <param name="Title">FAQ question, or article title and heading.</param>
/// <param name="Text">FAQ answer, or passage text.</param>
/// <param name="Questions">FAQ question and alternate phrasings; empty for passages.</param>
/// <param name="Tags">FAQ tags; empty for passages.</param>
public sealed record SearchDocument(
    string Id,
    string Kind,
    string Title,
    string Text,
    IReadOnlyList<string> Questions,
    IReadOnlyList<string> Tags);
