using System.Buffers.Text;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using SupportBot.BotFramework.DirectLine;
using SupportBot.BotFramework.Schema;

namespace SupportBot.WebChat;

/// <summary>
/// What the page gets from <c>POST /api/directline/token</c>: a single-conversation token and the Direct Line
/// <c>domain</c> to use it with (this host's <c>/v3/directline</c>, or Azure's), never a secret.
/// </summary>
public sealed record WebChatToken(
    [property: JsonPropertyName("token")] string Token,
    [property: JsonPropertyName("conversationId")] string ConversationId,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("userId")] string UserId,
    [property: JsonPropertyName("domain")] string Domain);

/// <summary>Where page tokens come from: the built-in Direct Line, or Azure Bot Service.</summary>
public interface IWebChatTokenSource
{
    Task<WebChatToken> CreateAsync(HttpRequest request, CancellationToken cancellationToken);
}

/// <summary>Azure refused or could not be reached; the page is told to try again, the log says why.</summary>
internal sealed class DirectLineExchangeException(string message, Exception? inner = null) : Exception(message, inner);

internal static class WebChatUsers
{
    // An unguessable user id, embedded in the token so the page cannot pretend to be someone else.
    public static string NewUserId() => DirectLineUserIds.Prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(12));
}

/// <summary>Tokens from this host's own Direct Line, minted in-process.</summary>
internal sealed class SelfHostedTokenSource(IDirectLineTokenIssuer issuer) : IWebChatTokenSource
{
    public Task<WebChatToken> CreateAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var userId = WebChatUsers.NewUserId();
        var token = issuer.GenerateToken(new ChannelAccount(userId));
        var domain = $"{request.Scheme}://{request.Host}{request.PathBase}{DirectLineApi.BasePath}";
        return Task.FromResult(new WebChatToken(token.Token, token.ConversationId, token.ExpiresIn, userId, domain));
    }
}

/// <summary>
/// Tokens from Azure Bot Service: <c>POST {AzureEndpoint}/tokens/generate</c> with the secret, per visitor, with
/// a <c>dl_</c> user id embedded (the production pattern of the protocol reference, §6).
/// </summary>
internal sealed class AzureTokenSource(IHttpClientFactory httpClients, IOptions<AzureDirectLineOptions> options, ILogger<AzureTokenSource> logger) : IWebChatTokenSource
{
    public const string HttpClientName = "SupportBot.WebChat.AzureDirectLine";

    public async Task<WebChatToken> CreateAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var domain = settings.AzureEndpoint.AbsoluteUri.TrimEnd('/');
        var userId = WebChatUsers.NewUserId();
        using var message = new HttpRequestMessage(HttpMethod.Post, $"{domain}/tokens/generate")
        {
            Content = JsonContent.Create(new { user = new { id = userId } }),
        };
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.AzureSecret);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.AzureTimeout);
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(message, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                Log.AzureTokenRefused(logger, (int)response.StatusCode);
                throw new DirectLineExchangeException($"Azure Direct Line answered {(int)response.StatusCode}.");
            }

            var body = await response.Content.ReadFromJsonAsync<DirectLineToken>(BotJson.Options, timeout.Token);
            if (body is not { Token.Length: > 0, ConversationId.Length: > 0 })
            {
                throw new DirectLineExchangeException("Azure Direct Line answered without a token.");
            }

            return new WebChatToken(body.Token, body.ConversationId, body.ExpiresIn, userId, domain);
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            Log.AzureTokenFailed(logger, ex.GetType().Name);
            throw new DirectLineExchangeException("Azure Direct Line could not be reached.", ex);
        }
    }
}
