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

    private RedisKey Key => redis.Connection.Key("questions");
}
