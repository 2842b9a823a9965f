using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SupportBot.BotFramework.Builder;
using SupportBot.BotFramework.Schema;

namespace SupportBot.BotFramework.DirectLine;

/// <summary>Mints Direct Line tokens in-process, for a site's own token endpoint.</summary>
public interface IDirectLineTokenIssuer
{
    /// <summary>
    /// Reserves a new conversation and returns a token for it, as <c>tokens/generate</c> does.
    /// <paramref name="user"/>'s id, when given, must start with <c>dl_</c>: it is embedded in the token and
    /// overrides <c>from.id</c> of everything posted with it.
    /// </summary>
    DirectLineToken GenerateToken(ChannelAccount? user = null);
}

/// <summary>User ids a token may embed.</summary>
public static class DirectLineUserIds
{
    /// <summary>
    /// The prefix an embedded user id must have (as in Azure Bot Service); Web Chat refuses such ids from page
    /// script, so a <c>dl_</c> id always comes from a token.
    /// </summary>
    public const string Prefix = "dl_";
}

/// <summary>The bot was given the activity and failed on it (502 <c>BotRejectedActivity</c>).</summary>
internal sealed class BotRejectedActivityException(Exception inner) : Exception("The bot failed on the activity.", inner);

/// <summary>
/// The service behind the routes: tokens, starting conversations (with the bot's <c>conversationUpdate</c>),
/// and handing posted activities to the bot in-process through <see cref="BotAdapter.ProcessActivityAsync"/>,
/// the same turn pipeline as <c>/api/messages</c>. Replies come back through <see cref="DirectLineConnector"/>.
/// Revokes what should stop working: a refreshed token (after <see cref="DirectLineOptions.RefreshedTokenGracePeriod"/>)
/// and every token of a conversation its user ends with <c>endOfConversation</c>.
/// </summary>
internal sealed class DirectLineService(
    IDirectLineStore store,
    IDirectLineRevocations revocations,
    DirectLineTokenCodec codec,
    DirectLineConnector connector,
    BotAdapter adapter,
    IBot bot,
    IOptions<DirectLineOptions> options,
    TimeProvider time,
    ILogger<DirectLineService> logger) : IDirectLineTokenIssuer
{
    /// <summary>See <see cref="DirectLineUserIds.Prefix"/>.</summary>
    public const string TokenUserPrefix = DirectLineUserIds.Prefix;

    private const int ConversationIdBytes = 18;
    private readonly DirectLineOptions _options = options.Value;

    /// <summary>
    /// Turns run to completion even if the poster hangs up (the reply still belongs in the transcript) or the host
    /// is stopping (graceful shutdown waits for requests in flight, and a turn takes milliseconds).
    /// </summary>
    public static CancellationToken TurnCancellation => CancellationToken.None;

    public int ExpiresIn => (int)_options.TokenLifetime.TotalSeconds;

    /// <inheritdoc/>
    public DirectLineToken GenerateToken(ChannelAccount? user = null)
    {
        if (user?.Id is { } id && !id.StartsWith(TokenUserPrefix, StringComparison.Ordinal))
        {
            throw new ArgumentException($"A user id embedded in a token must start with '{TokenUserPrefix}'.", nameof(user));
        }

        return Token(NewConversationId(), user?.Id, user?.Name);
    }

    /// <summary>A new, unguessable conversation id (24 URL-safe characters).</summary>
    public static string NewConversationId() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(ConversationIdBytes));

    /// <summary>
    /// A new token with the same conversation and user, expiring a full lifetime from now. The old one is
    /// revoked after the grace period, so a copy of it left behind (a log, a stolen page) soon stops working,
    /// while requests the client sent with it before it saw the new one still pass.
    /// </summary>
    public async Task<DirectLineToken> RefreshAsync(DirectLineClaims claims, CancellationToken cancellationToken)
    {
        if (claims.TokenId is { } tokenId)
        {
            await revocations.RevokeTokenAsync(tokenId, time.GetUtcNow() + _options.RefreshedTokenGracePeriod, claims.ExpiresAt, cancellationToken)
                .ConfigureAwait(false);
        }

        return Token(claims.ConversationId, claims.UserId, claims.UserName);
    }

    /// <summary>A fresh token for the conversation: the caller's user when it has a token.</summary>
    public DirectLineToken TokenFor(string conversationId, DirectLineCaller caller) =>
        Token(conversationId, caller.Token?.UserId, caller.Token?.UserName);

    /// <summary>The pre-authorized stream credential: opens this conversation's socket, replaying after <paramref name="watermark"/>.</summary>
    public string StreamToken(string conversationId, long watermark) => codec.Issue(new DirectLineClaims(
        DirectLineScopes.Stream, conversationId, null, null, time.GetUtcNow() + _options.StreamUrlLifetime, watermark));

    /// <summary>
    /// Creates the conversation if it does not exist yet and tells the bot with a <c>conversationUpdate</c>
    /// adding itself and, when known, the user (so the bot can welcome them before they type). That activity
    /// is the bot's only: clients never receive it. Returns false when it already existed.
    /// </summary>
    public async Task<bool> StartAsync(string conversationId, ChannelAccount? user, string? locale, CancellationToken cancellationToken)
    {
        if (!await store.CreateAsync(conversationId, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        Log.ConversationStarted(logger);
        var members = new List<ChannelAccount> { connector.Bot };
        if (user is not null)
        {
            members.Add(new ChannelAccount(user.Id, user.Name, RoleTypes.User));
        }

        var update = new Activity
        {
            Type = ActivityTypes.ConversationUpdate,
            Id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)),
            Timestamp = time.GetUtcNow(),
            ChannelId = Channels.Directline,
            ServiceUrl = connector.ServiceUrl,
            Conversation = new ConversationAccount { Id = conversationId },
            From = user is null ? null : new ChannelAccount(user.Id, user.Name, RoleTypes.User),
            Recipient = connector.Bot,
            MembersAdded = members,
            Locale = locale,
        };
        await RunTurnAsync(update).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// Stamps a client's activity as the service owns it (id, time, channel, conversation, recipient, sender
    /// role; the token's user id wins over <c>from.id</c>), appends it to the transcript (the echo Web Chat
    /// waits for, <c>channelData</c> untouched) and runs the bot on it. Null when the conversation does not
    /// exist; throws <see cref="BotRejectedActivityException"/> when the bot fails. An <c>endOfConversation</c>
    /// from the client ends the conversation once the bot has seen it (see <see cref="EndAsync"/>).
    /// </summary>
    public async Task<string?> PostAsync(string conversationId, Activity activity, DirectLineCaller caller, CancellationToken cancellationToken)
    {
        var from = activity.From ?? new ChannelAccount();
        from.Id = caller.Token?.UserId ?? from.Id;
        from.Name ??= caller.Token?.UserName;
        from.Role = RoleTypes.User;
        activity.From = from;
        activity.Id = null;
        activity.Timestamp = time.GetUtcNow();
        activity.ChannelId = Channels.Directline;
        activity.Conversation = new ConversationAccount { Id = conversationId };
        activity.Recipient = connector.Bot;
        activity.ServiceUrl = null;
        activity.CallerId = null;

        var stored = await store.AppendAsync(conversationId, activity, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            return null;
        }

        // The bot sees the id the client was echoed, so its replyToId points at a message Web Chat has.
        activity.ServiceUrl = connector.ServiceUrl;
        await RunTurnAsync(activity).ConfigureAwait(false);
        if (activity.Type == ActivityTypes.EndOfConversation)
        {
            await EndAsync(conversationId, cancellationToken).ConfigureAwait(false);
        }

        return stored.Id;
    }

    /// <summary>
    /// Ends a conversation for good: every token and stream URL issued for it is refused from now on (by
    /// every instance sharing the store), and its transcript is forgotten, which closes its open streams.
    /// </summary>
    public async Task EndAsync(string conversationId, CancellationToken cancellationToken)
    {
        // Revoked first: were the removal to happen alone, a token could start the conversation afresh.
        var lastValid = time.GetUtcNow() + (_options.TokenLifetime > _options.StreamUrlLifetime ? _options.TokenLifetime : _options.StreamUrlLifetime);
        await revocations.RevokeConversationAsync(conversationId, lastValid, cancellationToken).ConfigureAwait(false);
        await store.RemoveAsync(conversationId, cancellationToken).ConfigureAwait(false);
        Log.ConversationEnded(logger);
    }

    private async Task RunTurnAsync(Activity activity)
    {
        try
        {
            await adapter.ProcessActivityAsync(activity, identity: null, bot.OnTurnAsync, TurnCancellation).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not (OperationCanceledException or DirectLineStoreUnavailableException))
        {
            // The adapter's turn-error handler has already had its chance; this is a failure it let through.
            // A store that went away mid-turn is not the bot's failure: it reaches the routes' 503.
            Log.BotFailed(logger, ex);
            throw new BotRejectedActivityException(ex);
        }
    }

    private DirectLineToken Token(string conversationId, string? userId, string? userName)
    {
        var token = codec.Issue(new DirectLineClaims(
            DirectLineScopes.Conversation, conversationId, userId, userName, time.GetUtcNow() + _options.TokenLifetime));
        return new DirectLineToken(conversationId, token, ExpiresIn);
    }
}
