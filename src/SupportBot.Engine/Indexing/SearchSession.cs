using System.Globalization;
using Microsoft.Data.Sqlite;

namespace SupportBot.Engine.Indexing;

/// <summary>A ranked row from the index.</summary>
/// <param name="Row">Position in <see cref="SearchIndex.Documents"/>.</param>
/// <param name="Bm25">FTS5 bm25 with the column weights, made positive: higher is better.</param>
/// <param name="Snippet">Best fragment of the text column, matched words between marks.</param>
/// <param name="HighlightedText">The whole text column with matched words between marks.</param>
public sealed record IndexHit(int Row, double Bm25, string Snippet, string HighlightedText);

/// <summary>
/// One connection with its prepared statements. Not thread-safe: rent it from
/// <see cref="SearchIndex.Query{T}"/> for the length of one question.
/// </summary>
public sealed class SearchSession : IDisposable
{
    /// <summary>Phrasing rows read per entry wanted: enough that a handful of entries cannot crowd out the rest.</summary>
    private const int PhrasingsPerEntry = 4;

    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _rank;
    private readonly SqliteParameter _rankQuery;
    private readonly SqliteParameter _rankLimit;
    private readonly SqliteCommand _phrasings;
    private readonly SqliteParameter _phrasingsQuery;
    private readonly SqliteParameter _phrasingsLimit;
    private readonly SqliteCommand _match;
    private readonly SqliteParameter _matchQuery;

    internal SearchSession(SearchIndex index)
    {
        Index = index;
        _connection = index.OpenSessionConnection();
        var marks = $"'{SearchIndex.MarkStart}', '{SearchIndex.MarkEnd}'";
        _rank = _connection.CreateCommand();
        var snippetWords = index.Options.SnippetWords.ToString(CultureInfo.InvariantCulture);
        _rank.CommandText =
            $"SELECT rowid, {index.Bm25Expression} AS score, " +
            $"snippet(docs, {SearchIndex.TextColumn}, {marks}, '…', {snippetWords}), " +
            $"highlight(docs, {SearchIndex.TextColumn}, {marks}) " +
            "FROM docs WHERE docs MATCH $q ORDER BY score LIMIT $limit;";
        _rankQuery = _rank.Parameters.Add("$q", SqliteType.Text);
        _rankLimit = _rank.Parameters.Add("$limit", SqliteType.Integer);
        _rank.Prepare();

        _phrasings = _connection.CreateCommand();
        _phrasings.CommandText = 
            "SELECT doc, bm25(phrasings) AS score FROM phrasings WHERE phrasings MATCH $q ORDER BY score LIMIT $limit;";
        _phrasingsQuery = _phrasings.Parameters.Add("$q", SqliteType.Text);
        _phrasingsLimit = _phrasings.Parameters.Add("$limit", SqliteType.Integer);
        _phrasings.Prepare();

        _match = _connection.CreateCommand();
        _match.CommandText = "SELECT rowid FROM docs WHERE docs MATCH $q;";
        _matchQuery = _match.Parameters.Add("$q", SqliteType.Text);
        _match.Prepare();
    }

    public SearchIndex Index { get; }

    /// <summary>The best <paramref name="limit"/> rows for an FTS5 query, best first.</summary>
    public List<IndexHit> Rank(string ftsQuery, int limit)
    {
        _rankQuery.Value = ftsQuery;
        _rankLimit.Value = limit;
        var hits = new List<IndexHit>(limit);
        using var reader = _rank.ExecuteReader();
        while (reader.Read())
        {
            hits.Add(new IndexHit((int)reader.GetInt64(0) - 1, -reader.GetDouble(1), reader.GetString(2), reader.GetString(3)));
        }

        return hits;
    }

    /// <summary>
    /// The FAQ rows whose best single phrasing matches an FTS5 query, with that phrasing's bm25 (made
    /// positive), best first.
    /// </summary>
    public List<(int Row, double Bm25)> RankPhrasings(string ftsQuery, int limit)
    {
        // bm25() cannot be aggregated in SQL, so the best phrasing per entry is kept here, in rank order.
        _phrasingsQuery.Value = ftsQuery;
        _phrasingsLimit.Value = limit * PhrasingsPerEntry;
        var rows = new List<(int, double)>(limit);
        var seen = new HashSet<int>();
        using var reader = _phrasings.ExecuteReader();
        while (reader.Read() && rows.Count < limit)
        {
            var row = (int)reader.GetInt64(0) - 1;
            if (seen.Add(row))
            {
                rows.Add((row, -reader.GetDouble(1)));
            }
        }

        return rows;
    }

    /// <summary>Which rows an FTS5 query matches at all, as a set of row positions.</summary>
    public RowSet Match(string ftsQuery)
    {
        _matchQuery.Value = ftsQuery;
        var rows = new RowSet(Index.Documents.Count);
        using var reader = _match.ExecuteReader();
        while (reader.Read())
        {
            rows.Add((int)reader.GetInt64(0) - 1);
        }

        return rows;
    }

    public void Dispose()
    {
        _rank.Dispose();
        _phrasings.Dispose();
        _match.Dispose();
        _connection.Dispose();
    }
}
