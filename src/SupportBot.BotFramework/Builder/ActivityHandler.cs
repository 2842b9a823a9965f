using SupportBot.BotFramework.Schema;

namespace SupportBot.BotFramework.Builder;

/// <summary>
/// An <see cref="IBot"/> that dispatches each activity type to a virtual method, as the SDK's
/// ActivityHandler does. Override the ones you need; the rest do nothing (unknown types are ignored and
/// answered 200, unknown invokes answered 501).
/// </summary>
public class ActivityHandler : IBot
{
    /// <inheritdoc/>
    public virtual async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        switch (turnContext.Activity.Type)
        {
            case ActivityTypes.Message:
                await OnMessageActivityAsync(turnContext, cancellationToken).ConfigureAwait(false);
                break;
            case ActivityTypes.ConversationUpdate:
                await OnConversationUpdateActivityAsync(turnContext, cancellationToken).ConfigureAwait(false);
                break;
            case ActivityTypes.Invoke:
                var response = await InvokeAsync(turnContext, cancellationToken).ConfigureAwait(false);
                turnContext.InvokeResponse ??= response;
                break;
            case ActivityTypes.Event:
                await OnEventActivityAsync(turnContext, cancellationToken).ConfigureAwait(false);
                break;
            case ActivityTypes.MessageReaction:
                await OnMessageReactionActivityAsync(turnContext, cancellationToken).ConfigureAwait(false);
                break;
            case ActivityTypes.InstallationUpdate:
                await OnInstallationUpdateActivityAsync(turnContext, cancellationToken).ConfigureAwait(false);
                break;
            case ActivityTypes.Typing:
                await OnTypingActivityAsync(turnContext, cancellationToken).ConfigureAwait(false);
                break;
            case ActivityTypes.EndOfConversation:
                await OnEndOfConversationActivityAsync(turnContext, cancellationToken).ConfigureAwait(false);
                break;
            default:
                await OnUnrecognizedActivityTypeAsync(turnContext, cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    /// <summary>A <c>message</c>: user text, attachments, or a card submit (<c>value</c>, often no text).</summary>
    protected virtual Task OnMessageActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// A <c>conversationUpdate</c>. The default calls <see cref="OnBotAddedAsync"/> when the bot itself is
    /// among the added members, and <see cref="OnMembersAddedAsync"/> / <see cref="OnMembersRemovedAsync"/>
    /// with the other members (ids compared ordinally with the recipient's).
    /// </summary>
    protected virtual async Task OnConversationUpdateActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var activity = turnContext.Activity;
        var botId = activity.Recipient?.Id;

        if (activity.MembersAdded is { Count: > 0 } added)
        {
            var others = added.Where(m => !string.Equals(m.Id, botId, StringComparison.Ordinal)).ToList();
            if (others.Count < added.Count)
            {
                await OnBotAddedAsync(turnContext, cancellationToken).ConfigureAwait(false);
            }

            if (others.Count > 0)
            {
                await OnMembersAddedAsync(others, turnContext, cancellationToken).ConfigureAwait(false);
            }
        }

        if (activity.MembersRemoved is { Count: > 0 } removed)
        {
            var others = removed.Where(m => !string.Equals(m.Id, botId, StringComparison.Ordinal)).ToList();
            if (others.Count > 0)
            {
                await OnMembersRemovedAsync(others, turnContext, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Members other than the bot joined (the place for a welcome).</summary>
    protected virtual Task OnMembersAddedAsync(IReadOnlyList<ChannelAccount> membersAdded, ITurnContext turnContext, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    /// <summary>
    /// The bot itself was added (Teams: installed in a team, chat or personal scope). Greet once here in
    /// group scopes; in personal scope the user also arrives through <see cref="OnMembersAddedAsync"/>.
    /// </summary>
    protected virtual Task OnBotAddedAsync(ITurnContext turnContext, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Members other than the bot left.</summary>
    protected virtual Task OnMembersRemovedAsync(IReadOnlyList<ChannelAccount> membersRemoved, ITurnContext turnContext, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    /// <summary>
    /// An <c>invoke</c>; return the response to write. The default answers 501 (unknown invoke name).
    /// Throw <see cref="InvokeResponseException"/> to answer a specific status.
    /// </summary>
    protected virtual Task<InvokeResponse?> OnInvokeActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken) =>
        Task.FromResult<InvokeResponse?>(new InvokeResponse { Status = 501 });

    /// <summary>An <c>event</c> (e.g. Web Chat's <c>webchat/join</c>); ignore unknown names.</summary>
    protected virtual Task OnEventActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>A <c>messageReaction</c>; the default calls the added/removed handlers.</summary>
    protected virtual async Task OnMessageReactionActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        if (turnContext.Activity.ReactionsAdded is { Count: > 0 } added)
        {
            await OnReactionsAddedAsync(added.ToList(), turnContext, cancellationToken).ConfigureAwait(false);
        }

        if (turnContext.Activity.ReactionsRemoved is { Count: > 0 } removed)
        {
            await OnReactionsRemovedAsync(removed.ToList(), turnContext, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Reactions added to the activity <c>replyToId</c> points to.</summary>
    protected virtual Task OnReactionsAddedAsync(IReadOnlyList<MessageReaction> reactions, ITurnContext turnContext, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    /// <summary>Reactions removed from the activity <c>replyToId</c> points to.</summary>
    protected virtual Task OnReactionsRemovedAsync(IReadOnlyList<MessageReaction> reactions, ITurnContext turnContext, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    /// <summary>An <c>installationUpdate</c>; the default splits <c>add</c>/<c>add-upgrade</c> and <c>remove</c>/<c>remove-upgrade</c>.</summary>
    protected virtual Task OnInstallationUpdateActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        return turnContext.Activity.Action switch
        {
            "add" or "add-upgrade" => OnInstallationUpdateAddAsync(turnContext, cancellationToken),
            "remove" or "remove-upgrade" => OnInstallationUpdateRemoveAsync(turnContext, cancellationToken),
            _ => Task.CompletedTask,
        };
    }

    /// <summary>The app was installed or upgraded.</summary>
    protected virtual Task OnInstallationUpdateAddAsync(ITurnContext turnContext, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The app was uninstalled; further posts to this conversation will get 403.</summary>
    protected virtual Task OnInstallationUpdateRemoveAsync(ITurnContext turnContext, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>A <c>typing</c> indicator; ignored by default.</summary>
    protected virtual Task OnTypingActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>An <c>endOfConversation</c>; ignored by default.</summary>
    protected virtual Task OnEndOfConversationActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Any other type (spec types a bot ignores, or new ones): ignored, and the request answered 200.</summary>
    protected virtual Task OnUnrecognizedActivityTypeAsync(ITurnContext turnContext, CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task<InvokeResponse?> InvokeAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        try
        {
            return await OnInvokeActivityAsync(turnContext, cancellationToken).ConfigureAwait(false);
        }
        catch (InvokeResponseException ex)
        {
            return new InvokeResponse { Status = ex.Status, Body = ex.Body };
        }
    }
}
