using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using SupportBot.BotFramework.Schema;

namespace SupportBot.BotFramework.Authentication;

/// <summary>
/// Validates inbound tokens the way the SDK does: the unverified issuer picks the ABS channel path or the
/// Emulator path, then signature, issuer, audience/app id and lifetime are checked with IdentityModel,
/// then the channel-only checks (key endorsement for the channel id, <c>serviceurl</c> claim).
/// </summary>
internal sealed class ChannelTokenValidator : IChannelTokenValidator, IDisposable
{
    /// <summary>Name of the HttpClient that fetches OpenID metadata and keys.</summary>
    public const string HttpClientName = "SupportBot.BotFramework.OpenIdMetadata";

    private const string ServiceUrlClaim = "serviceurl";
    private const string VersionClaim = "ver";
    private const string AppIdClaim = "appid";
    private const string AuthorizedPartyClaim = "azp";

    private readonly BotAuthenticationOptions _options;
    private readonly TimeProvider _time;
    private readonly OpenIdMetadataCache _channelMetadata;
    private readonly OpenIdMetadataCache _emulatorMetadata;
    private readonly HashSet<string> _emulatorIssuers;
    private readonly JsonWebTokenHandler _handler = new();

    public ChannelTokenValidator(
        IOptions<BotAuthenticationOptions> options,
        IHttpClientFactory httpClientFactory,
        TimeProvider time,
        ILogger<ChannelTokenValidator> logger)
    {
        _options = options.Value;
        _time = time;

        var retriever = new HttpDocumentRetriever(httpClientFactory.CreateClient(HttpClientName))
        {
            RequireHttps = _options.RequireHttpsMetadata,
        };
        _channelMetadata = CreateCache(_options.ChannelOpenIdMetadataUrl);
        _emulatorMetadata = CreateCache(_options.EmulatorOpenIdMetadataUrl);

        _emulatorIssuers = new HashSet<string>(AuthenticationConstants.EmulatorIssuers, StringComparer.Ordinal);
        if (!string.IsNullOrWhiteSpace(_options.MicrosoftAppTenantId))
        {
            // Prefer the configured tenant over the JS SDK's habit of trusting whatever tid the token carries.
            _emulatorIssuers.UnionWith(AuthenticationConstants.TenantIssuers(_options.MicrosoftAppTenantId));
        }

        OpenIdMetadataCache CreateCache(Uri address) => new(
            address, retriever, time, _options.MetadataRefreshInterval, _options.UnknownKeyRefreshInterval, logger);
    }

    /// <inheritdoc/>
    public async Task<ChannelAuthenticationResult> AuthenticateAsync(
        string? authorizationHeader,
        Activity activity,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (_options.IsAnonymous)
        {
            return ChannelAuthenticationResult.Anonymous();
        }

        if (string.IsNullOrEmpty(authorizationHeader))
        {
            return ChannelAuthenticationResult.Failure("missing Authorization header");
        }

        // The SDK requires exactly "Bearer <token>", scheme case-sensitive.
        var parts = authorizationHeader.Split(' ');
        if (parts.Length != 2 || !string.Equals(parts[0], "Bearer", StringComparison.Ordinal) || parts[1].Length == 0)
        {
            return ChannelAuthenticationResult.Failure("Authorization header is not 'Bearer <token>'");
        }

        var token = parts[1];
        JsonWebToken unverified;
        try
        {
            unverified = new JsonWebToken(token);
        }
        catch (ArgumentException)
        {
            return ChannelAuthenticationResult.Failure("token is not a well-formed JWT");
        }

        // Peek at the unverified issuer only to choose the path; the path then validates it for real.
        var issuer = TryGetIssuer(unverified);
        if (string.Equals(issuer, _options.ChannelIssuer, StringComparison.Ordinal))
        {
            return await ValidateChannelTokenAsync(token, unverified, activity, cancellationToken).ConfigureAwait(false);
        }

        if (issuer is not null && _emulatorIssuers.Contains(issuer))
        {
            return await ValidateEmulatorTokenAsync(token, unverified, cancellationToken).ConfigureAwait(false);
        }

        return ChannelAuthenticationResult.Failure("token issuer is not trusted");
    }

    public void Dispose()
    {
        _channelMetadata.Dispose();
        _emulatorMetadata.Dispose();
    }

    private async Task<ChannelAuthenticationResult> ValidateChannelTokenAsync(
        string token,
        JsonWebToken unverified,
        Activity activity,
        CancellationToken cancellationToken)
    {
        var (result, configuration) = await ValidateSignedTokenAsync(
            token, unverified, _channelMetadata, [_options.ChannelIssuer], validateAudience: true, cancellationToken).ConfigureAwait(false);
        if (!result.IsValid)
        {
            return ChannelAuthenticationResult.Failure(Describe(result.Exception));
        }

        // Endorsements: a key may be restricted to some channels, so a Web Chat key cannot sign for Teams.
        var signed = (JsonWebToken)result.SecurityToken;
        var keyId = signed.SigningKey?.KeyId ?? signed.Kid;
        var jsonWebKey = configuration.JsonWebKeySet?.Keys.FirstOrDefault(k => string.Equals(k.KeyId, keyId, StringComparison.Ordinal));
        if (jsonWebKey is not null && !Endorsements.Allows(Endorsements.Read(jsonWebKey), activity.ChannelId))
        {
            return ChannelAuthenticationResult.Failure("signing key is not endorsed for the activity's channelId");
        }

        // The token names the serviceUrl it was issued for; a different one would make us send our token elsewhere.
        if (!string.IsNullOrEmpty(activity.ServiceUrl))
        {
            var claim = result.ClaimsIdentity.FindFirst(ServiceUrlClaim)?.Value;
            if (!string.Equals(claim, activity.ServiceUrl, StringComparison.Ordinal))
            {
                return ChannelAuthenticationResult.Failure("serviceurl claim does not match the activity's serviceUrl");
            }
        }

        return ChannelAuthenticationResult.Success(result.ClaimsIdentity, AuthenticationConstants.AzureCallerId);
    }

