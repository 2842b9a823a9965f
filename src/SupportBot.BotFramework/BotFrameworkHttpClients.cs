using SupportBot.BotFramework.Authentication;
using SupportBot.BotFramework.Connector;

namespace SupportBot.BotFramework;

/// <summary>
/// Names of the HttpClients this library uses, for hosts that add handlers (proxies, telemetry) with
/// <c>services.AddHttpClient(name)</c>.
/// </summary>
public static class BotFrameworkHttpClients
{
    /// <summary>Outbound Connector calls.</summary>
    public const string Connector = ConnectorClientFactory.HttpClientName;

    /// <summary>OpenID metadata and signing keys.</summary>
    public const string OpenIdMetadata = ChannelTokenValidator.HttpClientName;

    /// <summary>Token requests (MSAL).</summary>
    public const string Token = MsalBotTokenProvider.HttpClientName;
}
