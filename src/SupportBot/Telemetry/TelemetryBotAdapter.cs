using System.Diagnostics;
using System.Security.Claims;
using Microsoft.Extensions.Options;
using SupportBot.BotFramework.Authentication;
using SupportBot.BotFramework.Builder;
using SupportBot.BotFramework.Connector;
using SupportBot.BotFramework.Schema;
using BotActivity = SupportBot.BotFramework.Schema.Activity;

namespace SupportBot.Telemetry;

/// <summary>
/// The Bot Framework adapter with each turn observed, whichever way it arrives (<c>/api/messages</c>, the
/// self-hosted Direct Line, a proactive continuation): a <c>supportbot.turn</c> span, a logging scope with
/// the turn id, activity id, conversation id and channel on every line the turn writes (including the
/// adapter's own turn-error line), and the <c>supportbot.turn.duration</c> histogram with its outcome.
/// </summary>
internal sealed class TelemetryBotAdapter : BotAdapter
{
    // Which turn the shared error handler is failing: the turn's own execution context.
    private static readonly AsyncLocal<TurnState?> CurrentTurn = new();

    private readonly SupportBotTelemetry _telemetry;

    public TelemetryBotAdapter(
        IChannelTokenValidator validator,
        IConnectorClientFactory connectors,
        IOptions<BotAdapterOptions> options,
        ILogger<BotAdapter> logger,
        SupportBotTelemetry telemetry,
        IConversationStateResetter? stateResetter = null)
        : base(validator, connectors, options, logger, stateResetter)
    {
        _telemetry = telemetry;
        if (OnTurnError is { } handleError)
        {
            OnTurnError = (turnContext, exception) =>
            {
                CurrentTurn.Value?.Fail(exception);
                return handleError(turnContext, exception);
            };
        }
    }

    /// <inheritdoc/>
    public override async Task<InvokeResponse?> ProcessActivityAsync(BotActivity activity, ClaimsIdentity? identity, BotCallbackHandler callback, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var time = _telemetry.Time;
        var started = time.GetTimestamp();
        using var span = SupportBotTelemetry.StartTurnSpan(activity.Type, activity.ChannelId);
        using var scope = Logger.BeginScope(new LogScope(
            new(LogScope.TurnId, span?.SpanId.ToHexString() ?? ActivitySpanId.CreateRandom().ToHexString()),
            new(LogScope.ActivityId, LogScope.Safe(activity.Id)),
            new(LogScope.ConversationId, LogScope.Safe(activity.Conversation?.Id)),
            new(LogScope.ChannelId, LogScope.Safe(activity.ChannelId))));
        var turn = new TurnState(span);
        CurrentTurn.Value = turn;
        try
        {
            return await base.ProcessActivityAsync(activity, identity, callback, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            turn.Fail(ex);
            throw;
        }
        finally
        {
            CurrentTurn.Value = null;
            _telemetry.RecordTurn(activity.Type, activity.ChannelId, turn.Failed, time.GetElapsedTime(started));
        }
    }

    private sealed class TurnState(System.Diagnostics.Activity? span)
    {
        public bool Failed { get; private set; }

        public void Fail(Exception exception)
        {
            Failed = true;
            span?.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
            span?.SetTag("error.type", exception.GetType().FullName);
        }
    }
}
