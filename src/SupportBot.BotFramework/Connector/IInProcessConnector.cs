namespace SupportBot.BotFramework.Connector;

/// <summary>
/// A Connector service living in this process (e.g. the self-hosted Direct Line) that owns a
/// <c>serviceUrl</c>: replies addressed there are handed to <see cref="Client"/> instead of going over HTTP.
/// Register implementations as singletons; <see cref="IConnectorClientFactory"/> asks each in turn.
/// </summary>
public interface IInProcessConnector
{
    /// <summary>True when this connector serves <paramref name="serviceUrl"/>.</summary>
    bool Owns(string serviceUrl);

    /// <summary>The client that receives the bot's activities.</summary>
    IConnectorClient Client { get; }
}
