using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.ObjectPool;

namespace SupportBot.Engine.Indexing;

/// <summary>
/// The full-text index: an SQLite FTS5 table (porter stemming over unicode61 with diacritics removed) holding
/// every FAQ and passage. Built once and never changed; a knowledge update builds a new index.
/// Queries run on pooled <see cref="SearchSession"/>s, each with its own connection, so they never contend.
/// </summary>
public sealed class SearchIndex : IDisposable
{
    /// <summary>Marks the start of a matched word in highlights and snippets (a private-use character).</summary>
    public const char MarkStart = '\uE000';

    /// <summary>Marks the end of a matched word.</summary>
    public const char MarkEnd = '\uE001';

    /// <summary>Porter stemming over Unicode words with diacritics folded, for every table.</summary>
    internal const string Tokenizer = "porter unicode61 remove_diacritics 2";

    internal const int TitleColumn = 0;
    internal const int TextColumn = 2;

    /// <summary>The name of <see cref="TextColumn"/>, for column filters.</summary>
    internal const string TextColumnName = "text";

    /// <summary>The document's columns: what every query searches.</summary>
    internal static readonly string[] ColumnNames = ["title", "questions", "text", "tags"];

    /// <summary><see cref="ColumnNames"/> as a column filter.</summary>
    internal static readonly string ColumnList = string.Join(' ', ColumnNames);

    /// <summary>Beside each column, the tokens of the phrases it has (<see cref="PhraseTokens"/>): only ranking queries match them.</summary>
    internal static readonly string[] TokenColumnNames = [.. ColumnNames.Select(c => c + "_tokens")];

    private readonly SqliteConnection _source;
    private readonly ObjectPool<SearchSession> _sessions;

    private SearchIndex(IReadOnlyList<SearchDocument> documents, SqliteConnection source, SearchIndexOptions options, Dictionary<string, string> phraseTokens)
    {
        Documents = documents;
        PhraseTokenOf = phraseTokens.GetAlternateLookup<ReadOnlySpan<char>>();
        Options = options;
        _source = source;
        MatchCache = new BoundedCache<string, RowSet>(options.MatchCacheSize);
        PhrasingMatchCache = new BoundedCache<string, RowSet>(options.MatchCacheSize);
        RankCache = new BoundedCache<(string, int), IndexHit[]>(options.RankCacheSize);
        MarksCache = new BoundedCache<(string, int), IndexMarks>(options.MarksCacheSize);
        HighlightCache = new BoundedCache<(string, int), string>(options.MarksCacheSize);
        TextRowsCache = new BoundedCache<string, RowSet>(options.MatchCacheSize);
        PhraseRowsCache = new BoundedCache<string, RowSet>(options.MatchCacheSize);
        // Phrasing rows are numbered in document order (see Fill), so each document's are a contiguous range.
        var phrasings = new List<int[]>(documents.Count);
        var next = 0;
        foreach (var document in documents)
        {
            phrasings.Add(Enumerable.Range(next, document.Questions.Count).ToArray());
            next += document.Questions.Count;
        }

        PhrasingsOf = phrasings;
        PhrasingCount = next;
        _sessions = new DefaultObjectPool<SearchSession>(new SessionPolicy(this), Math.Max(1, options.PooledSessions));
    }

    /// <summary>The indexed documents; a row's rowid is its position here plus one.</summary>
    public IReadOnlyList<SearchDocument> Documents { get; }

    public SearchIndexOptions Options { get; }

    /// <summary>For each document, the positions of its phrasings in the phrasings table.</summary>
    public IReadOnlyList<int[]> PhrasingsOf { get; }

    /// <summary>How many phrasings are indexed.</summary>
    public int PhrasingCount { get; }

    /// <summary>How many phrases have a token of their own, which ranking queries search for them (<see cref="PhraseTokens"/>).</summary>
    public int PhraseTokenCount => PhraseTokenOf.Dictionary.Count;

    /// <summary>The token of each phrase that has one, looked up by the phrase's text as written in a query.</summary>
    internal Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> PhraseTokenOf { get; }

    /// <summary>Which phrasing rows each term expression matches; see <see cref="SearchSession.MatchPhrasings"/>.</summary>
    internal BoundedCache<string, RowSet> PhrasingMatchCache { get; }

