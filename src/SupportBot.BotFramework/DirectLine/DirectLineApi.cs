using System.Globalization;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SupportBot.BotFramework.Schema;

namespace SupportBot.BotFramework.DirectLine;

/// <summary>
/// The Direct Line 3.0 routes under <c>/v3/directline</c>, as the official clients call them (see
/// <c>docs</c> of the protocol, §4): tokens, conversations, activities, and the WebSocket stream. Every error
/// is an <see cref="ErrorResponse"/>.
/// </summary>
public static class DirectLineApi
{
    /// <summary>The base path; clients take <c>{host}/v3/directline</c> as their <c>domain</c>.</summary>
    public const string BasePath = "/v3/directline";

    /// <summary>The CORS policy of the routes: any origin, the headers DirectLineJS sends.</summary>
    public const string CorsPolicy = "DirectLine";

    private const int MaxTokenRequestBytes = 16 * 1024;

    /// <summary>
    /// Maps the routes (needs <c>AddDirectLine</c>, and <c>UseWebSockets</c> and <c>UseCors</c> in the pipeline).
    /// A store that cannot be reached makes any route answer 503 <c>ServiceUnavailable</c>.
    /// </summary>
    public static RouteGroupBuilder MapDirectLine(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup(BasePath).RequireCors(CorsPolicy);
        api.AddEndpointFilter(AnswerUnavailableStoreWith503);
        api.MapPost("/tokens/generate", GenerateAsync);
        api.MapPost("/tokens/refresh", RefreshAsync);
        api.MapPost("/conversations", StartAsync);
        api.MapGet("/conversations/{conversationId}", ReconnectAsync);
        api.MapGet("/conversations/{conversationId}/activities", ActivitiesAsync);
        api.MapPost("/conversations/{conversationId}/activities", PostActivityAsync);
        api.MapPost("/conversations/{conversationId}/upload", UploadAsync);
        api.Map("/conversations/{conversationId}/stream", StreamAsync);
        return api;
    }

    // Secret only. Reserves a conversation id; the bot hears of it when the conversation is started.
    internal static async Task<IResult> GenerateAsync(HttpRequest request, DirectLineCredentials credentials, DirectLineService service, ILogger<DirectLineService> logger)
    {
        var (caller, rejection) = await credentials.AuthenticateAsync(request, request.HttpContext.RequestAborted).ConfigureAwait(false);
        if (caller is null)
        {
            return Reject(logger, rejection!, "bad credentials on tokens/generate");
        }

        if (!caller.IsSecret)
        {
            return Reject(logger, DirectLineCredentials.Forbidden("tokens/generate needs the secret, not a token."), "token on tokens/generate");
        }

        var body = await ReadJsonAsync(request, MaxTokenRequestBytes).ConfigureAwait(false);
        if (body.Error is not null)
        {
            return body.Error;
        }

        ChannelAccount? user = null;
        if (body.Root is { ValueKind: JsonValueKind.Object } root && root.TryGetProperty("user", out var userElement) && userElement.ValueKind == JsonValueKind.Object)
        {
            var id = String(userElement, "id");
            if (id is not null && !id.StartsWith(DirectLineService.TokenUserPrefix, StringComparison.Ordinal))
            {
                return Error(StatusCodes.Status400BadRequest, DirectLineErrorCodes.BadArgument, $"user.id must start with '{DirectLineService.TokenUserPrefix}'.");
            }

            user = id is null ? null : new ChannelAccount(id, String(userElement, "name"));
        }

        return Results.Json(service.GenerateToken(user), BotJson.Options);
    }

    // Token only: a new token for the same conversation, while the old one is still valid (it is then revoked).
    internal static async Task<IResult> RefreshAsync(HttpRequest request, DirectLineCredentials credentials, DirectLineService service, ILogger<DirectLineService> logger)
    {
        var (caller, rejection) = await credentials.AuthenticateAsync(request, request.HttpContext.RequestAborted).ConfigureAwait(false);
        if (caller is null)
        {
            return Reject(logger, rejection!, "bad, expired or revoked token on tokens/refresh");
        }

        return caller.Token is { } claims
            ? Results.Json(await service.RefreshAsync(claims, DirectLineService.TurnCancellation).ConfigureAwait(false), BotJson.Options)
            : Error(StatusCodes.Status400BadRequest, DirectLineErrorCodes.BadArgument, "tokens/refresh refreshes a token; a secret does not expire.");
    }

