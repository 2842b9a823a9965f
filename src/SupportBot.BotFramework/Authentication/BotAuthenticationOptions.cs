namespace SupportBot.BotFramework.Authentication;

/// <summary>
/// The bot's identity and how inbound tokens are checked. Bound from the configuration keys the SDK
/// reads (<c>MicrosoftAppId</c>, <c>MicrosoftAppPassword</c>, <c>MicrosoftAppType</c>,
/// <c>MicrosoftAppTenantId</c>) plus the overridable endpoints below; validated at start-up.
/// An empty <see cref="MicrosoftAppId"/> means anonymous mode: inbound requests are not authenticated and
/// outbound calls carry no token (local/Emulator/self-hosted use only).
/// </summary>
public sealed class BotAuthenticationOptions
{
    /// <summary>The bot's Microsoft App ID (a GUID); empty for anonymous mode.</summary>
    public string? MicrosoftAppId { get; set; }

    /// <summary>The app's client secret (MultiTenant, SingleTenant); empty for UserAssignedMSI.</summary>
    public string? MicrosoftAppPassword { get; set; }

    /// <summary>
    /// Registration type as configured: <c>MultiTenant</c> (default when empty), <c>SingleTenant</c> or
    /// <c>UserAssignedMSI</c>, case-insensitive. Kept as text because bot templates ship it as "".
    /// </summary>
    public string? MicrosoftAppType { get; set; }

    /// <summary>The parsed <see cref="MicrosoftAppType"/>; start-up validation rejects unknown values.</summary>
    public BotAppType AppType => TryParseAppType(MicrosoftAppType, out var type)
        ? type
        : throw new InvalidOperationException($"MicrosoftAppType '{MicrosoftAppType}' is not MultiTenant, SingleTenant or UserAssignedMSI.");

    /// <summary>Tenant id; required for SingleTenant and UserAssignedMSI.</summary>
    public string? MicrosoftAppTenantId { get; set; }

    /// <summary>OpenID metadata of ABS channel tokens.</summary>
    public Uri ChannelOpenIdMetadataUrl { get; set; } = new(AuthenticationConstants.ChannelOpenIdMetadataUrl);

    /// <summary>OpenID metadata of Emulator (Entra) tokens.</summary>
    public Uri EmulatorOpenIdMetadataUrl { get; set; } = new(AuthenticationConstants.EmulatorOpenIdMetadataUrl);

    /// <summary>Issuer of ABS channel tokens.</summary>
    public string ChannelIssuer { get; set; } = AuthenticationConstants.ChannelIssuer;

    /// <summary>Allowed clock difference on <c>nbf</c>/<c>exp</c>; 5 minutes as in the SDK.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Whether OpenID metadata and keys must be fetched over https. Only tests serving metadata on
    /// loopback turn this off.
    /// </summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>How often signing keys are refetched at the latest (the protocol asks for at least daily).</summary>
    public TimeSpan MetadataRefreshInterval { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Minimum time between refetches triggered by a token signed with an unknown key.</summary>
    public TimeSpan UnknownKeyRefreshInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Host of the token endpoint for outbound tokens (authority = host + tenant).</summary>
    public Uri TokenAuthorityHost { get; set; } = new(AuthenticationConstants.TokenAuthorityHost);

    /// <summary>Scope of outbound tokens.</summary>
    public string OAuthScope { get; set; } = AuthenticationConstants.ChannelScope;

    /// <summary>True when no app id is configured: authentication is disabled.</summary>
    public bool IsAnonymous => string.IsNullOrWhiteSpace(MicrosoftAppId);

    /// <summary>The authority outbound tokens are requested from: the tenant for single-tenant and MSI apps, else botframework.com.</summary>
    public Uri TokenAuthority => new(
        $"{TokenAuthorityHost.AbsoluteUri.TrimEnd('/')}/{(AppType == BotAppType.MultiTenant ? AuthenticationConstants.BotFrameworkTenant : MicrosoftAppTenantId)}");

    internal static bool TryParseAppType(string? value, out BotAppType type)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            type = BotAppType.MultiTenant;
            return true;
        }

        // Names only: Enum.TryParse would also accept "1".
        foreach (var candidate in Enum.GetValues<BotAppType>())
        {
            if (string.Equals(candidate.ToString(), value.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                type = candidate;
                return true;
            }
        }

        type = default;
        return false;
    }
}
