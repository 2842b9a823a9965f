using System.Globalization;
using Microsoft.Data.Sqlite;

namespace SupportBot.Engine.Indexing;

/// <summary>A ranked row from the index.</summary>
/// <param name="Row">Position in <see cref="SearchIndex.Documents"/>.</param>
/// <param name="Bm25">FTS5 bm25 with the column weights, made positive: higher is better.</param>
public sealed record IndexHit(int Row, double Bm25);

/// <summary>Where a query matched one document.</summary>
/// <param name="Snippet">Best fragment of the text column, matched words between marks.</param>
/// <param name="HighlightedText">The whole text column with matched words between marks.</param>
public sealed record IndexMarks(string Snippet, string HighlightedText);

/// <summary>
/// One connection with its prepared statements. Not thread-safe: rent it from
/// <see cref="SearchIndex.Query{T}"/> for the length of one question.
/// </summary>
public sealed class SearchSession : IDisposable
{

    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _rank;
    private readonly SqliteParameter _rankQuery;
    private readonly SqliteParameter _rankLimit;
    private readonly SqliteCommand _marks;
    private readonly SqliteParameter _marksQuery;
    private readonly SqliteParameter _marksRow;
    private readonly SqliteCommand _highlight;
    private readonly SqliteParameter _highlightQuery;
    private readonly SqliteParameter _highlightRow;
    private readonly SqliteCommand _matchPhrasings;
    private readonly SqliteParameter _matchPhrasingsQuery;
    private readonly SqliteCommand _match;
    private readonly SqliteParameter _matchQuery;
    private readonly Func<(string Query, int Limit), IndexHit[]> _rankUncached;
    private readonly Func<(string Query, int Row), IndexMarks> _marksUncached;
    private readonly Func<(string Query, int Row), string> _highlightUncached;
    private readonly Func<string, RowSet> _textRowsUncached;
    private readonly Func<string, RowSet> _phraseRowsUncached;

    internal SearchSession(SearchIndex index)
    {
        Index = index;
        _connection = index.OpenSessionConnection();
        var marks = $"'{SearchIndex.MarkStart}', '{SearchIndex.MarkEnd}'";
        _rank = _connection.CreateCommand();
        var snippetWords = index.Options.SnippetWords.ToString(CultureInfo.InvariantCulture);
        _rank.CommandText = $"SELECT rowid, {index.Bm25Expression} AS score FROM docs WHERE docs MATCH $q ORDER BY score LIMIT $limit;";
        _rankQuery = _rank.Parameters.Add("$q", SqliteType.Text);
        _rankLimit = _rank.Parameters.Add("$limit", SqliteType.Integer);
        _rank.Prepare();
        _rankUncached = RankUncached;

        // Snippets and highlights cost more than ranking: they are made only for the documents shown.
        _marks = _connection.CreateCommand();
        _marks.CommandText =
            $"SELECT snippet(docs, {SearchIndex.TextColumn}, {marks}, '…', {snippetWords}), " +
            $"highlight(docs, {SearchIndex.TextColumn}, {marks}) FROM docs WHERE docs MATCH $q AND rowid = $row;";
        _marksQuery = _marks.Parameters.Add("$q", SqliteType.Text);
        _marksRow = _marks.Parameters.Add("$row", SqliteType.Integer);
        _marks.Prepare();
        _marksUncached = MarksUncached;

        _highlight = _connection.CreateCommand();
        _highlight.CommandText = $"SELECT highlight(docs, {SearchIndex.TextColumn}, {marks}) FROM docs WHERE docs MATCH $q AND rowid = $row;";
        _highlightQuery = _highlight.Parameters.Add("$q", SqliteType.Text);
        _highlightRow = _highlight.Parameters.Add("$row", SqliteType.Integer);
        _highlight.Prepare();
        _highlightUncached = HighlightUncached;
        _textRowsUncached = TextRowsUncached;
        _phraseRowsUncached = PhraseRowsUncached;

        _matchPhrasings = _connection.CreateCommand();
        _matchPhrasings.CommandText = "SELECT rowid FROM phrasings WHERE phrasings MATCH $q;";
        _matchPhrasingsQuery = _matchPhrasings.Parameters.Add("$q", SqliteType.Text);
        _matchPhrasings.Prepare();

        _match = _connection.CreateCommand();
        _match.CommandText = "SELECT rowid FROM docs WHERE docs MATCH $q;";
        _matchQuery = _match.Parameters.Add("$q", SqliteType.Text);
        _match.Prepare();
    }

    public SearchIndex Index { get; }

    /// <summary>
    /// The best <paramref name="limit"/> rows for an FTS5 query, best first, in a list the caller owns.
    /// Memoised per index: bm25 over a big synonym group is most of a question's time, the index never
    /// changes, and customers keep asking the same few things, so the same ranking query comes back again
    /// and again. The rows and scores are FTS5's own either way.
    /// </summary>
    public List<IndexHit> Rank(string ftsQuery, int limit) => [.. Index.RankCache.GetOrAdd((ftsQuery, limit), _rankUncached)];

    private IndexHit[] RankUncached((string Query, int Limit) key)
    {
        if (ForRanking(key.Query) is not { } query)
        {
            return [];
        }

        _rankQuery.Value = query;
        _rankLimit.Value = key.Limit;
        var hits = new List<IndexHit>(key.Limit);
        using var reader = _rank.ExecuteReader();
        while (reader.Read())
        {
            hits.Add(new IndexHit((int)reader.GetInt64(0) - 1, -reader.GetDouble(1)));
        }

        return [.. hits];
    }