    // 201 when this call started the conversation, 200 when the token's conversation was already started.
    internal static async Task<IResult> StartAsync(HttpRequest request, DirectLineCredentials credentials, DirectLineService service, ILogger<DirectLineService> logger)
    {
        var (caller, rejection) = await credentials.AuthenticateAsync(request, request.HttpContext.RequestAborted).ConfigureAwait(false);
        if (caller is null)
        {
            return Reject(logger, rejection!, "bad credentials on conversations");
        }

        var body = await ReadJsonAsync(request, MaxTokenRequestBytes).ConfigureAwait(false);
        if (body.Error is not null)
        {
            return body.Error;
        }

        // DirectLineJS sends { user: { id }, locale }; a user embedded in the token wins.
        var root = body.Root ?? default;
        var bodyUser = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("user", out var u) && u.ValueKind == JsonValueKind.Object ? u : default;
        var userId = caller.Token?.UserId ?? (bodyUser.ValueKind == JsonValueKind.Object ? String(bodyUser, "id") : null);
        var userName = caller.Token?.UserName ?? (bodyUser.ValueKind == JsonValueKind.Object ? String(bodyUser, "name") : null);
        var locale = root.ValueKind == JsonValueKind.Object ? String(root, "locale") : null;

        var conversationId = caller.Token?.ConversationId ?? DirectLineService.NewConversationId();
        bool created;
        try
        {
            created = await service.StartAsync(conversationId, userId is null ? null : new ChannelAccount(userId, userName), locale, DirectLineService.TurnCancellation)
                .ConfigureAwait(false);
        }
        catch (BotRejectedActivityException)
        {
            return Error(StatusCodes.Status502BadGateway, DirectLineErrorCodes.BotRejectedActivity, "The bot failed to start the conversation.");
        }

        var conversation = Conversation(request, service, conversationId, caller, watermark: 0);
        return Results.Json(conversation, BotJson.Options, statusCode: created ? StatusCodes.Status201Created : StatusCodes.Status200OK);
    }

    // Reconnect: a fresh token and streamUrl; the stream replays after ?watermark=, or only new activities without it.
    internal static async Task<IResult> ReconnectAsync(string conversationId, HttpRequest request, DirectLineCredentials credentials, DirectLineService service, IDirectLineStore store, ILogger<DirectLineService> logger)
    {
        var (caller, rejected) = await AuthorizeAsync(request, credentials, conversationId, logger).ConfigureAwait(false);
        if (rejected is not null)
        {
            return rejected;
        }

        if (!TryReadWatermark(request, out var watermark))
        {
            return Error(StatusCodes.Status400BadRequest, DirectLineErrorCodes.BadArgument, "watermark must be a watermark this service returned.");
        }

        var page = await store.ReadAsync(conversationId, long.MaxValue, 0, request.HttpContext.RequestAborted).ConfigureAwait(false);
        if (page is null)
        {
            return NotFound();
        }

        return Results.Json(Conversation(request, service, conversationId, caller!, watermark ?? page.Latest), BotJson.Options);
    }

    // Polling: the activities after ?watermark= (all kept ones without it), typing excluded as in Azure.
    internal static async Task<IResult> ActivitiesAsync(string conversationId, HttpRequest request, DirectLineCredentials credentials, IDirectLineStore store, ILogger<DirectLineService> logger)
    {
        if ((await AuthorizeAsync(request, credentials, conversationId, logger).ConfigureAwait(false)).Rejection is { } rejected)
        {
            return rejected;
        }

        if (!TryReadWatermark(request, out var after))
        {
            return Error(StatusCodes.Status400BadRequest, DirectLineErrorCodes.BadArgument, "watermark must be a watermark this service returned.");
        }

        var page = await store.ReadAsync(conversationId, after ?? 0, ActivitySet.MaxActivities, request.HttpContext.RequestAborted).ConfigureAwait(false);
        if (page is null)
        {
            return NotFound();
        }

        var watermark = page.Activities.Count > 0 ? page.Activities[^1].Sequence : page.Latest;
        var visible = page.Activities.Where(a => a.Type != ActivityTypes.Typing);
        return Results.Bytes(ActivitySet.ToUtf8(visible, watermark), "application/json; charset=utf-8");
    }

