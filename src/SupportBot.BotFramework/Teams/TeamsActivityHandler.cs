using System.Text.Json;
using SupportBot.BotFramework.Builder;
using SupportBot.BotFramework.Schema;

namespace SupportBot.BotFramework.Teams;

/// <summary>
/// An <see cref="ActivityHandler"/> that also dispatches Teams' search-based messaging extension invokes.
/// Unhandled invokes answer 501; a missing or malformed <c>value</c> answers 400.
/// </summary>
public class TeamsActivityHandler : ActivityHandler
{
    /// <summary>Invoke name of a messaging extension search.</summary>
    public const string MessagingExtensionQueryInvoke = "composeExtension/query";

    /// <summary>Invoke name of a tap on a result's preview.</summary>
    public const string MessagingExtensionSelectItemInvoke = "composeExtension/selectItem";

    /// <inheritdoc/>
    protected override async Task<InvokeResponse?> OnInvokeActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        switch (turnContext.Activity.Name)
        {
            case MessagingExtensionQueryInvoke:
                var query = ReadValue<MessagingExtensionQuery>(turnContext.Activity);
                return InvokeResponse.Ok(
                    await OnTeamsMessagingExtensionQueryAsync(turnContext, query, cancellationToken).ConfigureAwait(false));
            case MessagingExtensionSelectItemInvoke:
                if (turnContext.Activity.Value is not { ValueKind: JsonValueKind.Object } item)
                {
                    throw new InvokeResponseException(400);
                }

                return InvokeResponse.Ok(
                    await OnTeamsMessagingExtensionSelectItemAsync(turnContext, item, cancellationToken).ConfigureAwait(false));
            default:
                return await base.OnInvokeActivityAsync(turnContext, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// A search typed in the messaging extension. Answer within 5 seconds; each adaptive result needs a
    /// hero/thumbnail <see cref="MessagingExtensionAttachment.Preview"/>. The default answers 501.
    /// </summary>
    protected virtual Task<MessagingExtensionResponse> OnTeamsMessagingExtensionQueryAsync(
        ITurnContext turnContext,
        MessagingExtensionQuery query,
        CancellationToken cancellationToken) =>
        throw new InvokeResponseException(501);

    /// <summary>
    /// A tap on a result's preview; <paramref name="query"/> is the tap action's value (opaque JSON). The
    /// default answers 501.
    /// </summary>
    protected virtual Task<MessagingExtensionResponse> OnTeamsMessagingExtensionSelectItemAsync(
        ITurnContext turnContext,
        JsonElement query,
        CancellationToken cancellationToken) =>
        throw new InvokeResponseException(501);

    private static T ReadValue<T>(Activity activity)
        where T : class
    {
        try
        {
            return activity.Value is { ValueKind: JsonValueKind.Object } value
                ? value.Deserialize<T>(BotJson.Options) ?? throw new InvokeResponseException(400)
                : throw new InvokeResponseException(400);
        }
        catch (JsonException)
        {
            throw new InvokeResponseException(400);
        }
    }
}
