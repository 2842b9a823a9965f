namespace SupportBot.Engine.Indexing;

/// <summary>Tuning for the FTS5 index. Bound from the <c>Search</c> configuration section.</summary>
public sealed class SearchIndexOptions
{
    public const string SectionName = "Search";

    /// <summary>Where to keep the index. Empty (default): in memory, rebuilt at start-up.</summary>
    public string? DatabasePath { get; set; }

    /// <summary>bm25 weight of the title column (FAQ question, article title and heading). Default 4.</summary>
    public double TitleWeight { get; set; } = 4.0;

    /// <summary>bm25 weight of the FAQ phrasings column. Default 3.</summary>
    public double QuestionsWeight { get; set; } = 3.0;

    /// <summary>bm25 weight of the answer/passage text column. Default 1.</summary>
    public double TextWeight { get; set; } = 1.0;

    /// <summary>bm25 weight of the tags column. Default 2.</summary>
    public double TagsWeight { get; set; } = 2.0;

    /// <summary>
    /// Whether the synonym groups' phrases of several words get a token of their own that ranking queries search instead
    /// (<c>Search:PhraseTokens</c>): the same rows and frequencies at a fraction of the cost, each row a few words
    /// longer for bm25. Default true; false indexes the documents' words alone, as before the tokens, to compare.
    /// </summary>
    public bool PhraseTokens { get; set; } = true;

    /// <summary>Candidates fetched from the index for re-ranking. Default 40.</summary>
    public int Candidates { get; set; } = 40;

    /// <summary>Words each side of a match in a snippet. Default 24.</summary>
    public int SnippetWords { get; set; } = 24;

    /// <summary>
    /// Term expressions whose matching rows are remembered, and as many single phrases' rows in the text column (what
    /// an answer's highlight needs). Default 20000. Zero: none.
    /// </summary>
    public int MatchCacheSize { get; set; } = 20_000;

    /// <summary>
    /// Ranking queries (with their limit) whose best rows are remembered. Default 4096: an entry holds its query
    /// text and up to <see cref="Candidates"/> hits, about 1.4 KB over every eval question, so about 6 MiB when
    /// full. Zero: none.
    /// </summary>
    public int RankCacheSize { get; set; } = 4096;

    /// <summary>
    /// Snippets and highlights remembered, per query and row. Default 2048: an entry holds its query text and a
    /// marked copy of one document's text, about 1.4 KB over every eval question, so about 3 MiB when full. The
    /// answers' highlights (without snippets) are remembered apart, up to as many again. Zero: none.
    /// </summary>
    public int MarksCacheSize { get; set; } = 2048;

    /// <summary>Search sessions (connections with prepared statements) kept for reuse. Default 2 per core.</summary>
    public int PooledSessions { get; set; } = Environment.ProcessorCount * 2;
}
