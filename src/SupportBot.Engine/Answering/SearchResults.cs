namespace SupportBot.Engine.Answering;

/// <summary>Article a search hit comes from.</summary>
public sealed record DocumentSource(string Title, string? Url);

/// <summary>One ranked FAQ entry or passage.</summary>
/// <param name="Id">FAQ id or passage id.</param>
/// <param name="Kind">faq or passage.</param>
/// <param name="Title">FAQ question, or article title and heading.</param>
/// <param name="Snippet">Best fragment, matched words between the index's marks.</param>
/// <param name="Score">Re-ranking score (higher is better).</param>
/// <param name="Confidence">The confidence the bot would have answering with it, 0..1.</param>
/// <param name="Source">The article it rests on.</param>
/// <param name="Text">The full answer or passage text, for copying.</param>
/// <param name="Explanation">How each word of the query counted for this hit (see <see cref="ScoredCandidate.Explanation"/>).</param>
public sealed record SearchHit(string Id, string Kind, string Title, string Snippet, double Score, double Confidence, DocumentSource Source, string Text, string Explanation);

/// <summary>The agents' search results.</summary>
public sealed record SearchResults(string Query, IReadOnlyList<SearchHit> Hits, IReadOnlyList<string> Corrections);