    internal static async Task<IResult> PostActivityAsync(
        string conversationId,
        HttpRequest request,
        DirectLineCredentials credentials,
        DirectLineService service,
        IOptions<DirectLineOptions> options,
        ILogger<DirectLineService> logger)
    {
        var (caller, rejected) = await AuthorizeAsync(request, credentials, conversationId, logger).ConfigureAwait(false);
        if (rejected is not null)
        {
            return rejected;
        }

        var maxBytes = options.Value.MaxActivityBytes;
        var body = await ReadJsonAsync(request, maxBytes).ConfigureAwait(false);
        if (body.Error is not null)
        {
            return body.Error;
        }

        if (body.Root is not { ValueKind: JsonValueKind.Object } root)
        {
            return Error(StatusCodes.Status400BadRequest, DirectLineErrorCodes.BadArgument, "Post one activity as a JSON object.");
        }

        Activity? activity;
        try
        {
            activity = root.Deserialize<Activity>(BotJson.Options);
        }
        catch (JsonException)
        {
            return Error(StatusCodes.Status400BadRequest, DirectLineErrorCodes.BadArgument, "The body is not a valid activity.");
        }

        if (string.IsNullOrEmpty(activity?.Type))
        {
            return Error(StatusCodes.Status400BadRequest, DirectLineErrorCodes.MissingProperty, "The activity has no type.");
        }

        if (activity.FindNullElement() is { } nullElement)
        {
            return Error(StatusCodes.Status400BadRequest, DirectLineErrorCodes.BadArgument, $"The activity's {nullElement}.");
        }

        if (caller!.Token?.UserId is null && string.IsNullOrEmpty(activity.From?.Id))
        {
            return Error(StatusCodes.Status400BadRequest, DirectLineErrorCodes.MissingProperty, "The activity has no from.id.");
        }

        try
        {
            var id = await service.PostAsync(conversationId, activity, caller, DirectLineService.TurnCancellation).ConfigureAwait(false);
            return id is null ? NotFound() : Results.Json(new ResourceResponse(id), BotJson.Options);
        }
        catch (BotRejectedActivityException)
        {
            return Error(StatusCodes.Status502BadGateway, DirectLineErrorCodes.BotRejectedActivity, "The bot failed on the activity.");
        }
    }

    // Web Chat's upload button is hidden on our pages; say so clearly instead of a bare 404.
    internal static async Task<IResult> UploadAsync(string conversationId, HttpRequest request, DirectLineCredentials credentials, ILogger<DirectLineService> logger) =>
        (await AuthorizeAsync(request, credentials, conversationId, logger).ConfigureAwait(false)).Rejection
        ?? Error(StatusCodes.Status400BadRequest, DirectLineErrorCodes.NotSupported, "This service does not accept file uploads.");

    internal static async Task StreamAsync(string conversationId, HttpContext context, DirectLineStreams streams)
    {
        if (await streams.AcceptAsync(context, conversationId).ConfigureAwait(false) is { } rejection)
        {
            await rejection.ExecuteAsync(context).ConfigureAwait(false);
        }
    }

    private static DirectLineConversation Conversation(HttpRequest request, DirectLineService service, string conversationId, DirectLineCaller caller, long watermark)
    {
        var token = service.TokenFor(conversationId, caller);
        var scheme = request.IsHttps ? "wss" : "ws";
        var streamUrl = $"{scheme}://{request.Host}{request.PathBase}{BasePath}/conversations/{Uri.EscapeDataString(conversationId)}/stream?t={Uri.EscapeDataString(service.StreamToken(conversationId, watermark))}";
        return new DirectLineConversation(conversationId, token.Token, token.ExpiresIn, streamUrl);
    }

