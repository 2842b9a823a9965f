namespace SupportBot.BotFramework.Authentication;

/// <summary>How the bot's Entra app is registered (configuration key <c>MicrosoftAppType</c>, case-insensitive).</summary>
public enum BotAppType
{
    /// <summary>App id + secret, tokens from the <c>botframework.com</c> tenant (the default).</summary>
    MultiTenant,

    /// <summary>App id + secret + tenant id; tokens from the bot's tenant.</summary>
    SingleTenant,

    /// <summary>A user-assigned managed identity (app id = its client id) + tenant id; no password.</summary>
    UserAssignedMSI,
}
