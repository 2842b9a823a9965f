using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SupportBot.BotFramework.Authentication;
using SupportBot.BotFramework.Connector;
using SupportBot.BotFramework.Schema;

namespace SupportBot.BotFramework.Builder;

/// <summary>
/// The messaging endpoint, like the SDK's CloudAdapter: POST only (405), sent as JSON (415), a JSON object
/// with a <c>type</c>, a <c>conversation.id</c> and an http(s) <c>serviceUrl</c> (400), authenticated (401, nothing processed), then the turn runs and the response is 200
/// or, for invokes, the turn's <see cref="InvokeResponse"/> (501 when none). Turn failures go to
/// <see cref="OnTurnError"/>.
/// </summary>
public class BotAdapter : IBotFrameworkHttpAdapter
{
    private const string ExpectRepliesDeliveryMode = "expectReplies";
    private const int ReadChunkBytes = 16 * 1024;

    private readonly IChannelTokenValidator _validator;
    private readonly IConnectorClientFactory _connectors;
    private readonly BotAdapterOptions _options;
    private readonly IConversationStateResetter? _stateResetter;

    /// <summary>Creates the adapter; <paramref name="stateResetter"/> is optional.</summary>
    public BotAdapter(
        IChannelTokenValidator validator,
        IConnectorClientFactory connectors,
        IOptions<BotAdapterOptions> options,
        ILogger<BotAdapter> logger,
        IConversationStateResetter? stateResetter = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _validator = validator;
        _connectors = connectors;
        _options = options.Value;
        Logger = logger;
        _stateResetter = stateResetter;
        OnTurnError = DefaultOnTurnErrorAsync;
    }

    /// <summary>
    /// Called when a turn throws. The default logs, tells the user <see cref="BotAdapterOptions.TurnErrorMessage"/>
    /// (or answers an invoke with 500) and asks the <see cref="IConversationStateResetter"/>, if any, to reset
    /// the conversation. Set to null to let exceptions fail the request with 500.
    /// </summary>
    public Func<ITurnContext, Exception, Task>? OnTurnError { get; set; }

    /// <summary>The adapter's logger.</summary>
    protected ILogger Logger { get; }