    /// <summary>
    /// The query as FTS5 ranks it fastest to the same rows and scores, to the bit, or null when no document has any of
    /// its phrases; an expression of any other shape than phrases joined by OR is left as it is.
    /// </summary>
    /// <remarks>
    /// A phrase no document has matches no row and adds exactly 0 to every row's bm25, yet FTS5 looks it up, and
    /// counts its rows for its weight, on every query (a seventh of the phrases of the eval questions' ranking queries:
    /// synonyms the knowledge base never uses): it is left out. A phrase with a token of its own
    /// (<see cref="PhraseTokens"/>) is searched as the token: the same rows and frequencies, one term to look up.
    /// </remarks>
    private string? ForRanking(string ftsQuery)
    {
        if (FtsQueryPhrases.Of(ftsQuery) is not { } phrases)
        {
            return ftsQuery;
        }

        var all = phrases.Count;
        phrases.RemoveAll(phrase => PhraseRows(Index.PhraseRowsCache, ftsQuery, phrase, _phraseRowsUncached).Count == 0);
        var tokens = Index.PhraseTokenOf;
        return phrases.Count == 0 ? null
            : phrases.Count == all && !phrases.Exists(phrase => tokens.ContainsKey(ftsQuery.AsSpan(phrase))) ? ftsQuery
            : FtsQueryPhrases.AnyOf(ftsQuery, phrases, tokens);
    }

    /// <summary>
    /// The snippet and highlighted text of one row for a query (unmarked text if it did not match). Memoised
    /// like <see cref="Rank"/>: the answer shown for a ranking query is usually the same row again.
    /// </summary>
    public IndexMarks Marks(string ftsQuery, int row) => Index.MarksCache.GetOrAdd((ftsQuery, row), _marksUncached);

    private IndexMarks MarksUncached((string Query, int Row) key)
    {
        var (ftsQuery, row) = key;
        _marksQuery.Value = ftsQuery;
        _marksRow.Value = row + 1;
        using var reader = _marks.ExecuteReader();
        if (reader.Read())
        {
            return new IndexMarks(reader.GetString(0), reader.GetString(1));
        }

        var text = Index.Documents[row].Text;
        return new IndexMarks(text, text);
    }

    /// <summary>
    /// The text of one row with the query's matched words between marks, as <see cref="Marks"/> has it, without
    /// the snippet (an answer shows no snippet). Memoised per query and row like <see cref="Marks"/>.
    /// </summary>
    public string Highlight(string ftsQuery, int row) => Index.HighlightCache.GetOrAdd((ftsQuery, row), _highlightUncached);

    private string HighlightUncached((string Query, int Row) key)
    {
        var (ftsQuery, row) = key;
        if (FtsQueryPhrases.Of(ftsQuery) is not { } phrases)
        {
            return MarksUncached(key).HighlightedText;
        }

        // highlight() marks the stretches where the query's phrases occur in the text column, and a phrase the
        // row's text lacks marks nothing. Parsing and looking up the 30-odd phrases of a big synonym group in FTS5
        // was most of the cost; the few the text has give the same marks, to the character.
        var all = phrases.Count;
        phrases.RemoveAll(phrase => !PhraseRows(Index.TextRowsCache, ftsQuery, phrase, _textRowsUncached).Contains(row));
        if (phrases.Count == 0)
        {
            return Index.Documents[row].Text;
        }

        _highlightQuery.Value = phrases.Count == all ? ftsQuery : FtsQueryPhrases.AnyOf(ftsQuery, phrases);
        _highlightRow.Value = row + 1;
        using var reader = _highlight.ExecuteReader();
        return reader.Read() ? reader.GetString(0) : Index.Documents[row].Text;
    }

    /// <summary>
    /// Which rows an FTS5 query matches at all, as a set of row positions. Memoised per index: the index
    /// never changes, and questions keep asking about the same words.
    /// </summary>
    public RowSet Match(string ftsQuery) => Index.MatchCache.GetOrAdd(ftsQuery, MatchUncached);

    /// <summary>Which FAQ phrasings an FTS5 query matches, as positions in the phrasings table. Memoised.</summary>
    public RowSet MatchPhrasings(string ftsQuery) =>
        Index.PhrasingMatchCache.GetOrAdd(ftsQuery, query => ReadRows(_matchPhrasings, _matchPhrasingsQuery, query, Index.PhrasingCount));

    private RowSet MatchUncached(string ftsQuery) => ReadRows(_match, _matchQuery, ftsQuery, Index.Documents.Count);

    /// <summary>The rows of one phrase of a query from a memo, looked up by its place in the query while it is remembered.</summary>
    private static RowSet PhraseRows(BoundedCache<string, RowSet> memo, string ftsQuery, Range phrase, Func<string, RowSet> uncached) =>
        FtsQueryPhrases.IsPlain(ftsQuery, phrase) && memo.TryGetValue(ftsQuery.AsSpan(phrase), out var rows)
            ? rows
            : memo.GetOrAdd(FtsQueryPhrases.Text(ftsQuery, phrase), uncached);

    private RowSet PhraseRowsUncached(string phrase) => MatchUncached(FtsQuery.AnyOf([phrase]));

    private RowSet TextRowsUncached(string phrase) => MatchUncached(FtsQuery.InColumns(SearchIndex.TextColumnName, FtsQuery.AnyOf([phrase])));

    private static RowSet ReadRows(SqliteCommand command, SqliteParameter parameter, string ftsQuery, int size)
    {
        parameter.Value = ftsQuery;
        var rows = new RowSet(size);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            rows.Add((int)reader.GetInt64(0) - 1);
        }

        return rows;
    }

    public void Dispose()
    {
        _rank.Dispose();
        _marks.Dispose();
        _highlight.Dispose();
        _match.Dispose();
        _matchPhrasings.Dispose();
        _connection.Dispose();
    }
}
