namespace SupportBot.Engine.Knowledge;

/// <summary>A source article after ingestion: metadata plus its passages, furniture removed.</summary>
public sealed record Article(
    string Id,
    string Title,
    string? Publisher,
    string? Date,
    string? Url,
    IReadOnlyList<Passage> Passages);

/// <summary>About one paragraph of an article, with its position and the heading it sits under.</summary>
public sealed record Passage(string Id, string ArticleId, int Position, string Heading, string Text);

/// <summary>
/// A hand-written FAQ entry. An <see cref="Abstain"/> entry is a known gap: a question customers ask that the
/// sources do not answer (refunds, which product to switch to). Its answer says so, and the bot hands off.
/// </summary>
public sealed record FaqEntry(
    string Id,
    string Question,
    IReadOnlyList<string> Alternates,
    string Answer,
    IReadOnlyList<SourceRef> Sources,
    IReadOnlyList<string> FollowUps,
    IReadOnlyList<string> Tags,
    SourceLocation Location,
    bool Abstain = false);

/// <summary>A verbatim quote from the passage an FAQ answer rests on.</summary>
public sealed record SourceRef(string ArticleId, string Quote, string PassageId);

/// <summary>Where something was written, for error messages.</summary>
public readonly record struct SourceLocation(string File, int Line)
{
    public override string ToString() => $"{File}:{Line}";
}

/// <summary>The whole, validated knowledge base. Immutable once loaded.</summary>
public sealed class KnowledgeBase
{
    public KnowledgeBase(
        IReadOnlyList<Article> articles,
        IReadOnlyList<FaqEntry> faqs,
        SynonymMap synonyms,
        ResponseTexts responses,
        IReadOnlySet<string>? commonWords = null,
        IReadOnlySet<string>? englishWords = null)
    {
        CommonWords = commonWords ?? new HashSet<string>(StringComparer.Ordinal);
        EnglishWords = englishWords ?? CommonWords;
        Articles = articles;
        Faqs = faqs;
        Synonyms = synonyms;
        Responses = responses;
        ArticlesById = articles.ToDictionary(a => a.Id, StringComparer.Ordinal);
        FaqsById = faqs.ToDictionary(f => f.Id, StringComparer.Ordinal);
        PassagesById = articles.SelectMany(a => a.Passages).ToDictionary(p => p.Id, StringComparer.Ordinal);
    }

    public IReadOnlyList<Article> Articles { get; }
    public IReadOnlyList<FaqEntry> Faqs { get; }
    public SynonymMap Synonyms { get; }
    public ResponseTexts Responses { get; }

    /// <summary>Everyday English words (common-words.txt): context, not topic, when the knowledge base lacks them.</summary>
    public IReadOnlySet<string> CommonWords { get; }

    /// <summary>
    /// English words (english-words.txt, a longer list than <see cref="CommonWords"/>): real words that spelling
    /// correction must leave alone. Without the file, the common words.
    /// </summary>
    public IReadOnlySet<string> EnglishWords { get; }

    public IReadOnlyDictionary<string, Article> ArticlesById { get; }
    public IReadOnlyDictionary<string, FaqEntry> FaqsById { get; }
    public IReadOnlyDictionary<string, Passage> PassagesById { get; }
}
