using System.Collections.Concurrent;
using SupportBot.BotFramework.Connector;
using SupportBot.BotFramework.Schema;

namespace SupportBot.BotFramework.Tests.TestSupport;

/// <summary>An in-memory Connector client that records what the bot sent.</summary>
internal sealed class RecordingConnectorClient(string serviceUrl = "https://connector.example.test/") : IConnectorClient
{
    public ConcurrentQueue<(string Operation, string ConversationId, string? ActivityId, Activity? Activity)> Calls { get; } = new();

    public string ServiceUrl => serviceUrl;

    public Task<ResourceResponse?> SendToConversationAsync(string conversationId, Activity activity, CancellationToken cancellationToken = default) =>
        Record("send", conversationId, null, activity);

    public Task<ResourceResponse?> ReplyToActivityAsync(string conversationId, string activityId, Activity activity, CancellationToken cancellationToken = default) =>
        Record("reply", conversationId, activityId, activity);

    public Task<ResourceResponse?> UpdateActivityAsync(string conversationId, string activityId, Activity activity, CancellationToken cancellationToken = default) =>
        Record("update", conversationId, activityId, activity);

    public Task DeleteActivityAsync(string conversationId, string activityId, CancellationToken cancellationToken = default) =>
        Record("delete", conversationId, activityId, null);

    private Task<ResourceResponse?> Record(string operation, string conversationId, string? activityId, Activity? activity)
    {
        Calls.Enqueue((operation, conversationId, activityId, activity));
        return Task.FromResult<ResourceResponse?>(new ResourceResponse($"r{Calls.Count}"));
    }
}