    /// <summary>Which rows each term expression matches; see <see cref="SearchSession.Match"/>.</summary>
    internal BoundedCache<string, RowSet> MatchCache { get; }

    /// <summary>The best rows of each ranking query and limit; see <see cref="SearchSession.Rank"/>.</summary>
    internal BoundedCache<(string Query, int Limit), IndexHit[]> RankCache { get; }

    /// <summary>The snippet and highlight of each row for each query; see <see cref="SearchSession.Marks"/>.</summary>
    internal BoundedCache<(string Query, int Row), IndexMarks> MarksCache { get; }

    /// <summary>The highlighted text of each row for each query; see <see cref="SearchSession.Highlight"/>.</summary>
    internal BoundedCache<(string Query, int Row), string> HighlightCache { get; }

    /// <summary>Which rows have each single phrase in their text column, for <see cref="SearchSession.Highlight"/>.</summary>
    internal BoundedCache<string, RowSet> TextRowsCache { get; }

    /// <summary>Which rows have each single phrase anywhere, for <see cref="SearchSession.Rank"/>.</summary>
    internal BoundedCache<string, RowSet> PhraseRowsCache { get; }

    /// <summary>Builds the index from <paramref name="documents"/>, in memory or at the configured path.</summary>
    /// <param name="documents">What to index.</param>
    /// <param name="options">Where, and how to rank.</param>
    /// <param name="phrases">
    /// Phrases ranking queries search often (the synonym groups' members), each of several words to get a token of
    /// its own (<see cref="PhraseTokens"/>) unless <see cref="SearchIndexOptions.PhraseTokens"/> is off.
    /// </param>
    public static SearchIndex Build(IReadOnlyList<SearchDocument> documents, SearchIndexOptions options, IEnumerable<string>? phrases = null)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(options);
        phrases = options.PhraseTokens ? phrases ?? [] : [];
        var path = options.DatabasePath;
        SqliteConnection connection;
        Dictionary<string, string> tokens;
        if (string.IsNullOrWhiteSpace(path))
        {
            connection = new SqliteConnection("Data Source=:memory:");
            connection.Open();
            tokens = Fill(connection, documents, phrases);
        }
        else
        {
            // Built beside the target and moved into place, so a reader never sees a half-built file.
            var full = Path.GetFullPath(path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            var temp = full + ".building";
            File.Delete(temp);
            using (var build = new SqliteConnection($"Data Source={temp};Pooling=False"))
            {
                build.Open();
                tokens = Fill(build, documents, phrases);
            }

            File.Move(temp, full, overwrite: true);
            connection = new SqliteConnection($"Data Source={full};Mode=ReadOnly;Pooling=False");
            connection.Open();
        }

        return new SearchIndex(documents, connection, options, tokens);
    }

    /// <summary>Runs <paramref name="work"/> on a pooled session.</summary>
    public T Query<T>(Func<SearchSession, T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var session = _sessions.Get();
        try
        {
            return work(session);
        }
        finally
        {
            _sessions.Return(session);
        }
    }

    public void Dispose()
    {
        // Sessions still pooled are released with their connections when the pool is collected;
        // closing the source is what frees the in-memory database.
        if (_sessions is IDisposable disposable)
        {
            disposable.Dispose();
        }

        _source.Dispose();
    }

