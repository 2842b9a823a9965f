using System.Net;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using SupportBot.BotFramework.Connector;
using SupportBot.BotFramework.Schema;

namespace SupportBot.BotFramework.DirectLine;

/// <summary>
/// The bot's way back into the self-hosted Direct Line: activities the bot sends to
/// <see cref="ServiceUrl"/> are appended to the conversation's transcript (and so reach its streams and
/// polls) without an HTTP hop. The URL holds a random key under the reserved <c>.invalid</c> domain, so it
/// never resolves and an activity posted to <c>/api/messages</c> cannot name it to write into a Web Chat
/// conversation.
/// </summary>
internal sealed class DirectLineConnector : IInProcessConnector, IConnectorClient
{
    private readonly IDirectLineStore _store;
    private readonly TimeProvider _time;
    private readonly ChannelAccount _bot;

    public DirectLineConnector(IDirectLineStore store, IOptions<DirectLineOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _time = time;
        _bot = new ChannelAccount(options.Value.BotId, options.Value.BotName, RoleTypes.Bot);
        ServiceUrl = $"https://directline.invalid/{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))}/";
    }

    /// <summary>The serviceUrl of activities this service hands the bot.</summary>
    public string ServiceUrl { get; }

    /// <summary>The bot's account on this channel.</summary>
    public ChannelAccount Bot => _bot;

    /// <inheritdoc/>
    public IConnectorClient Client => this;

    /// <inheritdoc/>
    public bool Owns(string serviceUrl) => string.Equals(serviceUrl, ServiceUrl, StringComparison.Ordinal);

    /// <inheritdoc/>
    public Task<ResourceResponse?> SendToConversationAsync(string conversationId, Activity activity, CancellationToken cancellationToken = default) =>
        AppendAsync(conversationId, activity, replyToId: null, cancellationToken);

    /// <inheritdoc/>
    public Task<ResourceResponse?> ReplyToActivityAsync(string conversationId, string activityId, Activity activity, CancellationToken cancellationToken = default) =>
        AppendAsync(conversationId, activity, activityId, cancellationToken);

    /// <inheritdoc/>
    public Task<ResourceResponse?> UpdateActivityAsync(string conversationId, string activityId, Activity activity, CancellationToken cancellationToken = default) =>
        throw NotSupported("update");

    /// <inheritdoc/>
    public Task DeleteActivityAsync(string conversationId, string activityId, CancellationToken cancellationToken = default) =>
        throw NotSupported("delete");

    private async Task<ResourceResponse?> AppendAsync(string conversationId, Activity activity, string? replyToId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversationId);
        ArgumentNullException.ThrowIfNull(activity);

        // A copy: the service owns ids, times, the sender and the address; Web Chat needs role "bot" to put
        // the bubble on the bot's side and to show suggested actions.
        var outgoing = activity.CloneShallow();
        outgoing.Id = null;
        outgoing.Timestamp = _time.GetUtcNow();
        outgoing.ChannelId = Channels.Directline;
        outgoing.ServiceUrl = null;
        outgoing.CallerId = null;
        outgoing.Conversation = new ConversationAccount { Id = conversationId };
        outgoing.From = new ChannelAccount(activity.From?.Id ?? _bot.Id, activity.From?.Name ?? _bot.Name, RoleTypes.Bot);
        outgoing.ReplyToId = replyToId ?? activity.ReplyToId;

        var stored = await _store.AppendAsync(conversationId, outgoing, cancellationToken).ConfigureAwait(false)
            ?? throw new ConnectorException(
                "The Direct Line conversation does not exist (it may have expired).",
                HttpStatusCode.NotFound,
                ErrorResponse.Create(DirectLineErrorCodes.ConversationNotFound, "The conversation does not exist."),
                correlationId: null);
        return new ResourceResponse(stored.Id);
    }

    private static ConnectorException NotSupported(string operation) => new(
        $"Direct Line does not support {operation} of sent activities.",
        HttpStatusCode.MethodNotAllowed,
        ErrorResponse.Create(DirectLineErrorCodes.NotSupported, $"Direct Line does not support {operation} of sent activities."),
        correlationId: null);
}
