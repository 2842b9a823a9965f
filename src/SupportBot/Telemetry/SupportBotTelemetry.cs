using System.Diagnostics;
using System.Diagnostics.Metrics;
using SupportBot.BotFramework.Schema;
using SupportBot.Engine.Answering;
using DiagnosticsActivity = System.Diagnostics.Activity;

namespace SupportBot.Telemetry;

/// <summary>
/// The bot's own OpenTelemetry instruments (meter <c>SupportBot</c>) and spans (activity source
/// <c>SupportBot</c>). Tags are bounded: answer kinds, known channel names (others count as <c>other</c>),
/// activity types, status codes; never customer text.
/// </summary>
public sealed class SupportBotTelemetry
{
    /// <summary>The meter's and the activity source's name.</summary>
    public const string Name = "SupportBot";

    /// <summary>Questions answered, tagged <c>kind</c> and <c>channel</c>.</summary>
    public const string QuestionsAnswered = "supportbot.questions.answered";

    /// <summary>Questions answered with a fallback (nothing good enough found), tagged <c>channel</c>.</summary>
    public const string Fallbacks = "supportbot.questions.fallbacks";

    /// <summary>The engine's confidence per answer (0..1), tagged <c>kind</c> and <c>channel</c>.</summary>
    public const string AnswerConfidence = "supportbot.answer.confidence";

    /// <summary>How long the engine took to answer, in seconds, tagged <c>kind</c> and <c>channel</c>.</summary>
    public const string AnswerDuration = "supportbot.answer.duration";

    /// <summary>"Was this helpful?" clicks, tagged <c>helpful</c> and <c>channel</c>.</summary>
    public const string Feedback = "supportbot.feedback";

    /// <summary>Whole bot turns in seconds (answer and replies sent), tagged <c>activity.type</c>, <c>channel</c> and <c>outcome</c>.</summary>
    public const string TurnDuration = "supportbot.turn.duration";

    /// <summary>Connector calls that failed after retries, tagged <c>operation</c> and <c>error.type</c> (status code or exception).</summary>
    public const string ConnectorFailures = "supportbot.connector.send_failures";

    /// <summary>Self-hosted Direct Line conversations used within the idle timeout, on this instance.</summary>
    public const string DirectLineActiveConversations = "supportbot.directline.conversations.active";

    /// <summary>The span of one answer (child of the turn or request span).</summary>
    public const string AnswerSpan = "supportbot.answer";

    /// <summary>The span of one bot turn.</summary>
    public const string TurnSpan = "supportbot.turn";

    internal static readonly ActivitySource Source = new(Name, typeof(SupportBotTelemetry).Assembly.GetName().Version?.ToString());

