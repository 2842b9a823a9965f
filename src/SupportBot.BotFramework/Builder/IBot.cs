namespace SupportBot.BotFramework.Builder;

/// <summary>A bot: handles one turn (one inbound activity) at a time.</summary>
public interface IBot
{
    /// <summary>Handles the turn's activity; replies go through <paramref name="turnContext"/>.</summary>
    Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken);
}

/// <summary>The code a turn runs, e.g. <see cref="IBot.OnTurnAsync"/>.</summary>
public delegate Task BotCallbackHandler(ITurnContext turnContext, CancellationToken cancellationToken);
