using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using SupportBot.BotFramework.DirectLine;
using SupportBot.BotFramework.Schema;

namespace SupportBot.Storage.Redis;

/// <summary>
/// Direct Line conversations in Redis, so any replica can serve any request of any conversation: per
/// conversation a hash (<c>seq</c>: the last sequence number, <c>first</c>: the sequence of the oldest kept
/// activity, <c>bytes</c>: the transcript's size) and a list (the transcript, oldest first, trimmed from the
/// front past <see cref="DirectLineOptions.MaxTranscriptBytes"/>). Every call is one Lua script, so sequence
/// numbers, trimming and expiry (<see cref="DirectLineOptions.ConversationIdleTimeout"/>, renewed on every use)
/// stay consistent however many replicas write. Each append is published on one channel; each replica holds
/// one subscription and wakes its own waiting streams (<see cref="ActivitySignals"/>).
/// </summary>
internal sealed class RedisDirectLineStore : IDirectLineStore
{
    private const string Store = "Direct Line";

    // KEYS: meta, transcript. ARGV: idle ms.
    private const string CreateScript = """
        if redis.call('EXISTS', KEYS[1]) == 1 then
          redis.call('PEXPIRE', KEYS[1], ARGV[1])
          redis.call('PEXPIRE', KEYS[2], ARGV[1])
          return 0
        end
        redis.call('HSET', KEYS[1], 'seq', 0, 'first', 1, 'bytes', 0)
        redis.call('PEXPIRE', KEYS[1], ARGV[1])
        return 1
        """;

    private const string TouchScript = """
        if redis.call('PEXPIRE', KEYS[1], ARGV[1]) == 0 then return 0 end
        redis.call('PEXPIRE', KEYS[2], ARGV[1])
        return 1
        """;

    // ARGV: idle ms, activity JSON whose id is the placeholder, the placeholder ("id":"<conversation>|#######"),
    // the id's prefix as escaped in JSON ("<conversation>|"), type, max transcript bytes, channel, conversation id.
    // An entry is "<json>\n<type>": serialized JSON never holds a raw newline.
    private const string AppendScript = """
        if redis.call('EXISTS', KEYS[1]) == 0 then return false end
        local seq = redis.call('HINCRBY', KEYS[1], 'seq', 1)
        local id = ARGV[4] .. string.format('%07d', seq)
        local from, to = string.find(ARGV[2], ARGV[3], 1, true)
        local json = string.sub(ARGV[2], 1, from - 1) .. '"id":"' .. id .. '"' .. string.sub(ARGV[2], to + 1)
        redis.call('RPUSH', KEYS[2], json .. '\n' .. ARGV[5])
        local bytes = redis.call('HINCRBY', KEYS[1], 'bytes', #json)
        local max = tonumber(ARGV[6])
        if bytes > max then
          local length = redis.call('LLEN', KEYS[2])
          local first = tonumber(redis.call('HGET', KEYS[1], 'first'))
          while bytes > max and length > 1 do
            local old = redis.call('LPOP', KEYS[2])
            bytes = bytes - (string.find(old, '\n', 1, true) - 1)
            length = length - 1
            first = first + 1
          end
          redis.call('HSET', KEYS[1], 'bytes', bytes, 'first', first)
        end
        redis.call('PEXPIRE', KEYS[1], ARGV[1])
        redis.call('PEXPIRE', KEYS[2], ARGV[1])
        redis.call('PUBLISH', ARGV[7], ARGV[8])
        return {seq, json}
        """;

    // ARGV: idle ms, after watermark, max. Returns {latest, sequence of the first entry returned, entries}.
    private const string ReadScript = """
        if redis.call('PEXPIRE', KEYS[1], ARGV[1]) == 0 then return false end
        redis.call('PEXPIRE', KEYS[2], ARGV[1])
        local meta = redis.call('HMGET', KEYS[1], 'seq', 'first')
        local seq = tonumber(meta[1])
        local first = tonumber(meta[2])
        local from = math.max(tonumber(ARGV[2]) + 1, first)
        local max = tonumber(ARGV[3])
        if max <= 0 or from > seq then return {seq, 0, {}} end
        local start = from - first
        return {seq, from, redis.call('LRANGE', KEYS[2], start, start + max - 1)}
        """;

    // ARGV: channel, conversation id.
    private const string RemoveScript = """
        local removed = redis.call('DEL', KEYS[1], KEYS[2])
        redis.call('PUBLISH', ARGV[1], ARGV[2])
        return removed
        """;

    private readonly RedisConnection _redis;
    private readonly StorageFailures _failures;
    private readonly ILogger<RedisDirectLineStore> _logger;
    private readonly DirectLineOptions _options;
    private readonly ActivitySignals _signals = new();
    private readonly string _channel;
    private Task? _subscribed;

    public RedisDirectLineStore(RedisConnection redis, StorageFailures failures, IOptions<DirectLineOptions> options, ILogger<RedisDirectLineStore> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _redis = redis;
        _failures = failures;
        _logger = logger;
        _options = options.Value;
        _channel = redis.Prefix + "dl:appended";

        // Notifications sent while the subscription was down are lost: wake everyone to read again.
        redis.Restored += (_, _) => _signals.WakeAll();
    }

    /// <summary>Conversations this replica's streams wait on now.</summary>
    public int Waiting => _signals.Count;

    private long IdleMilliseconds => (long)_options.ConversationIdleTimeout.TotalMilliseconds;