    private static async Task<(DirectLineCaller? Caller, IResult? Rejection)> AuthorizeAsync(HttpRequest request, DirectLineCredentials credentials, string conversationId, ILogger logger)
    {
        var (caller, rejection) = await credentials.AuthenticateAsync(request, request.HttpContext.RequestAborted).ConfigureAwait(false);
        if (caller is null)
        {
            return (null, Reject(logger, rejection!, "bad, expired or revoked credentials"));
        }

        return caller.MayUse(conversationId)
            ? (caller, null)
            : (null, Reject(logger, DirectLineCredentials.Forbidden("This token is for another conversation."), "token of another conversation"));
    }

    // One place for a store outage (e.g. Redis down): a clear 503 the client may retry, never a 500.
    private static async ValueTask<object?> AnswerUnavailableStoreWith503(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context).ConfigureAwait(false);
        }
        catch (DirectLineStoreUnavailableException ex) when (!context.HttpContext.Response.HasStarted)
        {
            Log.StoreUnavailable(context.HttpContext.RequestServices.GetRequiredService<ILogger<DirectLineService>>(), ex.Message);
            context.HttpContext.Response.Headers.RetryAfter = "5";
            return Error(StatusCodes.Status503ServiceUnavailable, DirectLineErrorCodes.ServiceUnavailable, "The chat service's store cannot be reached; try again in a moment.");
        }
    }

    // Missing or empty (DirectLineJS sends "watermark=" before it has one) means none.
    private static bool TryReadWatermark(HttpRequest request, out long? watermark)
    {
        watermark = null;
        var value = request.Query["watermark"].ToString();
        if (value.Length == 0)
        {
            return true;
        }

        if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
        {
            watermark = parsed;
            return true;
        }

        return false;
    }

    private static async Task<(JsonElement? Root, IResult? Error)> ReadJsonAsync(HttpRequest request, int maxBytes)
    {
        if (request.ContentLength > maxBytes)
        {
            return (null, TooBig(maxBytes));
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return (null, TooBig(maxBytes));
            }

            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length == 0)
        {
            return (null, null);
        }

        // DirectLineJS and Web Chat send application/json; a form or text body is some other client's mistake.
        if (!request.HasJsonContentType())
        {
            return (null, Error(StatusCodes.Status415UnsupportedMediaType, DirectLineErrorCodes.BadArgument, "Send the body as JSON with Content-Type: application/json."));
        }

        // The JSON reader checks UTF-8 only when a string is read, and then throws InvalidOperationException.
        if (!Utf8.IsValid(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)))
        {
            return (null, Error(StatusCodes.Status400BadRequest, DirectLineErrorCodes.BadArgument, "The body is not valid UTF-8."));
        }

        try
        {
            using var document = JsonDocument.Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
            return BotJson.IsWellFormed(document.RootElement)
                ? (document.RootElement.Clone(), null)
                : (null, Error(StatusCodes.Status400BadRequest, DirectLineErrorCodes.BadArgument, "The body has a string with half a surrogate pair."));
        }
        catch (JsonException)
        {
            return (null, Error(StatusCodes.Status400BadRequest, DirectLineErrorCodes.BadArgument, "The body is not valid JSON."));
        }
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } s ? s : null;

    private static IResult TooBig(int maxBytes) =>
        Error(StatusCodes.Status413PayloadTooLarge, DirectLineErrorCodes.MessageSizeTooBig, $"The body must be at most {maxBytes} bytes.");

    private static IResult NotFound() =>
        Error(StatusCodes.Status404NotFound, DirectLineErrorCodes.ConversationNotFound, "The conversation does not exist or has expired.");

    private static IResult Error(int statusCode, string code, string message) => DirectLineResults.Error(statusCode, code, message);

    private static IResult Reject(ILogger logger, IResult rejection, string reason)
    {
        if (rejection is IStatusCodeHttpResult { StatusCode: { } status })
        {
            Log.RequestRejected(logger, status, status == StatusCodes.Status401Unauthorized ? DirectLineErrorCodes.Unauthorized : DirectLineErrorCodes.Forbidden, reason);
        }

        return rejection;
    }
}
