using SupportBot.BotFramework.Schema;

namespace SupportBot.BotFramework.Connector;

/// <summary>
/// The Bot Connector REST operations a bot uses, against one <c>serviceUrl</c>. Implemented over HTTP by
/// <see cref="ConnectorClient"/>; an in-process service (self-hosted Direct Line) can provide its own
/// through <see cref="IInProcessConnector"/>.
/// </summary>
public interface IConnectorClient
{
    /// <summary>The service URL this client talks to.</summary>
    string ServiceUrl { get; }

    /// <summary><c>POST v3/conversations/{conversationId}/activities</c>: a new, unthreaded activity.</summary>
    Task<ResourceResponse?> SendToConversationAsync(string conversationId, Activity activity, CancellationToken cancellationToken = default);

    /// <summary><c>POST v3/conversations/{conversationId}/activities/{activityId}</c>: a reply to <paramref name="activityId"/>.</summary>
    Task<ResourceResponse?> ReplyToActivityAsync(string conversationId, string activityId, Activity activity, CancellationToken cancellationToken = default);

    /// <summary><c>PUT v3/conversations/{conversationId}/activities/{activityId}</c>: replaces an activity.</summary>
    Task<ResourceResponse?> UpdateActivityAsync(string conversationId, string activityId, Activity activity, CancellationToken cancellationToken = default);

    /// <summary><c>DELETE v3/conversations/{conversationId}/activities/{activityId}</c>.</summary>
    Task DeleteActivityAsync(string conversationId, string activityId, CancellationToken cancellationToken = default);
}
