using System.Security.Claims;
using System.Text.Json;
using SupportBot.BotFramework.Connector;
using SupportBot.BotFramework.Schema;

namespace SupportBot.BotFramework.Builder;

/// <inheritdoc cref="ITurnContext"/>
public sealed class TurnContext : ITurnContext
{
    private readonly Lazy<IConnectorClient> _connector;
    private readonly ConversationReference _reference;

    /// <summary>Creates a turn for <paramref name="activity"/> whose replies go to <paramref name="connector"/>.</summary>
    public TurnContext(Activity activity, IConnectorClient connector, ClaimsIdentity? identity = null)
        : this(activity, new Lazy<IConnectorClient>(connector), identity)
    {
        ArgumentNullException.ThrowIfNull(connector);
    }

    // Lazy: most activities (typing, unknown types) never answer, and need no client for their serviceUrl.
    internal TurnContext(Activity activity, Lazy<IConnectorClient> connector, ClaimsIdentity? identity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        Activity = activity;
        Identity = identity;
        _connector = connector;
        _reference = activity.GetConversationReference();
    }

    /// <inheritdoc/>
    public Activity Activity { get; }

    /// <inheritdoc/>
    public ClaimsIdentity? Identity { get; }

    /// <inheritdoc/>
    public IDictionary<string, object> TurnState { get; } = new Dictionary<string, object>(StringComparer.Ordinal);

    /// <inheritdoc/>
    public bool Responded { get; private set; }

    /// <inheritdoc/>
    public InvokeResponse? InvokeResponse { get; set; }

    /// <inheritdoc/>
    public Task<ResourceResponse?> SendActivityAsync(string text, string? speak = null, string inputHint = InputHints.AcceptingInput, CancellationToken cancellationToken = default) =>
        SendActivityAsync(new Activity { Type = ActivityTypes.Message, Text = text, Speak = speak, InputHint = inputHint }, cancellationToken);

    /// <inheritdoc/>
    public async Task<ResourceResponse?> SendActivityAsync(Activity activity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var responses = await SendActivitiesAsync([activity], cancellationToken).ConfigureAwait(false);
        return responses[0];
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<ResourceResponse?>> SendActivitiesAsync(IReadOnlyList<Activity> activities, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(activities);
        var responses = new ResourceResponse?[activities.Count];
        for (var i = 0; i < activities.Count; i++)
        {
            var activity = activities[i];
            if (activity.Type == ActivityTypes.InvokeResponse)
            {
                InvokeResponse = ReadInvokeResponse(activity);
                continue;
            }

            // Trace activities are diagnostics only the Emulator displays; other channels would show junk.
            if (activity.Type == ActivityTypes.Trace && Activity.ChannelId != Channels.Emulator)
            {
                continue;
            }

            var outgoing = Address(activity);
            var conversationId = outgoing.Conversation?.Id
                ?? throw new InvalidOperationException("The inbound activity has no conversation id to reply to.");
            responses[i] = string.IsNullOrEmpty(outgoing.ReplyToId)
                ? await _connector.Value.SendToConversationAsync(conversationId, outgoing, cancellationToken).ConfigureAwait(false)
                : await _connector.Value.ReplyToActivityAsync(conversationId, outgoing.ReplyToId, outgoing, cancellationToken).ConfigureAwait(false);

            if (outgoing.Type != ActivityTypes.Trace)
            {
                Responded = true;
            }
        }

        return responses;
    }

    /// <inheritdoc/>
    public Task<ResourceResponse?> UpdateActivityAsync(Activity activity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var activityId = activity.Id;
        ArgumentException.ThrowIfNullOrEmpty(activityId, $"{nameof(activity)}.{nameof(activity.Id)}");
        var outgoing = activity.CloneShallow().ApplyConversationReference(_reference);
        outgoing.Id = activityId;
        outgoing.ReplyToId = activity.ReplyToId;
        return _connector.Value.UpdateActivityAsync(ConversationId(), activityId, outgoing, cancellationToken);
    }

    /// <inheritdoc/>
    public Task DeleteActivityAsync(string activityId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(activityId);
        return _connector.Value.DeleteActivityAsync(ConversationId(), activityId, cancellationToken);
    }

    private string ConversationId() => _reference.Conversation?.Id
        ?? throw new InvalidOperationException("The inbound activity has no conversation id.");

    // Addresses a copy, as the SDK does, so a caller can send the same activity object to two turns.
    private Activity Address(Activity activity)
    {
        var outgoing = activity.CloneShallow().ApplyConversationReference(_reference);
        outgoing.Type ??= ActivityTypes.Message;
        if (outgoing.Type == ActivityTypes.Message)
        {
            outgoing.InputHint ??= InputHints.AcceptingInput;
        }

        // Channel-owned fields: the channel assigns ids and times, and derives the caller itself.
        outgoing.Id = null;
        outgoing.Timestamp = null;
        outgoing.CallerId = null;
        return outgoing;
    }

    private static InvokeResponse? ReadInvokeResponse(Activity activity)
    {
        if (activity.Value is not { ValueKind: JsonValueKind.Object } value)
        {
            return null;
        }

        var status = value.TryGetProperty("status", out var s) && s.TryGetInt32(out var code) ? code : 200;
        object? body = value.TryGetProperty("body", out var b) && b.ValueKind != JsonValueKind.Null ? b : null;
        return new InvokeResponse { Status = status, Body = body };
    }
}
