namespace SupportBot.BotFramework.Authentication;

/// <summary>Protocol constants of Bot Framework authentication (public cloud).</summary>
public static class AuthenticationConstants
{
    /// <summary>OpenID metadata of ABS channel tokens.</summary>
    public const string ChannelOpenIdMetadataUrl = "https://login.botframework.com/v1/.well-known/openidconfiguration";

    /// <summary>OpenID metadata of Entra tokens (Emulator, skills).</summary>
    public const string EmulatorOpenIdMetadataUrl = "https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration";

    /// <summary>Issuer of ABS channel tokens.</summary>
    public const string ChannelIssuer = "https://api.botframework.com";

    /// <summary>Host of the Entra token endpoint for outbound tokens.</summary>
    public const string TokenAuthorityHost = "https://login.microsoftonline.com";

    /// <summary>Tenant that issues multi-tenant bots' outbound tokens.</summary>
    public const string BotFrameworkTenant = "botframework.com";

    /// <summary>Scope of outbound tokens for ABS channels.</summary>
    public const string ChannelScope = "https://api.botframework.com/.default";

    /// <summary>Managed-identity resource for outbound tokens.</summary>
    public const string ChannelResource = "https://api.botframework.com";

    /// <summary>Caller id stamped on activities that came through ABS.</summary>
    public const string AzureCallerId = "urn:botframework:azure";

    /// <summary>
    /// Issuers of Emulator tokens: the Bot Framework tenants' v1 and v2 forms (v3.1 and v3.2 tokens) and
    /// the Microsoft tenant the JS SDK also accepts. Single-tenant bots add their own tenant's forms.
    /// </summary>
    public static IReadOnlyList<string> EmulatorIssuers { get; } =
    [
        "https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/",
        "https://login.microsoftonline.com/d6d49420-f39b-4df7-a1dc-d59a935871db/v2.0",
        "https://sts.windows.net/f8cdef31-a31e-4b4a-93e4-5f571e91255a/",
        "https://login.microsoftonline.com/f8cdef31-a31e-4b4a-93e4-5f571e91255a/v2.0",
        "https://sts.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47/",
    ];

    /// <summary>The v1 and v2 issuer forms of a tenant.</summary>
    public static IReadOnlyList<string> TenantIssuers(string tenantId) =>
    [
        $"https://sts.windows.net/{tenantId}/",
        $"https://login.microsoftonline.com/{tenantId}/v2.0",
    ];

    /// <summary>Signature algorithms accepted on inbound tokens (never <c>none</c> or HS*).</summary>
    public static IReadOnlyList<string> ValidAlgorithms { get; } = ["RS256", "RS384", "RS512"];
}
