using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Timeout;
using SupportBot.BotFramework.Authentication;
using SupportBot.BotFramework.Schema;

namespace SupportBot.BotFramework.Connector;

/// <summary>
/// The Bot Connector REST API over HTTP for one <c>serviceUrl</c>. Ids are percent-encoded into the path
/// (Teams ids contain <c>:</c>, <c>@</c>, <c>;</c>); the bot's token is attached when one is configured;
/// transient failures are retried per <see cref="ConnectorClientOptions"/>; final failures throw
/// <see cref="ConnectorException"/>. Get instances from <see cref="IConnectorClientFactory"/>.
/// </summary>
public sealed class ConnectorClient : IConnectorClient
{
    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json") { CharSet = "utf-8" };

    private readonly string _baseUrl;
    private readonly HttpClient _http;
    private readonly IBotTokenProvider _tokens;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;

    internal ConnectorClient(
        Uri serviceUrl,
        HttpClient http,
        IBotTokenProvider tokens,
        ResiliencePipeline<HttpResponseMessage> pipeline,
        TimeProvider time,
        ILogger logger)
    {
        _time = time;
        ServiceUrl = serviceUrl.OriginalString;
        _baseUrl = serviceUrl.AbsoluteUri.TrimEnd('/');
        _http = http;
        _tokens = tokens;
        _pipeline = pipeline;
        _logger = logger;
    }

    /// <inheritdoc/>
    public string ServiceUrl { get; }

    /// <inheritdoc/>
    public async Task<ResourceResponse?> SendToConversationAsync(string conversationId, Activity activity, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversationId);
        ArgumentNullException.ThrowIfNull(activity);
        return await SendAsync(HttpMethod.Post, $"v3/conversations/{Encode(conversationId)}/activities", activity, "SendToConversation", cancellationToken)
            .ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<ResourceResponse?> ReplyToActivityAsync(string conversationId, string activityId, Activity activity, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversationId);
        ArgumentException.ThrowIfNullOrEmpty(activityId);
        ArgumentNullException.ThrowIfNull(activity);
        return await SendAsync(HttpMethod.Post, $"v3/conversations/{Encode(conversationId)}/activities/{Encode(activityId)}", activity, "ReplyToActivity", cancellationToken)
            .ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<ResourceResponse?> UpdateActivityAsync(string conversationId, string activityId, Activity activity, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversationId);
        ArgumentException.ThrowIfNullOrEmpty(activityId);
        ArgumentNullException.ThrowIfNull(activity);
        return await SendAsync(HttpMethod.Put, $"v3/conversations/{Encode(conversationId)}/activities/{Encode(activityId)}", activity, "UpdateActivity", cancellationToken)
            .ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task DeleteActivityAsync(string conversationId, string activityId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversationId);
        ArgumentException.ThrowIfNullOrEmpty(activityId);
        await SendAsync(HttpMethod.Delete, $"v3/conversations/{Encode(conversationId)}/activities/{Encode(activityId)}", null, "DeleteActivity", cancellationToken)
            .ConfigureAwait(false);
    }

    private static string Encode(string segment) => Uri.EscapeDataString(segment);

    private async Task<ResourceResponse?> SendAsync(HttpMethod method, string path, Activity? activity, string operation, CancellationToken cancellationToken)
    {
        var uri = new Uri($"{_baseUrl}/{path}");
        var body = activity is null ? null : JsonSerializer.SerializeToUtf8Bytes(activity, BotJson.Options);

        var started = _time.GetTimestamp();
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(ConnectorResilience.Started, started);
        context.Properties.Set(ConnectorResilience.Attempts, 0);
        HttpResponseMessage response;
        int attempts;
        try
        {
            response = await _pipeline.ExecuteAsync(
                async (ctx, call) =>
                {
                    ctx.Properties.Set(ConnectorResilience.Attempts, ctx.Properties.GetValue(ConnectorResilience.Attempts, 0) + 1);

                    // A fresh request per attempt: a sent HttpRequestMessage cannot be sent again.
                    using var request = new HttpRequestMessage(call.Method, call.Uri);
                    if (call.Body is not null)
                    {
                        request.Content = new ByteArrayContent(call.Body) { Headers = { ContentType = JsonContentType } };
                    }

                    await call.Client.AuthorizeAsync(request, ctx.CancellationToken).ConfigureAwait(false);
                    return await call.Client._http.SendAsync(request, ctx.CancellationToken).ConfigureAwait(false);
                },
                context,
                (Client: this, Method: method, Uri: uri, Body: body)).ConfigureAwait(false);
            attempts = context.Properties.GetValue(ConnectorResilience.Attempts, 0);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException)
        {
            attempts = context.Properties.GetValue(ConnectorResilience.Attempts, 0);
            var reason = ex is TimeoutRejectedException timeout ? $"timed out after {timeout.Timeout}" : "network error";
            Log.CallFailedWithoutResponse(_logger, method.Method, operation, attempts, _time.GetElapsedTime(started).TotalMilliseconds, reason, ex);
            throw new ConnectorException($"Connector {operation} to {uri.Host} failed without a response after {attempts} attempt(s) ({reason}).", null, null, null, ex)
            {
                Attempts = attempts,
            };
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }

        using (response)
        {
            var correlationId = response.Headers.TryGetValues("X-Correlating-OperationId", out var values) ? values.FirstOrDefault() : null;
            if (!response.IsSuccessStatusCode)
            {
                var error = await ReadJsonAsync<ErrorResponse>(response, cancellationToken).ConfigureAwait(false);
                Log.CallFailed(_logger, method.Method, operation, attempts, _time.GetElapsedTime(started).TotalMilliseconds, (int)response.StatusCode, error?.Error?.Code, correlationId);
                throw new ConnectorException(
                    $"Connector {operation} failed with {(int)response.StatusCode} ({error?.Error?.Code ?? response.ReasonPhrase}) after {attempts} attempt(s).",
                    response.StatusCode,
                    error,
                    correlationId)
                {
                    Attempts = attempts,
                };
            }

            return response.StatusCode == HttpStatusCode.NoContent
                ? null
                : await ReadJsonAsync<ResourceResponse>(response, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task AuthorizeAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = await _tokens.GetAccessTokenAsync(cancellationToken).ConfigureAwait(false);
        if (token is null)
        {
            return;
        }

        // The bot's token must never cross the network in clear text; loopback is the local Emulator/tests.
        if (request.RequestUri!.Scheme != Uri.UriSchemeHttps && !request.RequestUri.IsLoopback)
        {
            throw new ConnectorException($"Refusing to send the bot's token over plain HTTP to {request.RequestUri.Host}.");
        }

        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    private static async Task<T?> ReadJsonAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            if (bytes.Length == 0)
            {
                return null;
            }

            return JsonSerializer.Deserialize<T>(bytes, BotJson.Options);
        }
        catch (JsonException)
        {
            // A channel answering with HTML or plain text still succeeded or failed by status; the body is a bonus.
            return null;
        }
    }
}
