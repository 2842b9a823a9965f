using SupportBot.BotFramework.Builder;
using SupportBot.Storage;

namespace SupportBot.Bot;

/// <summary>Forgets the failed turn's conversation state, so a broken state cannot fail every following turn.</summary>
internal sealed class ConversationStateResetter(IConversationStateStore states, ILogger<ConversationStateResetter> logger) : IConversationStateResetter
{
    public async Task ResetConversationStateAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        await states.DeleteAsync(ConversationKey.For(turnContext.Activity), cancellationToken).ConfigureAwait(false);
        Log.StateReset(logger, turnContext.Activity.ChannelId);
    }
}
