using System.Collections.Concurrent;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SupportBot.BotFramework.DirectLine;

/// <summary>
/// The WebSocket behind a <c>streamUrl</c>: on open, the activities after the URL's watermark; then each new
/// one as it is appended, as ActivitySets; an empty message when idle for
/// <see cref="DirectLineOptions.KeepAliveInterval"/> (clients ignore it; it keeps proxies and the
/// conversation alive). Whatever the client sends (DirectLineJS pings with empty strings) is read and
/// ignored. One socket per conversation (per instance): a newer one closes the older with reason
/// <c>collision</c>. When the store cannot be reached the socket is closed; the client reconnects.
/// </summary>
internal sealed class DirectLineStreams(
    IDirectLineStore store,
    IDirectLineRevocations revocations,
    DirectLineTokenCodec codec,
    IOptions<DirectLineOptions> options,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<DirectLineStreams> logger)
{
    private const int ReceiveBufferBytes = 4 * 1024;
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, StreamSession> _open = new(StringComparer.Ordinal);
    private readonly TimeSpan _keepAlive = options.Value.KeepAliveInterval;

    /// <summary>Sockets open now.</summary>
    public int OpenCount => _open.Count;

    public async Task<IResult?> AcceptAsync(HttpContext context, string conversationId)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            return DirectLineResults.Error(StatusCodes.Status400BadRequest, DirectLineErrorCodes.BadArgument, "This is a WebSocket endpoint: open the streamUrl with new WebSocket(streamUrl).");
        }

        // The stream URL carries its own credential (t=); the upgrade request has no Authorization header.
        switch (codec.Check(context.Request.Query["t"].ToString(), out var claims))
        {
            case TokenCheck.Expired:
                return DirectLineResults.Error(StatusCodes.Status403Forbidden, DirectLineErrorCodes.TokenExpired, "The stream URL has expired; reconnect for a new one.");
            case TokenCheck.Valid when claims!.Scope == DirectLineScopes.Stream && claims.ConversationId == conversationId:
                break;
            default:
                return DirectLineCredentials.Forbidden("The stream URL is not valid for this conversation.");
        }

        if (await revocations.IsRevokedAsync(claims.TokenId, conversationId, context.RequestAborted).ConfigureAwait(false))
        {
            return DirectLineCredentials.Revoked();
        }

        if (!await store.TouchAsync(conversationId, context.RequestAborted).ConfigureAwait(false))
        {
            return DirectLineResults.Error(StatusCodes.Status404NotFound, DirectLineErrorCodes.ConversationNotFound, "The conversation does not exist or has expired.");
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        using var session = new StreamSession(context.RequestAborted, lifetime.ApplicationStopping);
        StreamSession? older = null;
        _open.AddOrUpdate(conversationId, session, (_, existing) =>
        {
            older = existing;
            return session;
        });
        older?.Collide();
        Log.StreamOpened(logger);

        var reason = "closed";
        try
        {
            reason = await PumpAsync(socket, conversationId, claims.Watermark ?? 0, session).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            reason = session.Collided ? "collision" : "aborted";
        }
        catch (DirectLineStoreUnavailableException)
        {
            reason = "store unavailable";
        }
        finally
        {
            _open.TryRemove(new KeyValuePair<string, StreamSession>(conversationId, session));
            await CloseAsync(socket, reason).ConfigureAwait(false);
            Log.StreamClosed(logger, reason);
        }

        return null;
    }

    private async Task<string> PumpAsync(WebSocket socket, string conversationId, long watermark, StreamSession session)
    {
        var cancellation = session.Token;
        var clientClosed = DrainAsync(socket, cancellation);
        while (true)
        {
            var page = await store.ReadAsync(conversationId, watermark, ActivitySet.MaxActivities, cancellation).ConfigureAwait(false);
            if (page is null)
            {
                return "conversation ended";
            }

            if (page.Activities.Count > 0)
            {
                watermark = page.Activities[^1].Sequence;
                await socket.SendAsync(ActivitySet.ToUtf8(page.Activities, watermark), WebSocketMessageType.Text, endOfMessage: true, cancellation).ConfigureAwait(false);
                continue;
            }

            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            var activity = store.WaitForActivityAsync(conversationId, watermark, wait.Token);
            var keepAlive = Task.Delay(_keepAlive, time, wait.Token);
            var first = await Task.WhenAny(activity, keepAlive, clientClosed).ConfigureAwait(false);
            await wait.CancelAsync().ConfigureAwait(false);

            if (first == clientClosed)
            {
                return "client closed";
            }

            if (first == keepAlive)
            {
                await socket.SendAsync(ReadOnlyMemory<byte>.Empty, WebSocketMessageType.Text, endOfMessage: true, cancellation).ConfigureAwait(false);
                if (!await store.TouchAsync(conversationId, cancellation).ConfigureAwait(false))
                {
                    return "conversation ended";
                }

                continue;
            }

            if (!await activity.ConfigureAwait(false))
            {
                return "conversation ended";
            }
        }
    }

    // Reads and drops whatever the client sends; completes when it closes or the socket fails.
    private static async Task DrainAsync(WebSocket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[ReceiveBufferBytes];
        try
        {
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer, cancellationToken).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
        }
    }

    private static async Task CloseAsync(WebSocket socket, string reason)
    {
        if (socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
        {
            return;
        }

        using var timeout = new CancellationTokenSource(CloseTimeout);
        try
        {
            await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, reason, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            // The client is gone; nothing left to tell it.
        }
    }

    private sealed class StreamSession : IDisposable
    {
        private readonly CancellationTokenSource _cancellation;
        private int _collided;

        public StreamSession(CancellationToken aborted, CancellationToken stopping) =>
            _cancellation = CancellationTokenSource.CreateLinkedTokenSource(aborted, stopping);

        public CancellationToken Token => _cancellation.Token;

        public bool Collided => Volatile.Read(ref _collided) == 1;

        public void Collide()
        {
            Interlocked.Exchange(ref _collided, 1);
            try
            {
                _cancellation.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // That socket has already ended.
            }
        }

        public void Dispose() => _cancellation.Dispose();
    }
}
