using System.Text.Json;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace SupportBot.Storage.Redis;

/// <summary>
/// The question log as one Redis list, newest first, capped at <see cref="StorageOptions.MaxQuestionLogEntries"/>
/// (a push and a trim in one script, so the cap holds however many replicas write).
/// </summary>
internal sealed class RedisQuestionLog(RedisCalls redis, IOptions<StorageOptions> options) : IQuestionLog
{
    private const string Store = "question log";

    // KEYS[1] the list; ARGV[1] the entry, ARGV[2] the cap.
    private const string PushCapped = """
        redis.call('LPUSH', KEYS[1], ARGV[1])
        redis.call('LTRIM', KEYS[1], 0, tonumber(ARGV[2]) - 1)
        return 1
        """;

    // Pops the list's oldest entries while they are exactly ARGV (oldest first), so two replicas purging at once
    // never remove more than the entries one of them found too old. KEYS[1] the list.
    private const string PopOldest = """
        local n = 0
        for i = 1, #ARGV do
          if redis.call('LINDEX', KEYS[1], -1) ~= ARGV[i] then break end
          redis.call('RPOP', KEYS[1])
          n = n + 1
        end
        return n
        """;

    // Entries read (and at most removed) per round of a purge.
    private const int DeleteBatch = 200;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly StorageOptions _options = options.Value;

    public Task RecordAsync(QuestionRecord question, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(question);
        var capped = question.Question.Length > _options.MaxStoredQuestionLength ? question with { Question = question.Question[.._options.MaxStoredQuestionLength] } : question;
        var json = JsonSerializer.Serialize(capped, Json);
        return redis.WriteAsync(Store, db => db.ScriptEvaluateAsync(PushCapped, [Key], [json, _options.MaxQuestionLogEntries]), cancellationToken);
    }

    public async Task<IReadOnlyList<QuestionRecord>> RecentAsync(int count, CancellationToken cancellationToken)
    {
        if (count <= 0)
        {
            return [];
        }

        var values = await redis.ReadAsync(Store, db => db.ListRangeAsync(Key, 0, count - 1)).ConfigureAwait(false);
        return values.Select(v => JsonSerializer.Deserialize<QuestionRecord>((string)v!, Json)!).ToList();
    }

    public async Task<int> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var total = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();

            // The list is newest first, so the oldest entries are at its tail; collect those asked before the cutoff.
            var tail = await redis.ReadAsync(Store, db => db.ListRangeAsync(Key, -DeleteBatch, -1)).ConfigureAwait(false);
            var old = new List<RedisValue>();
            for (var i = tail.Length - 1; i >= 0 && JsonSerializer.Deserialize<QuestionRecord>((string)tail[i]!, Json)!.AskedAt < cutoff; i--)
            {
                old.Add(tail[i]);
            }

            if (old.Count == 0)
            {
                return total;
            }

            var removed = (int)await redis.ReadAsync(Store, db => db.ScriptEvaluateAsync(PopOldest, [Key], [.. old])).ConfigureAwait(false);
            total += removed;
            if (removed < old.Count)
            {
                return total;
            }
        }
    }

    private RedisKey Key => redis.Connection.Key("questions");
}
