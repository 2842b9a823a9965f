using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace SupportBot.Storage;

/// <summary>
/// Feedback, the question log and (optionally) conversation state in one SQLite file, so they survive a
/// restart. One short-lived pooled connection per call; WAL so reads never wait for the writer.
/// </summary>
internal sealed class SqliteSupportStore : IFeedbackStore, IQuestionLog, IConversationStateStore, IDisposable
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS feedback (
            answer_id   TEXT PRIMARY KEY,
            document_id TEXT,
            question    TEXT NOT NULL,
            helpful     INTEGER NOT NULL,
            channel     TEXT NOT NULL,
            recorded_at TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS questions (
            id          INTEGER PRIMARY KEY AUTOINCREMENT,
            answer_id   TEXT NOT NULL,
            question    TEXT NOT NULL,
            kind        TEXT NOT NULL,
            confidence  REAL NOT NULL,
            document_id TEXT,
            channel     TEXT NOT NULL,
            asked_at    TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS conversation_state (
            key         TEXT PRIMARY KEY,
            state       TEXT NOT NULL,
            updated_at  TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS feedback_recorded_at ON feedback (recorded_at);
        CREATE INDEX IF NOT EXISTS questions_asked_at ON questions (asked_at);
        """;

    private static readonly JsonSerializerOptions StateJson = new(JsonSerializerDefaults.Web);

    // SQLite has one writer at a time, and Microsoft.Data.Sqlite answers a busy database by sleeping 150 ms
    // before retrying; taking turns in-process first keeps concurrent turns from ever hitting that.
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly string _connectionString;
    private readonly int _maxQuestionLength;
    private readonly string _pathKey;
    private int _initialized;

    public SqliteSupportStore(IOptions<StorageOptions> options)
    {
        var value = options.Value;
        Path = value.ResolveDatabasePath();
        _pathKey = value.ParsedProvider == StorageProvider.Sqlite && !string.IsNullOrWhiteSpace(value.ConnectionString)
            ? nameof(StorageOptions.ConnectionString)
            : nameof(StorageOptions.DatabasePath);
        _maxQuestionLength = value.MaxStoredQuestionLength;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 10,
        }.ToString();
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>Creates the folder, the file and the tables. Throws with the configuration key to fix when the path is unusable.</summary>
    public void Initialize()
    {
        if (Volatile.Read(ref _initialized) == 1)
        {
            return;
        }

        try
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
            using var connection = new SqliteConnection(_connectionString);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;" + Schema;
            command.ExecuteNonQuery();
            Volatile.Write(ref _initialized, 1);
        }
        catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException(
                $"{StorageOptions.SectionName}:{_pathKey} '{Path}' cannot be used: {ex.Message}", ex);
        }
    }

    public Task RecordAsync(FeedbackRecord feedback, CancellationToken cancellationToken) => ExecuteAsync(
        """
        INSERT INTO feedback (answer_id, document_id, question, helpful, channel, recorded_at)
        VALUES ($answer, $document, $question, $helpful, $channel, $at)
        ON CONFLICT(answer_id) DO UPDATE SET helpful = excluded.helpful, recorded_at = excluded.recorded_at, channel = excluded.channel
        """,
        p =>
        {
            p.AddWithValue("$answer", feedback.AnswerId);
            p.AddWithValue("$document", (object?)feedback.DocumentId ?? DBNull.Value);
            p.AddWithValue("$question", Cap(feedback.Question));
            p.AddWithValue("$helpful", feedback.Helpful ? 1 : 0);
            p.AddWithValue("$channel", feedback.Channel);
            p.AddWithValue("$at", Format(feedback.RecordedAt));
        },
        cancellationToken);

    async Task<IReadOnlyList<FeedbackRecord>> IFeedbackStore.RecentAsync(int count, CancellationToken cancellationToken) =>
        await QueryAsync(
            "SELECT answer_id, document_id, question, helpful, channel, recorded_at FROM feedback ORDER BY recorded_at DESC, rowid DESC LIMIT $count",
            count,
            r => new FeedbackRecord(r.GetString(0), NullableString(r, 1), r.GetString(2), r.GetInt64(3) != 0, r.GetString(4), Parse(r.GetString(5))),
            cancellationToken).ConfigureAwait(false);

    // Times are stored as UTC round-trip strings, which sort as the instants they name.
    Task<int> IFeedbackStore.DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) =>
        ExecuteAsync("DELETE FROM feedback WHERE recorded_at < $cutoff", p => p.AddWithValue("$cutoff", Format(cutoff)), cancellationToken);
    public async Task<FeedbackSummary> SummarizeAsync(CancellationToken cancellationToken) =>
        FeedbackSummary.From(await QueryAsync(
            "SELECT document_id, SUM(helpful), SUM(1 - helpful) FROM feedback GROUP BY document_id LIMIT $count",
            int.MaxValue,
            r => new DocumentFeedback(NullableString(r, 0), (int)r.GetInt64(1), (int)r.GetInt64(2)),
            cancellationToken).ConfigureAwait(false));

    public Task RecordAsync(QuestionRecord question, CancellationToken cancellationToken) => ExecuteAsync(
        """
        INSERT INTO questions (answer_id, question, kind, confidence, document_id, channel, asked_at)
        VALUES ($answer, $question, $kind, $confidence, $document, $channel, $at)
        """,
        p =>
        {
            p.AddWithValue("$answer", question.AnswerId);
            p.AddWithValue("$question", Cap(question.Question));
            p.AddWithValue("$kind", question.Kind);
            p.AddWithValue("$confidence", question.Confidence);
            p.AddWithValue("$document", (object?)question.DocumentId ?? DBNull.Value);
            p.AddWithValue("$channel", question.Channel);
            p.AddWithValue("$at", Format(question.AskedAt));
        },
        cancellationToken);

    async Task<IReadOnlyList<QuestionRecord>> IQuestionLog.RecentAsync(int count, CancellationToken cancellationToken) =>
        await QueryAsync(
            "SELECT answer_id, question, kind, confidence, document_id, channel, asked_at FROM questions ORDER BY id DESC LIMIT $count",
            count,
            r => new QuestionRecord(r.GetString(0), r.GetString(1), r.GetString(2), r.GetDouble(3), NullableString(r, 4), r.GetString(5), Parse(r.GetString(6))),
            cancellationToken).ConfigureAwait(false);

    Task<int> IQuestionLog.DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) =>
        ExecuteAsync("DELETE FROM questions WHERE asked_at < $cutoff", p => p.AddWithValue("$cutoff", Format(cutoff)), cancellationToken);

    public async Task<ConversationState?> GetAsync(string key, CancellationToken cancellationToken)
    {
        Initialize();
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT state FROM conversation_state WHERE key = $key";
        command.Parameters.AddWithValue("$key", key);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string json
            ? JsonSerializer.Deserialize<ConversationState>(json, StateJson)
            : null;
    }

    public Task SetAsync(string key, ConversationState state, CancellationToken cancellationToken) => ExecuteAsync(
        """
        INSERT INTO conversation_state (key, state, updated_at) VALUES ($key, $state, $at)
        ON CONFLICT(key) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at
        """,
        p =>
        {
            p.AddWithValue("$key", key);
            p.AddWithValue("$state", JsonSerializer.Serialize(state, StateJson));
            p.AddWithValue("$at", Format(state.UpdatedAt));
        },
        cancellationToken);

    public Task DeleteAsync(string key, CancellationToken cancellationToken) =>
        ExecuteAsync("DELETE FROM conversation_state WHERE key = $key", p => p.AddWithValue("$key", key), cancellationToken);

    // Pooled connections keep the file open; release it so a stopped host leaves nothing locked.
    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _writeGate.Dispose();
    }

    private async Task<int> ExecuteAsync(string sql, Action<SqliteParameterCollection> bind, CancellationToken cancellationToken)
    {
        Initialize();
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = connection.CreateCommand();

            // Per connection: in WAL mode NORMAL is durable across crashes of the process, and skips an fsync per turn.
            command.CommandText = "PRAGMA synchronous=NORMAL;";
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            command.CommandText = sql;
            bind(command.Parameters);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private async Task<List<T>> QueryAsync<T>(string sql, int count, Func<SqliteDataReader, T> read, CancellationToken cancellationToken)
    {
        Initialize();
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$count", Math.Max(0, count));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    private string Cap(string text) => text.Length > _maxQuestionLength ? text[.._maxQuestionLength] : text;

    private static string? NullableString(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static string Format(DateTimeOffset value) => value.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset Parse(string value) => DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
