namespace SupportBot.BotFramework.Connector;

/// <summary>Hands out the Connector client for a <c>serviceUrl</c>.</summary>
public interface IConnectorClientFactory
{
    /// <summary>
    /// The client for <paramref name="serviceUrl"/>: a registered <see cref="IInProcessConnector"/> that
    /// owns it, else an HTTP <see cref="ConnectorClient"/>. Throws if the URL is not absolute http(s).
    /// </summary>
    IConnectorClient Create(string serviceUrl);
}
