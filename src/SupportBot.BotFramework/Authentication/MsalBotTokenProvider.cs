using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Client;
using Microsoft.Identity.Client.AppConfig;

namespace SupportBot.BotFramework.Authentication;

/// <summary>
/// Client-credentials tokens from Entra through MSAL (which caches per app and scope and renews before
/// expiry): a secret for MultiTenant/SingleTenant, the platform's managed identity for UserAssignedMSI.
/// </summary>
internal sealed class MsalBotTokenProvider : IBotTokenProvider
{
    /// <summary>Name of the HttpClient MSAL uses.</summary>
    public const string HttpClientName = "SupportBot.BotFramework.Token";

    private readonly BotAuthenticationOptions _options;
    private readonly ILogger<MsalBotTokenProvider> _logger;
    private readonly Lazy<IConfidentialClientApplication>? _confidentialClient;
    private readonly Lazy<IManagedIdentityApplication>? _managedIdentity;

    public MsalBotTokenProvider(
        IOptions<BotAuthenticationOptions> options,
        IHttpClientFactory httpClientFactory,
        ILogger<MsalBotTokenProvider> logger)
    {
        _options = options.Value;
        _logger = logger;
        if (_options.IsAnonymous)
        {
            return;
        }

        var msalHttp = new MsalHttpClientFactory(httpClientFactory);
        if (_options.AppType == BotAppType.UserAssignedMSI)
        {
            _managedIdentity = new Lazy<IManagedIdentityApplication>(() => ManagedIdentityApplicationBuilder
                .Create(ManagedIdentityId.WithUserAssignedClientId(_options.MicrosoftAppId))
                .WithHttpClientFactory(msalHttp)
                .Build());
        }
        else
        {
            _confidentialClient = new Lazy<IConfidentialClientApplication>(() => ConfidentialClientApplicationBuilder
                .Create(_options.MicrosoftAppId)
                .WithClientSecret(_options.MicrosoftAppPassword)
                .WithAuthority(_options.TokenAuthority.AbsoluteUri)
                .WithHttpClientFactory(msalHttp)
                .Build());
        }
    }

    /// <inheritdoc/>
    public async Task<string?> GetAccessTokenAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (_managedIdentity is not null)
            {
                var msi = await _managedIdentity.Value
                    .AcquireTokenForManagedIdentity(AuthenticationConstants.ChannelResource)
                    .ExecuteAsync(cancellationToken)
                    .ConfigureAwait(false);
                return msi.AccessToken;
            }

            if (_confidentialClient is not null)
            {
                var result = await _confidentialClient.Value
                    .AcquireTokenForClient([_options.OAuthScope])
                    .ExecuteAsync(cancellationToken)
                    .ConfigureAwait(false);
                return result.AccessToken;
            }

            return null;
        }
        catch (MsalException ex)
        {
            Log.TokenAcquisitionFailed(_logger, ex);
            throw;
        }
    }

    private sealed class MsalHttpClientFactory(IHttpClientFactory factory) : IMsalHttpClientFactory
    {
        public HttpClient GetHttpClient() => factory.CreateClient(HttpClientName);
    }
}