    private async Task<ChannelAuthenticationResult> ValidateEmulatorTokenAsync(
        string token,
        JsonWebToken unverified,
        CancellationToken cancellationToken)
    {
        // Like the SDK, the Emulator path checks appid/azp rather than aud (not every Emulator token's aud
        // is the bare app id).
        var (result, _) = await ValidateSignedTokenAsync(
            token, unverified, _emulatorMetadata, _emulatorIssuers, validateAudience: false, cancellationToken).ConfigureAwait(false);
        if (!result.IsValid)
        {
            return ChannelAuthenticationResult.Failure(Describe(result.Exception));
        }

        var identity = result.ClaimsIdentity;
        var version = identity.FindFirst(VersionClaim)?.Value;
        var appIdClaim = version switch
        {
            null or "" or "1.0" => AppIdClaim,
            "2.0" => AuthorizedPartyClaim,
            _ => null,
        };
        if (appIdClaim is null)
        {
            return ChannelAuthenticationResult.Failure("unsupported token version");
        }

        var appId = identity.FindFirst(appIdClaim)?.Value;
        if (!string.Equals(appId, _options.MicrosoftAppId, StringComparison.Ordinal))
        {
            return ChannelAuthenticationResult.Failure($"{appIdClaim} claim does not match MicrosoftAppId");
        }

        return ChannelAuthenticationResult.Success(identity, AuthenticationConstants.AzureCallerId);
    }

    private async Task<(TokenValidationResult Result, OpenIdConnectConfiguration Configuration)> ValidateSignedTokenAsync(
        string token,
        JsonWebToken unverified,
        OpenIdMetadataCache metadata,
        IEnumerable<string> validIssuers,
        bool validateAudience,
        CancellationToken cancellationToken)
    {
        var configuration = await metadata.GetAsync(cancellationToken).ConfigureAwait(false);
        if (!string.IsNullOrEmpty(unverified.Kid) && !HasKey(configuration, unverified.Kid))
        {
            // Keys can be added at any time: refetch (rate-limited) before calling the signature bad.
            configuration = await metadata.RefreshForUnknownKeyAsync(cancellationToken).ConfigureAwait(false);
        }

        var parameters = new TokenValidationParameters
        {
            ValidIssuers = validIssuers,
            ValidateIssuer = true,
            ValidAudiences = [_options.MicrosoftAppId],
            ValidateAudience = validateAudience,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = true,
            IssuerSigningKeys = configuration.SigningKeys,
            ValidAlgorithms = AuthenticationConstants.ValidAlgorithms,
            ClockSkew = _options.ClockSkew,
            LifetimeValidator = ValidateLifetime,
        };

        var result = await _handler.ValidateTokenAsync(token, parameters).ConfigureAwait(false);
        return (result, configuration);
    }

    // IdentityModel's own lifetime check reads the system clock; ours uses the injected one so lifetime
    // behaviour is testable. Same rules: exp required, nbf <= exp, both within the clock skew.
    private bool ValidateLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        if (expires is null)
        {
            throw new SecurityTokenNoExpirationException("The token has no expiry.");
        }

        if (notBefore > expires)
        {
            throw new SecurityTokenInvalidLifetimeException("The token's nbf is after its exp.");
        }

        var now = _time.GetUtcNow().UtcDateTime;
        if (notBefore is { } nbf && nbf > now + parameters.ClockSkew)
        {
            throw new SecurityTokenNotYetValidException("The token is not yet valid.") { NotBefore = nbf };
        }

        if (expires.Value < now - parameters.ClockSkew)
        {
            throw new SecurityTokenExpiredException("The token has expired.") { Expires = expires.Value };
        }

        return true;
    }

    private static bool HasKey(OpenIdConnectConfiguration configuration, string keyId) =>
        configuration.SigningKeys.Any(k => string.Equals(k.KeyId, keyId, StringComparison.Ordinal));

    private static string? TryGetIssuer(JsonWebToken token)
    {
        try
        {
            return token.Issuer;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    // Short, stable reasons for logs; IdentityModel's own messages are long and version-dependent.
    private static string Describe(Exception? exception) => exception switch
    {
        SecurityTokenExpiredException => "token expired",
        SecurityTokenNotYetValidException => "token not yet valid",
        SecurityTokenNoExpirationException => "token has no expiry",
        SecurityTokenInvalidLifetimeException => "invalid token lifetime",
        SecurityTokenInvalidIssuerException => "invalid issuer",
        SecurityTokenInvalidAudienceException => "invalid audience",
        SecurityTokenSignatureKeyNotFoundException => "signing key not found",
        SecurityTokenInvalidAlgorithmException => "signature algorithm not allowed",
        SecurityTokenInvalidSignatureException => "invalid signature",
        SecurityTokenMalformedException => "token is not a well-formed JWT",
        null => "token validation failed",
        _ => $"token validation failed ({exception.GetType().Name})",
    };
}