    /// <inheritdoc/>
    public async Task ProcessAsync(HttpRequest httpRequest, HttpResponse httpResponse, IBot bot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(httpRequest);
        ArgumentNullException.ThrowIfNull(httpResponse);
        ArgumentNullException.ThrowIfNull(bot);

        try
        {
            await ProcessCoreAsync(httpRequest, httpResponse, bot, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The caller went away; there is no one to answer.
        }
        catch (Exception ex) when (ex is not BadHttpRequestException)
        {
            // A body the server could not read (broken chunking, a client gone mid-body) is the client's fault:
            // it goes on to the host's exception handler, which answers 400 for it; everything else is ours.
            Log.ProcessingFailed(Logger, ex);
            if (!httpResponse.HasStarted)
            {
                httpResponse.StatusCode = StatusCodes.Status500InternalServerError;
            }
        }
    }

    /// <summary>
    /// Runs a turn for an activity that is already trusted (authenticated by <see cref="ProcessAsync"/>, or
    /// produced in-process, e.g. by the self-hosted Direct Line). Replies go to the Connector client of the
    /// activity's <c>serviceUrl</c>. Returns the invoke response for invokes (501 when the turn set none),
    /// null otherwise.
    /// </summary>
    public virtual async Task<InvokeResponse?> ProcessActivityAsync(
        Activity activity,
        ClaimsIdentity? identity,
        BotCallbackHandler callback,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(callback);

        var connector = new Lazy<IConnectorClient>(() => _connectors.Create(
            activity.ServiceUrl ?? throw new InvalidOperationException("The activity has no serviceUrl to reply to.")));
        var turnContext = new TurnContext(activity, connector, identity);
        await RunTurnAsync(turnContext, callback, cancellationToken).ConfigureAwait(false);

        return activity.Type == ActivityTypes.Invoke
            ? turnContext.InvokeResponse ?? new InvokeResponse { Status = StatusCodes.Status501NotImplemented }
            : null;
    }

    /// <summary>
    /// Runs <paramref name="callback"/> in a conversation the bot knows from a stored reference (proactive
    /// message). Store only references whose serviceUrl arrived on an authenticated request.
    /// </summary>
    public virtual async Task ContinueConversationAsync(ConversationReference reference, BotCallbackHandler callback, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(callback);

        // The continuation looks inbound (from the user to the bot) so replies are addressed back to the user.
        var activity = new Activity
        {
            Type = ActivityTypes.Event,
            Name = "ContinueConversation",
            Id = reference.ActivityId,
            ChannelId = reference.ChannelId,
            ServiceUrl = reference.ServiceUrl,
            Conversation = reference.Conversation,
            From = reference.User,
            Recipient = reference.Bot,
            Locale = reference.Locale,
            RelatesTo = reference,
        };
        await ProcessActivityAsync(activity, null, callback, cancellationToken).ConfigureAwait(false);
    }

    private async Task ProcessCoreAsync(HttpRequest request, HttpResponse response, IBot bot, CancellationToken cancellationToken)
    {
        if (!HttpMethods.IsPost(request.Method))
        {
            response.Headers.Allow = HttpMethods.Post;
            Reject(response, StatusCodes.Status405MethodNotAllowed, "only POST is supported");
            return;
        }

        // Channels always send application/json; anything else is not an activity, and saying so beats a 400.
        if (!request.HasJsonContentType())
        {
            Reject(response, StatusCodes.Status415UnsupportedMediaType, "content type is not JSON");
            return;
        }

        var body = await ReadBodyAsync(request, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            Reject(response, StatusCodes.Status413PayloadTooLarge, "request body too large");
            return;
        }

        var activity = ParseActivity(body, out var parseError);
        if (activity is null)
        {
            Reject(response, StatusCodes.Status400BadRequest, parseError!);
            return;
        }

        var authentication = await _validator
            .AuthenticateAsync(request.Headers.Authorization.ToString(), activity, cancellationToken)
            .ConfigureAwait(false);
        if (!authentication.Succeeded)
        {
            Log.AuthenticationFailed(Logger, activity.ChannelId, authentication.FailureReason ?? "unknown");
            response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        // Never trust a callerId from the wire; it is derived from the token.
        activity.CallerId = authentication.CallerId;

        if (string.Equals(activity.DeliveryMode, ExpectRepliesDeliveryMode, StringComparison.Ordinal))
        {
            // Replies in the HTTP response are not implemented; failing loudly beats dropping them.
            Reject(response, StatusCodes.Status400BadRequest, "deliveryMode expectReplies is not supported");
            return;
        }

        var invokeResponse = await ProcessActivityAsync(activity, authentication.Identity, bot.OnTurnAsync, cancellationToken)
            .ConfigureAwait(false);

        if (invokeResponse is null)
        {
            response.StatusCode = StatusCodes.Status200OK;
            return;
        }

        response.StatusCode = invokeResponse.Status;
        if (invokeResponse.Body is not null)
        {
            response.ContentType = "application/json; charset=utf-8";
            await JsonSerializer.SerializeAsync(response.Body, invokeResponse.Body, invokeResponse.Body.GetType(), BotJson.Options, cancellationToken)
                .ConfigureAwait(false);
        }
    }

    private async Task RunTurnAsync(TurnContext turnContext, BotCallbackHandler callback, CancellationToken cancellationToken)
    {
        try
        {
            await callback(turnContext, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (OnTurnError is not null && !(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            await OnTurnError(turnContext, ex).ConfigureAwait(false);
        }
    }

    private async Task DefaultOnTurnErrorAsync(ITurnContext turnContext, Exception exception)
    {
        var activity = turnContext.Activity;
        // The channel itself down, throttling or hanging, its retry budget spent: an apology sent the same way
        // would spend another budget to fail the same way, so the turn ends here.
        var channelUnavailable = exception is ConnectorException { StatusCode: var status } && (status is null || ConnectorResilience.IsTransient(status.Value));
        if (channelUnavailable)
        {
            var unreachable = (ConnectorException)exception;
            Log.ChannelUnavailable(Logger, activity.ChannelId, (int?)unreachable.StatusCode, unreachable.Attempts);
        }
        else
        {
            Log.TurnFailed(Logger, activity.Type, activity.ChannelId, exception);
        }

        await ApologiseAsync(turnContext, sendMessage: !channelUnavailable).ConfigureAwait(false);

        if (_stateResetter is not null)
        {
            try
            {
                await _stateResetter.ResetConversationStateAsync(turnContext, CancellationToken.None).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // The host's reset failing must not turn a handled error into an unhandled one.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Log.StateResetFailed(Logger, ex);
            }
        }
    }

    private async Task ApologiseAsync(ITurnContext turnContext, bool sendMessage)
    {
        if (turnContext.Activity.Type == ActivityTypes.Invoke)
        {
            // The invoke's HTTP response is the only answer the channel shows.
            turnContext.InvokeResponse ??= new InvokeResponse { Status = StatusCodes.Status500InternalServerError };
        }
        else if (sendMessage)
        {
            try
            {
                await turnContext.SendActivityAsync(_options.TurnErrorMessage, cancellationToken: CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is ConnectorException or HttpRequestException or InvalidOperationException or ArgumentException)
            {
                Log.TurnErrorReplyFailed(Logger, ex);
            }
        }
    }

    private void Reject(HttpResponse response, int statusCode, string reason)
    {
        Log.RequestRejected(Logger, statusCode, reason);
        response.StatusCode = statusCode;
    }

    // Bounded read: a declared or actual body over the limit is refused without buffering it all.
    private async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var limit = _options.MaxRequestBodyBytes;
        if (request.ContentLength > limit)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[ReadChunkBytes];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static Activity? ParseActivity(byte[] body, out string? error)
    {
        error = null;
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                error = "body is not a JSON object";
                return null;
            }

            if (!BotJson.IsWellFormed(document.RootElement))
            {
                error = "body has a string with half a surrogate pair";
                return null;
            }

            var activity = document.RootElement.Deserialize<Activity>(BotJson.Options);
            if (string.IsNullOrEmpty(activity?.Type))
            {
                error = "activity has no type";
                return null;
            }

            // Every channel names the conversation (the spec's MUST) and where replies go; without them no
            // reply can be addressed, and the turn would fail after the fact instead of the request now.
            if (string.IsNullOrEmpty(activity.Conversation?.Id))
            {
                error = "activity has no conversation.id";
                return null;
            }

            if (!Uri.TryCreate(activity.ServiceUrl, UriKind.Absolute, out var serviceUrl) || serviceUrl.Scheme is not ("https" or "http"))
            {
                error = "activity has no absolute http(s) serviceUrl";
                return null;
            }

            if (activity.FindNullElement() is { } nullElement)
            {
                error = nullElement;
                return null;
            }

            return activity;
        }
        catch (JsonException)
        {
            error = "body is not a valid activity";
            return null;
        }
    }
}
