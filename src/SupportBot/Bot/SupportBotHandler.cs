using System.Text.Json;
using SupportBot.BotFramework.Builder;
using SupportBot.BotFramework.Schema;
using SupportBot.BotFramework.Teams;

namespace SupportBot.Bot;

/// <summary>
/// The bot, kept thin: each kind of turn is one call into <see cref="SupportConversation"/> or
/// <see cref="SupportMessagingExtension"/>. Turn errors are handled once, by the adapter (logs, apologises,
/// resets the conversation's state through <see cref="ConversationStateResetter"/>).
/// </summary>
internal sealed class SupportBotHandler(SupportConversation conversation, SupportMessagingExtension extension) : TeamsActivityHandler
{
    /// <summary>The event Web Chat's welcome-message pattern posts when the page opens.</summary>
    public const string WebChatJoinEvent = "webchat/join";

    protected override Task OnMessageActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken) =>
        conversation.RespondAsync(turnContext, cancellationToken);

    // A user joined. In Teams group chats and channels every new member would be greeted, so there the bot
    // greets once, when it is added itself; the bot is never among these members.
    protected override Task OnMembersAddedAsync(IReadOnlyList<ChannelAccount> membersAdded, ITurnContext turnContext, CancellationToken cancellationToken) =>
        SupportReplies.IsTeamsGroup(turnContext.Activity) ? Task.CompletedTask : conversation.WelcomeAsync(turnContext, cancellationToken);

    protected override Task OnBotAddedAsync(ITurnContext turnContext, CancellationToken cancellationToken) =>
        SupportReplies.IsTeamsGroup(turnContext.Activity) ? conversation.WelcomeAsync(turnContext, cancellationToken) : Task.CompletedTask;

    // Web Chat pages that start the conversation themselves send this back-channel event when the user arrives.
    protected override Task OnEventActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken) =>
        turnContext.Activity.Name == WebChatJoinEvent ? conversation.WelcomeAsync(turnContext, cancellationToken) : Task.CompletedTask;

    protected override Task<MessagingExtensionResponse> OnTeamsMessagingExtensionQueryAsync(ITurnContext turnContext, MessagingExtensionQuery query, CancellationToken cancellationToken) =>
        extension.QueryAsync(query, cancellationToken);

    protected override Task<MessagingExtensionResponse> OnTeamsMessagingExtensionSelectItemAsync(ITurnContext turnContext, JsonElement query, CancellationToken cancellationToken) =>
        extension.SelectItemAsync(query, cancellationToken);
}