    private static Dictionary<string, string> Fill(SqliteConnection connection, IReadOnlyList<SearchDocument> documents, IEnumerable<string> phrases)
    {
        using var transaction = connection.BeginTransaction();
        CreateTable(connection, "docs", string.Join(", ", ColumnNames.Concat(TokenColumnNames)));
        // Each FAQ phrasing on its own row as well, analysed the same way: the re-ranking asks which words
        // of the question each single phrasing has, which one row per entry (all phrasings together) blurs.
        CreateTable(connection, "phrasings", "text, doc UNINDEXED");

        using var insertPhrasing = connection.CreateCommand();
        insertPhrasing.CommandText = "INSERT INTO phrasings(rowid, text, doc) VALUES ($rowid, $text, $doc);";
        var phrasingRow = insertPhrasing.Parameters.Add("$rowid", SqliteType.Integer);
        var phrasingText = insertPhrasing.Parameters.Add("$text", SqliteType.Text);
        var phrasingDoc = insertPhrasing.Parameters.Add("$doc", SqliteType.Integer);
        var row = 0;
        for (var i = 0; i < documents.Count; i++)
        {
            foreach (var phrasing in documents[i].Questions)
            {
                phrasingRow.Value = ++row;
                phrasingText.Value = phrasing;
                phrasingDoc.Value = i + 1;
                insertPhrasing.ExecuteNonQuery();
            }
        }

        // The token columns are written once FTS5 can say where each phrase occurs in the document's own.
        var columns = documents.Select(ColumnsOf).ToList();
        WriteDocs(connection, "INSERT INTO docs(rowid, {0}) VALUES ($rowid, {1});", ColumnNames, columns.Select((texts, i) => (i, texts)));
        var (tokens, tokenColumns) = PhraseTokens.Find(connection, columns, phrases);
        if (tokens.Count > 0)
        {
            WriteDocs(
                connection,
                "UPDATE docs SET ({0}) = ({1}) WHERE rowid = $rowid;",
                TokenColumnNames,
                tokenColumns.Select((texts, i) => (i, texts)).Where(row => row.texts.Any(t => t.Length > 0)));
            // An update is a delete and an insert: the rows' words were in a second segment, with the first's
            // entries marked deleted, and every query read both (a tenth slower). Merged, the index is one segment.
            Execute(connection, "INSERT INTO docs(docs) VALUES ('optimize');");
        }

        transaction.Commit();
        return tokens;
    }

    /// <summary>A document's column texts, in <see cref="ColumnNames"/>' order.</summary>
    private static string[] ColumnsOf(SearchDocument document) =>
        [document.Title, string.Join('\n', document.Questions), document.Text, string.Join(' ', document.Tags)];

    /// <summary>
    /// Runs a statement for each of some documents (by position; rowid is the position plus one) with the named
    /// columns' texts as parameters: in <paramref name="statement"/>, <c>{0}</c> is their names, <c>{1}</c> the parameters.
    /// </summary>
    private static void WriteDocs(SqliteConnection connection, string statement, string[] names, IEnumerable<(int Row, string[] Texts)> rows)
    {
        using var write = connection.CreateCommand();
        write.CommandText = string.Format(
            CultureInfo.InvariantCulture, statement, string.Join(", ", names), string.Join(", ", names.Select(c => "$" + c)));
        var rowid = write.Parameters.Add("$rowid", SqliteType.Integer);
        var values = names.Select(c => write.Parameters.Add("$" + c, SqliteType.Text)).ToArray();
        foreach (var (row, texts) in rows)
        {
            rowid.Value = row + 1;
            for (var c = 0; c < values.Length; c++)
            {
                values[c].Value = texts[c];
            }

            write.ExecuteNonQuery();
        }
    }

    private static void CreateTable(SqliteConnection connection, string name, string columns) =>
        Execute(connection, $"CREATE VIRTUAL TABLE {name} USING fts5({columns}, tokenize = '{Tokenizer}');");

    private static void Execute(SqliteConnection connection, string statement)
    {
        using var command = connection.CreateCommand();
        command.CommandText = statement;
        command.ExecuteNonQuery();
    }

    internal SqliteConnection OpenSessionConnection()
    {
        if (_source.DataSource is { Length: > 0 } file && file != ":memory:")
        {
            var readOnly = new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=False");
            readOnly.Open();
            return readOnly;
        }

        // Each session gets a private copy of the (small) in-memory database: no shared cache, no locks.
        var copy = new SqliteConnection("Data Source=:memory:");
        copy.Open();
        _source.BackupDatabase(copy);
        return copy;
    }

    /// <summary>bm25 with the columns' weights; a phrase's token weighs what the phrase weighs in the column beside it.</summary>
    internal string Bm25Expression
    {
        get
        {
            double[] weights = [Options.TitleWeight, Options.QuestionsWeight, Options.TextWeight, Options.TagsWeight];
            return $"bm25(docs, {string.Join(", ", weights.Concat(weights).Select(w => w.ToString(CultureInfo.InvariantCulture)))})";
        }
    }

    private sealed class SessionPolicy(SearchIndex index) : IPooledObjectPolicy<SearchSession>
    {
        public SearchSession Create() => new(index);

        public bool Return(SearchSession obj) => true;
    }
}