    // Confidence in tenths; engine time from half a millisecond to a second; turns up to the Connector's time-outs.
    private static readonly double[] ConfidenceBuckets = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0];
    private static readonly double[] AnswerBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1];
    private static readonly double[] TurnBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    private static readonly HashSet<string> KnownChannels = new(StringComparer.Ordinal)
    {
        Channels.Msteams, Channels.Directline, Channels.Webchat, Channels.Emulator, Api.AgentsApi.Channel, "test",
    };

    private static readonly HashSet<string> KnownActivityTypes = new(StringComparer.Ordinal)
    {
        ActivityTypes.Message, ActivityTypes.ConversationUpdate, ActivityTypes.Invoke, ActivityTypes.Event, ActivityTypes.Typing,
        ActivityTypes.MessageReaction, ActivityTypes.InstallationUpdate, ActivityTypes.EndOfConversation, ActivityTypes.MessageUpdate,
        ActivityTypes.MessageDelete,
    };

    private readonly Counter<long> _answered;
    private readonly Counter<long> _fallbacks;
    private readonly Histogram<double> _confidence;
    private readonly Histogram<double> _answerDuration;
    private readonly Counter<long> _feedback;
    private readonly Histogram<double> _turnDuration;
    private readonly Counter<long> _connectorFailures;

    /// <summary>Creates the instruments on a meter of <paramref name="meters"/> (so each host has its own).</summary>
    public SupportBotTelemetry(IMeterFactory meters, TimeProvider time, DirectLineConversationTracker conversations)
    {
        ArgumentNullException.ThrowIfNull(meters);
        ArgumentNullException.ThrowIfNull(conversations);
        Time = time;
        var meter = meters.Create(Name, Source.Version);
        _answered = meter.CreateCounter<long>(QuestionsAnswered, "{question}", "Questions answered, by outcome kind and channel.");
        _fallbacks = meter.CreateCounter<long>(Fallbacks, "{question}", "Questions the bot had no good answer for.");
        _confidence = meter.CreateHistogram(AnswerConfidence, "1", "The answer engine's confidence per answer.", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = ConfidenceBuckets });
        _answerDuration = meter.CreateHistogram(AnswerDuration, "s", "Time the answer engine took per question.", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = AnswerBuckets });
        _feedback = meter.CreateCounter<long>(Feedback, "{click}", "Feedback on answers, helpful or not.");
        _turnDuration = meter.CreateHistogram(TurnDuration, "s", "Bot turns from activity received to replies sent.", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = TurnBuckets });
        _connectorFailures = meter.CreateCounter<long>(ConnectorFailures, "{call}", "Replies the Connector service did not accept after retries.");
        meter.CreateObservableGauge(DirectLineActiveConversations, () => conversations.ActiveCount, "{conversation}", "Self-hosted Direct Line conversations used within the idle timeout.");
    }

    internal TimeProvider Time { get; }

    /// <summary>
    /// Records one answer: the counters and histograms, and a span covering the engine's work (ended now,
    /// started <paramref name="elapsed"/> ago) under the current turn or request.
    /// </summary>
    public void RecordAnswer(Answer answer, string? channel, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var tags = new TagList { { "kind", answer.Kind }, { "channel", NormalizeChannel(channel) } };
        _answered.Add(1, tags);
        _confidence.Record(answer.Confidence, tags);
        _answerDuration.Record(elapsed.TotalSeconds, tags);
        if (answer.Kind == AnswerKinds.Fallback)
        {
            _fallbacks.Add(1, new KeyValuePair<string, object?>("channel", NormalizeChannel(channel)));
        }

        var end = Time.GetUtcNow();
        using var span = Source.StartActivity(AnswerSpan, ActivityKind.Internal, parentContext: default, startTime: end - elapsed);
        if (span is not null)
        {
            span.SetTag("supportbot.answer.kind", answer.Kind);
            span.SetTag("supportbot.answer.confidence", answer.Confidence);
            span.SetTag("supportbot.answer.document_id", answer.DocumentId);
            span.SetEndTime(end.UtcDateTime);
        }
    }

    /// <summary>Records a "Was this helpful?" click.</summary>
    public void RecordFeedback(bool helpful, string? channel) =>
        _feedback.Add(1, new TagList { { "helpful", helpful }, { "channel", NormalizeChannel(channel) } });

    internal void RecordTurn(string? activityType, string? channel, bool failed, TimeSpan elapsed) =>
        _turnDuration.Record(elapsed.TotalSeconds, new TagList
        {
            { "activity.type", activityType is not null && KnownActivityTypes.Contains(activityType) ? activityType : "other" },
            { "channel", NormalizeChannel(channel) },
            { "outcome", failed ? "error" : "ok" },
        });

    internal void RecordConnectorFailure(string operation, string errorType) =>
        _connectorFailures.Add(1, new TagList { { "operation", operation }, { "error.type", errorType } });

    /// <summary>Channel ids come from the wire; unknown ones share one tag value so a caller cannot grow the series.</summary>
    internal static string NormalizeChannel(string? channel) => channel is not null && KnownChannels.Contains(channel) ? channel : "other";

    internal static DiagnosticsActivity? StartTurnSpan(string? activityType, string? channel) =>
        Source.StartActivity(TurnSpan, ActivityKind.Internal, parentContext: default, tags:
        [
            new("supportbot.activity.type", activityType is not null && KnownActivityTypes.Contains(activityType) ? activityType : "other"),
            new("supportbot.channel", NormalizeChannel(channel)),
        ]);
}