    /// <inheritdoc/>
    public async Task<bool> CreateAsync(string conversationId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversationId);
        return (int)await RunAsync(CreateScript, conversationId, [IdleMilliseconds]).ConfigureAwait(false) == 1;
    }

    /// <inheritdoc/>
    public async Task<bool> TouchAsync(string conversationId, CancellationToken cancellationToken) =>
        (int)await RunAsync(TouchScript, conversationId, [IdleMilliseconds]).ConfigureAwait(false) == 1;

    /// <inheritdoc/>
    public async Task<StoredActivity?> AppendAsync(string conversationId, Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var idPrefix = conversationId + "|";
        var placeholderId = idPrefix + "#######";
        var escapedIdPrefix = JsonSerializer.Serialize(idPrefix, BotJson.Options)[1..^1];

        // The id is known only inside the script, which swaps it for the placeholder: "type" is the only property
        // written before "id" and, being a JSON string, cannot hold the placeholder's unescaped quotes.
        activity.Id = placeholderId;
        var json = JsonSerializer.Serialize(activity, BotJson.Options);
        RedisValue[] args =
        [
            IdleMilliseconds, json, $"\"id\":{JsonSerializer.Serialize(placeholderId, BotJson.Options)}", escapedIdPrefix,
            activity.Type ?? "", _options.MaxTranscriptBytes, _channel, conversationId,
        ];
        var result = await RunAsync(AppendScript, conversationId, args).ConfigureAwait(false);
        if (result.IsNull)
        {
            activity.Id = null;
            return null;
        }

        var parts = (RedisResult[])result!;
        var sequence = (long)parts[0];
        activity.Id = string.Create(CultureInfo.InvariantCulture, $"{idPrefix}{sequence:D7}");
        return new StoredActivity(sequence, activity.Id, activity.Type ?? "", (string)parts[1]!);
    }

    /// <inheritdoc/>
    public async Task<TranscriptPage?> ReadAsync(string conversationId, long afterWatermark, int max, CancellationToken cancellationToken)
    {
        var result = await RunAsync(ReadScript, conversationId, [IdleMilliseconds, afterWatermark, max]).ConfigureAwait(false);
        if (result.IsNull)
        {
            return null;
        }

        var parts = (RedisResult[])result!;
        var latest = (long)parts[0];
        var sequence = (long)parts[1];
        var activities = new List<StoredActivity>();
        foreach (var entry in (RedisResult[])parts[2]!)
        {
            var text = (string)entry!;
            var newline = text.IndexOf('\n', StringComparison.Ordinal);
            var id = string.Create(CultureInfo.InvariantCulture, $"{conversationId}|{sequence:D7}");
            activities.Add(new StoredActivity(sequence++, id, text[(newline + 1)..], text[..newline]));
        }

        return new TranscriptPage(activities, latest);
    }

    /// <inheritdoc/>
    public async Task<bool> WaitForActivityAsync(string conversationId, long afterWatermark, CancellationToken cancellationToken)
    {
        // Registered before looking, so an append between the look and the wait still wakes this waiter.
        using var lease = _signals.Register(conversationId);
        await CallAsync(() => EnsureSubscribedAsync()).ConfigureAwait(false);
        var latest = await CallAsync(() => _redis.Database.HashGetAsync(Meta(conversationId), "seq")).ConfigureAwait(false);
        if (latest.IsNull)
        {
            return false;
        }

        if ((long)latest > afterWatermark)
        {
            return true;
        }

        await lease.Woken.WaitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <inheritdoc/>
    public async Task<bool> RemoveAsync(string conversationId, CancellationToken cancellationToken) =>
        (int)await RunAsync(RemoveScript, conversationId, [_channel, conversationId]).ConfigureAwait(false) > 0;

    /// <summary>Redis expires idle conversations itself (every use renews their time to live).</summary>
    public Task<int> RemoveIdleAsync(CancellationToken cancellationToken) => Task.FromResult(0);

    /// <summary>Subscribes once per process; safe to call again (StackExchange.Redis re-subscribes after outages).</summary>
    public Task EnsureSubscribedAsync()
    {
        var subscribed = Volatile.Read(ref _subscribed);
        if (subscribed is { IsFaulted: false })
        {
            return subscribed;
        }

        var attempt = _redis.Subscriber.SubscribeAsync(new RedisChannel(_channel, RedisChannel.PatternMode.Literal), OnNotified);
        Interlocked.CompareExchange(ref _subscribed, attempt, subscribed);
        return Volatile.Read(ref _subscribed)!;
    }

    private void OnNotified(RedisChannel channel, RedisValue conversationId)
    {
        try
        {
            _signals.Wake((string)conversationId!);
        }
        catch (Exception ex)
        {
            // A handler that throws would be swallowed by the library; say so instead.
            Log.NotificationFailed(_logger, ex);
        }
    }

    private Task<RedisResult> RunAsync(string script, string conversationId, RedisValue[] args) =>
        CallAsync(() => _redis.Database.ScriptEvaluateAsync(script, [Meta(conversationId), Transcript(conversationId)], args));

    private async Task<T> CallAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Exception ex) when (RedisCalls.IsUnavailable(ex))
        {
            _failures.ReadFailed(Store);
            Log.DirectLineFailed(_logger, ex.GetType().Name);
            throw new DirectLineStoreUnavailableException("Redis cannot be reached.", ex);
        }
    }

    private async Task CallAsync(Func<Task> call) => await CallAsync(async () =>
    {
        await call().ConfigureAwait(false);
        return true;
    }).ConfigureAwait(false);

    // One hash tag per conversation: both keys live on the same Redis Cluster slot, as its scripts need.
    private RedisKey Meta(string conversationId) => _redis.Key($"dl:{{{conversationId}}}:meta");

    private RedisKey Transcript(string conversationId) => _redis.Key($"dl:{{{conversationId}}}:transcript");
}
