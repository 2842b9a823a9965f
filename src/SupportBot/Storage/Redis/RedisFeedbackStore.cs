using System.Text.Json;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace SupportBot.Storage.Redis;

/// <summary>
/// Feedback shared by every replica: a hash of records by answer id (a later click replaces an earlier one), a
/// sorted set ordering them by time, and a hash of counts per document and verdict kept by the same script
/// that writes a record, so the summary never needs to read every record. The keys share a hash tag, so the
/// script also runs on a Redis Cluster.
/// </summary>
internal sealed class RedisFeedbackStore(RedisCalls redis, IOptions<StorageOptions> options) : IFeedbackStore
{
    private const string Store = "feedback";

    // A count field is "y|documentId" or "n|documentId" (documentId empty when there was none).
    // Each record is stored as "<count field>\n<json>" so that replacing it can take back the old count.
    // KEYS: records, order, counts. ARGV: answer id, entry, time (ms), count field.
    private const string Record = """
        local old = redis.call('HGET', KEYS[1], ARGV[1])
        if old then
          local field = string.sub(old, 1, string.find(old, '\n', 1, true) - 1)
          if redis.call('HINCRBY', KEYS[3], field, -1) <= 0 then redis.call('HDEL', KEYS[3], field) end
        end
        redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
        redis.call('ZADD', KEYS[2], ARGV[3], ARGV[1])
        redis.call('HINCRBY', KEYS[3], ARGV[4], 1)
        return 1
        """;

    // Deletes up to ARGV[2] records older than ARGV[1] (ms), taking back their counts as a replaced record does.
    // KEYS: records, order, counts.
    private const string DeleteOlder = """
        local ids = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', '(' .. ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
        for _, id in ipairs(ids) do
          local old = redis.call('HGET', KEYS[1], id)
          if old then
            local field = string.sub(old, 1, string.find(old, '\n', 1, true) - 1)
            if redis.call('HINCRBY', KEYS[3], field, -1) <= 0 then redis.call('HDEL', KEYS[3], field) end
            redis.call('HDEL', KEYS[1], id)
          end
          redis.call('ZREM', KEYS[2], id)
        end
        return #ids
        """;

    // Records one script call deletes, so a purge of a long backlog never blocks Redis for long.
    private const int DeleteBatch = 500;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly int _maxQuestionLength = options.Value.MaxStoredQuestionLength;

    public Task RecordAsync(FeedbackRecord feedback, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(feedback);
        var capped = feedback.Question.Length > _maxQuestionLength ? feedback with { Question = feedback.Question[.._maxQuestionLength] } : feedback;
        var field = CountField(feedback.Helpful, feedback.DocumentId);
        var entry = field + "\n" + JsonSerializer.Serialize(capped, Json);
        RedisValue[] args = [feedback.AnswerId, entry, feedback.RecordedAt.ToUnixTimeMilliseconds(), field];
        return redis.WriteAsync(Store, db => db.ScriptEvaluateAsync(Record, [Records, ByTime, Counts], args), cancellationToken);
    }

    public async Task<IReadOnlyList<FeedbackRecord>> RecentAsync(int count, CancellationToken cancellationToken)
    {
        if (count <= 0)
        {
            return [];
        }

        var entries = await redis.ReadAsync(Store, async db =>
        {
            var ids = await db.SortedSetRangeByRankAsync(ByTime, 0, count - 1, Order.Descending).ConfigureAwait(false);
            return ids.Length == 0 ? [] : await db.HashGetAsync(Records, ids).ConfigureAwait(false);
        }).ConfigureAwait(false);
        return entries.Where(e => !e.IsNull).Select(e => Parse(e!)).ToList();
    }

    public async Task<FeedbackSummary> SummarizeAsync(CancellationToken cancellationToken)
    {
        var counts = await redis.ReadAsync(Store, db => db.HashGetAllAsync(Counts)).ConfigureAwait(false);
        var documents = new Dictionary<string, (int Yes, int No)>(StringComparer.Ordinal);
        foreach (var count in counts)
        {
            var field = (string)count.Name!;
            var document = field[2..];
            var (yes, no) = documents.GetValueOrDefault(document);
            var value = (int)count.Value;
            documents[document] = field[0] == 'y' ? (yes + value, no) : (yes, no + value);
        }

        return FeedbackSummary.From(documents.Select(d => new DocumentFeedback(d.Key.Length == 0 ? null : d.Key, d.Value.Yes, d.Value.No)));
    }

    public async Task<int> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        RedisValue[] args = [cutoff.ToUnixTimeMilliseconds(), DeleteBatch];
        var total = 0;
        int deleted;
        do
        {
            cancellationToken.ThrowIfCancellationRequested();
            deleted = (int)await redis.ReadAsync(Store, db => db.ScriptEvaluateAsync(DeleteOlder, [Records, ByTime, Counts], args)).ConfigureAwait(false);
            total += deleted;
        }
        while (deleted == DeleteBatch);

        return total;
    }

    private static string CountField(bool helpful, string? documentId) => (helpful ? "y|" : "n|") + documentId;

    private static FeedbackRecord Parse(string entry) =>
        JsonSerializer.Deserialize<FeedbackRecord>(entry.AsSpan(entry.IndexOf('\n', StringComparison.Ordinal) + 1), Json)!;

    private RedisKey Records => redis.Connection.Key("{feedback}:records");

    private RedisKey ByTime => redis.Connection.Key("{feedback}:order");

    private RedisKey Counts => redis.Connection.Key("{feedback}:counts");
}
