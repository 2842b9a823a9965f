namespace SupportBot.BotFramework.Builder;

/// <summary>
/// Optional host service the default turn error handler calls after telling the user something went
/// wrong, so a broken conversation state does not fail every following turn too.
/// </summary>
public interface IConversationStateResetter
{
    /// <summary>Forgets whatever state the host keeps for the turn's conversation.</summary>
    Task ResetConversationStateAsync(ITurnContext turnContext, CancellationToken cancellationToken);
}
