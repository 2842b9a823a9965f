using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace SupportBot.Storage;

/// <summary>Conversation state in this process: fast, lost on restart, bounded in size.</summary>
internal sealed class InMemoryConversationStateStore(IOptions<StorageOptions> options) : IConversationStateStore
{
    private readonly ConcurrentDictionary<string, ConversationState> _states = new(StringComparer.Ordinal);
    private readonly int _capacity = options.Value.MaxInMemoryConversations;

    public Task<ConversationState?> GetAsync(string key, CancellationToken cancellationToken) =>
        Task.FromResult(_states.TryGetValue(key, out var state) ? state : null);

    public Task SetAsync(string key, ConversationState state, CancellationToken cancellationToken)
    {
        _states[key] = state;
        if (_states.Count > _capacity)
        {
            Trim();
        }

        return Task.CompletedTask;
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        _states.TryRemove(key, out _);
        return Task.CompletedTask;
    }

    // Rare (only past the capacity): drop the oldest tenth in one pass rather than one entry per write.
    private void Trim()
    {
        var excess = _states.Count - _capacity + (_capacity / 10);
        foreach (var (key, _) in _states.OrderBy(p => p.Value.UpdatedAt).Take(excess).ToList())
        {
            _states.TryRemove(key, out _);
        }
    }
}
