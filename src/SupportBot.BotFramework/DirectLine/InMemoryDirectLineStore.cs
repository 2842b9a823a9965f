using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SupportBot.BotFramework.Schema;

namespace SupportBot.BotFramework.DirectLine;

/// <summary>
/// <see cref="IDirectLineStore"/> in this process's memory, bounded three ways: conversations idle past
/// <see cref="DirectLineOptions.ConversationIdleTimeout"/> are forgotten, at most
/// <see cref="DirectLineOptions.MaxConversations"/> are kept (the least recently used goes first), and each
/// transcript keeps its newest <see cref="DirectLineOptions.MaxTranscriptBytes"/>.
/// </summary>
internal sealed class InMemoryDirectLineStore : IDirectLineStore
{
    private readonly ConcurrentDictionary<string, Conversation> _conversations = new(StringComparer.Ordinal);
    private readonly Lock _createGate = new();
    private readonly DirectLineOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<InMemoryDirectLineStore> _logger;

    public InMemoryDirectLineStore(IOptions<DirectLineOptions> options, TimeProvider time, ILogger<InMemoryDirectLineStore> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    /// <summary>Conversations held now (expired ones count until they are swept or touched).</summary>
    public int Count => _conversations.Count;

    /// <inheritdoc/>
    public Task<bool> CreateAsync(string conversationId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversationId);
        lock (_createGate)
        {
            if (Find(conversationId) is not null)
            {
                return Task.FromResult(false);
            }

            if (_conversations.Count >= _options.MaxConversations)
            {
                RemoveIdle();
            }

            while (_conversations.Count >= _options.MaxConversations && EvictLeastRecentlyUsed())
            {
            }

            _conversations[conversationId] = new Conversation(Now());
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc/>
    public Task<bool> TouchAsync(string conversationId, CancellationToken cancellationToken) =>
        Task.FromResult(Find(conversationId) is not null);

    /// <inheritdoc/>
    public Task<StoredActivity?> AppendAsync(string conversationId, Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (Find(conversationId) is not { } conversation)
        {
            return Task.FromResult<StoredActivity?>(null);
        }

        TaskCompletionSource changed;
        StoredActivity stored;
        lock (conversation.Gate)
        {
            if (conversation.Removed)
            {
                return Task.FromResult<StoredActivity?>(null);
            }

            var sequence = conversation.Next++;
            activity.Id = string.Create(CultureInfo.InvariantCulture, $"{conversationId}|{sequence:D7}");
            stored = new StoredActivity(sequence, activity.Id, activity.Type ?? "", JsonSerializer.Serialize(activity, BotJson.Options));
            conversation.Transcript.Add(stored);
            conversation.Bytes += Encoding.UTF8.GetByteCount(stored.Json);
            Trim(conversation);
            changed = conversation.Changed;
            conversation.Changed = NewSignal();
        }

        changed.TrySetResult();
        return Task.FromResult<StoredActivity?>(stored);
    }

    /// <inheritdoc/>
    public Task<TranscriptPage?> ReadAsync(string conversationId, long afterWatermark, int max, CancellationToken cancellationToken)
    {
        if (Find(conversationId) is not { } conversation)
        {
            return Task.FromResult<TranscriptPage?>(null);
        }

        lock (conversation.Gate)
        {
            var transcript = conversation.Transcript;
            var start = FirstAfter(transcript, afterWatermark);
            var count = Math.Min(Math.Max(max, 0), transcript.Count - start);
            return Task.FromResult<TranscriptPage?>(new TranscriptPage(transcript.GetRange(start, count), conversation.Next - 1));
        }
    }

    /// <inheritdoc/>
    public async Task<bool> WaitForActivityAsync(string conversationId, long afterWatermark, CancellationToken cancellationToken)
    {
        if (!_conversations.TryGetValue(conversationId, out var conversation))
        {
            return false;
        }

        Task signal;
        lock (conversation.Gate)
        {
            if (conversation.Removed)
            {
                return false;
            }

            if (conversation.Next - 1 > afterWatermark)
            {
                return true;
            }

            signal = conversation.Changed.Task;
        }

        await signal.WaitAsync(cancellationToken).ConfigureAwait(false);
        lock (conversation.Gate)
        {
            return !conversation.Removed;
        }
    }

    /// <inheritdoc/>
    public Task<bool> RemoveAsync(string conversationId, CancellationToken cancellationToken) =>
        Task.FromResult(_conversations.TryGetValue(conversationId, out var conversation) && Remove(conversationId, conversation));

    /// <inheritdoc/>
    public Task<int> RemoveIdleAsync(CancellationToken cancellationToken) => Task.FromResult(RemoveIdle());

    private int RemoveIdle()
    {
        var removed = 0;
        foreach (var (id, conversation) in _conversations)
        {
            if (IsIdle(conversation) && Remove(id, conversation))
            {
                removed++;
            }
        }

        if (removed > 0)
        {
            Log.IdleConversationsRemoved(_logger, removed);
        }

        return removed;
    }

    private bool EvictLeastRecentlyUsed()
    {
        var oldest = _conversations.ToArray().OrderBy(p => Volatile.Read(ref p.Value.LastUsedTicks)).FirstOrDefault();
        if (oldest.Value is null)
        {
            return false;
        }

        Remove(oldest.Key, oldest.Value);
        Log.ConversationEvicted(_logger, _options.MaxConversations);
        return true;
    }

    // The conversation if it exists and is not idle, marked as used now.
    private Conversation? Find(string conversationId)
    {
        if (!_conversations.TryGetValue(conversationId, out var conversation))
        {
            return null;
        }

        if (IsIdle(conversation))
        {
            Remove(conversationId, conversation);
            return null;
        }

        Volatile.Write(ref conversation.LastUsedTicks, Now());
        return conversation;
    }

    private bool Remove(string id, Conversation conversation)
    {
        if (!_conversations.TryRemove(new KeyValuePair<string, Conversation>(id, conversation)))
        {
            return false;
        }

        TaskCompletionSource changed;
        lock (conversation.Gate)
        {
            conversation.Removed = true;
            changed = conversation.Changed;
        }

        // Wakes open streams, which then find the conversation gone and close.
        changed.TrySetResult();
        return true;
    }

    private bool IsIdle(Conversation conversation) =>
        Now() - Volatile.Read(ref conversation.LastUsedTicks) > _options.ConversationIdleTimeout.Ticks;

    private long Now() => _time.GetUtcNow().UtcTicks;

    // Oldest first, but the newest activity always stays, whatever its size.
    private void Trim(Conversation conversation)
    {
        var drop = 0;
        while (conversation.Bytes > _options.MaxTranscriptBytes && drop < conversation.Transcript.Count - 1)
        {
            conversation.Bytes -= Encoding.UTF8.GetByteCount(conversation.Transcript[drop].Json);
            drop++;
        }

        conversation.Transcript.RemoveRange(0, drop);
    }

    private static int FirstAfter(List<StoredActivity> transcript, long watermark)
    {
        int low = 0, high = transcript.Count;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (transcript[middle].Sequence <= watermark)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private sealed class Conversation(long now)
    {
        public readonly Lock Gate = new();
        public readonly List<StoredActivity> Transcript = [];
        public long LastUsedTicks = now;
        public long Next = 1;
        public long Bytes;
        public bool Removed;
        public TaskCompletionSource Changed = NewSignal();
    }
}
