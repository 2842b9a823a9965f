using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SupportBot.BotFramework.Authentication;
using SupportBot.BotFramework.Tests.TestSupport;

namespace SupportBot.BotFramework.Tests.Authentication;

public sealed class MsalBotTokenProviderTests
{
    [Fact]
    public async Task GetAccessTokenAsync_Anonymous_ReturnsNullWithoutRequests()
    {
        using var handler = new TokenEndpointHandler();
        var provider = Create(new BotAuthenticationOptions(), handler);

        Assert.Null(await provider.GetAccessTokenAsync(default));
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task GetAccessTokenAsync_MultiTenant_ClientCredentialsAgainstBotFrameworkTenant()
    {
        using var handler = new TokenEndpointHandler();
        var provider = Create(new BotAuthenticationOptions { MicrosoftAppId = TestTokenIssuer.AppId, MicrosoftAppPassword = "s3cret" }, handler);

        var token = await provider.GetAccessTokenAsync(default);

        Assert.Equal("token-1", token);
        var request = Assert.Single(handler.Requests, r => r.Uri.AbsolutePath.EndsWith("/oauth2/v2.0/token", StringComparison.Ordinal));
        Assert.Equal("https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token", request.Uri.GetLeftPart(UriPartial.Path));
        Assert.Contains("grant_type=client_credentials", request.Body, StringComparison.Ordinal);
        Assert.Contains($"client_id={TestTokenIssuer.AppId}", request.Body, StringComparison.Ordinal);
        Assert.Contains("scope=https%3A%2F%2Fapi.botframework.com%2F.default", request.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAccessTokenAsync_SecondCall_ServedFromCache()
    {
        using var handler = new TokenEndpointHandler();
        var provider = Create(new BotAuthenticationOptions { MicrosoftAppId = TestTokenIssuer.AppId, MicrosoftAppPassword = "s3cret" }, handler);

        var first = await provider.GetAccessTokenAsync(default);
        var second = await provider.GetAccessTokenAsync(default);

        Assert.Equal(first, second);
        Assert.Single(handler.Requests, r => r.Uri.AbsolutePath.EndsWith("/token", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetAccessTokenAsync_SingleTenant_UsesConfiguredTenantAuthority()
    {
        using var handler = new TokenEndpointHandler();
        var provider = Create(
            new BotAuthenticationOptions
            {
                MicrosoftAppId = TestTokenIssuer.AppId,
                MicrosoftAppPassword = "s3cret",
                MicrosoftAppType = "singletenant",
                MicrosoftAppTenantId = "44444444-4444-4444-4444-444444444444",
            },
            handler);

        await provider.GetAccessTokenAsync(default);

        Assert.Contains(handler.Requests, r => r.Uri.GetLeftPart(UriPartial.Path) ==
            "https://login.microsoftonline.com/44444444-4444-4444-4444-444444444444/oauth2/v2.0/token");
    }

    private static MsalBotTokenProvider Create(BotAuthenticationOptions options, HttpMessageHandler handler) =>
        new(Options.Create(options), new TestHttpClientFactory(handler), NullLogger<MsalBotTokenProvider>.Instance);

    /// <summary>Answers MSAL's token requests in memory; anything else (instance discovery) gets 404.</summary>
    private sealed class TokenEndpointHandler : HttpMessageHandler
    {
        private int _issued;

        public ConcurrentQueue<(Uri Uri, string Body)> Requests { get; } = new();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
            Requests.Enqueue((request.RequestUri!, body));
            if (!request.RequestUri!.AbsolutePath.EndsWith("/oauth2/v2.0/token", StringComparison.Ordinal))
            {
                return new HttpResponseMessage(HttpStatusCode.NotFound);
            }

            var json = $$"""{"token_type":"Bearer","expires_in":3600,"ext_expires_in":3600,"access_token":"token-{{Interlocked.Increment(ref _issued)}}"}""";
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        }
    }
}
