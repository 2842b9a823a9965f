using System.Globalization;
using Microsoft.Extensions.Options;
using SupportBot.Answering;
using SupportBot.BotFramework.Builder;
using SupportBot.BotFramework.Schema;
using SupportBot.BotFramework.Teams;
using SupportBot.Engine.Answering;
using SupportBot.Storage;
using SupportBot.Telemetry;

namespace SupportBot.Bot;

/// <summary>
/// The bot's answer service: what to say to a message, a welcome, a feedback click or a request for a
/// person. The activity handler makes one call here per turn; errors propagate to the adapter's single
/// turn-error handler.
/// </summary>
internal sealed class SupportConversation(
    IAnswerEngineProvider engines,
    IConversationStateStore states,
    IFeedbackStore feedback,
    IQuestionLog questions,
    SupportReplies replies,
    IOptions<BotOptions> botOptions,
    IOptions<AnswerEngineOptions> answerOptions,
    TimeProvider time,
    SupportBotTelemetry telemetry,
    ILogger<SupportConversation> logger)
{
    private readonly BotOptions _options = botOptions.Value;

    /// <summary>Answers a message: a card click, a request for a person, or a question for the engine.</summary>
    public async Task RespondAsync(ITurnContext turn, CancellationToken cancellationToken)
    {
        var activity = turn.Activity;
        var submit = SubmitValue.Read(activity.Value);
        switch (submit?.Action)
        {
            case SubmitValue.Feedback:
                await RecordFeedbackAsync(turn, submit, cancellationToken).ConfigureAwait(false);
                return;
            case SubmitValue.Handoff:
                await HandOffAsync(turn, cancellationToken).ConfigureAwait(false);
                return;
        }

        // Teams puts "<at>SupportBot</at>" in the text of group messages; the question is what is left.
        var question = submit?.Question ?? activity.RemoveRecipientMention() ?? "";
        question = question.Trim();
        if (question.Length == 0)
        {
            await WelcomeAsync(turn, cancellationToken).ConfigureAwait(false);
            return;
        }

        var maxLength = answerOptions.Value.MaxQuestionLength;
        if (question.Length > maxLength)
        {
            // The engine would read only the start of it; a wall of text is rarely one question, so ask for one.
            await turn.SendActivityAsync(replies.TooLong(maxLength), cancellationToken).ConfigureAwait(false);
            Log.TooLong(logger, question.Length, activity.ChannelId);
            return;
        }

        if (replies.IsHandoffRequest(question))
        {
            await HandOffAsync(turn, cancellationToken).ConfigureAwait(false);
            return;
        }

        await AnswerAsync(turn, question, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Says what the bot can answer and offers the most asked questions.</summary>
    public async Task WelcomeAsync(ITurnContext turn, CancellationToken cancellationToken)
    {
        var engine = await engines.GetAsync(cancellationToken).ConfigureAwait(false);
        var responses = engine.Knowledge.Responses;
        var suggested = responses.Suggested.Where(engine.Knowledge.FaqsById.ContainsKey).Select(id => engine.Knowledge.FaqsById[id].Question).ToList();
        await turn.SendActivityAsync(replies.Welcome(turn.Activity, responses.Welcome, suggested), cancellationToken).ConfigureAwait(false);
        Log.Welcomed(logger, turn.Activity.ChannelId);
    }

    private async Task AnswerAsync(ITurnContext turn, string question, CancellationToken cancellationToken)
    {
        var activity = turn.Activity;
        var key = ConversationKey.For(activity);
        var state = await states.GetAsync(key, cancellationToken).ConfigureAwait(false);
        question = ResolveCandidate(state, question) ?? question;

        if (_options.SendTyping)
        {
            await turn.SendActivityAsync(SupportReplies.Typing(), cancellationToken).ConfigureAwait(false);
        }

        var engine = await engines.GetAsync(cancellationToken).ConfigureAwait(false);
        var asked = time.GetTimestamp();
        var answer = engine.Ask(question);
        var answerId = Guid.NewGuid().ToString("N");
        var now = time.GetUtcNow();
        var channel = activity.ChannelId ?? "unknown";
        telemetry.RecordAnswer(answer, channel, time.GetElapsedTime(asked));

        // Remembered before the reply goes out, so a fast "Yes"/"No" click always finds its answer.
        await states.SetAsync(
            key,
            new ConversationState
            {
                LastAnswer = new LastAnswer(answerId, question, answer.Kind, answer.DocumentId),
                Candidates = answer.Kind == AnswerKinds.Clarify ? answer.FollowUps.Select(f => new OfferedQuestion(f.Id, f.Question)).ToList() : [],
                UpdatedAt = now,
            },
            cancellationToken).ConfigureAwait(false);
        await questions.RecordAsync(new QuestionRecord(answerId, question, answer.Kind, answer.Confidence, answer.DocumentId, channel, now), cancellationToken)
            .ConfigureAwait(false);

        await turn.SendActivityAsync(replies.Answer(activity, answer, answerId), cancellationToken).ConfigureAwait(false);
        Log.Answered(logger, answer.Kind, answer.Confidence, answer.DocumentId, channel);
    }

    private async Task RecordFeedbackAsync(ITurnContext turn, SubmitValue submit, CancellationToken cancellationToken)
    {
        var activity = turn.Activity;
        var state = await states.GetAsync(ConversationKey.For(activity), cancellationToken).ConfigureAwait(false);

        // The remembered answer is the bot's own record; the card's copy is only used for older cards.
        var last = state?.LastAnswer is { } remembered && remembered.AnswerId == submit.AnswerId ? remembered : null;
        var record = new FeedbackRecord(
            submit.AnswerId!,
            last?.DocumentId ?? submit.DocumentId,
            last?.Question ?? submit.Question ?? "",
            submit.Helpful!.Value,
            activity.ChannelId ?? "unknown",
            time.GetUtcNow());
        await feedback.RecordAsync(record, cancellationToken).ConfigureAwait(false);
        telemetry.RecordFeedback(record.Helpful, record.Channel);
        await turn.SendActivityAsync(replies.FeedbackAcknowledgement(activity, record.Helpful), cancellationToken).ConfigureAwait(false);
        Log.FeedbackRecorded(logger, record.Helpful, record.DocumentId, record.Channel);
    }

    private async Task HandOffAsync(ITurnContext turn, CancellationToken cancellationToken)
    {
        var engine = await engines.GetAsync(cancellationToken).ConfigureAwait(false);
        await turn.SendActivityAsync(SupportReplies.Handoff(engine.Knowledge.Responses.HandoffFor(answerOptions.Value.SupportContact)), cancellationToken)
            .ConfigureAwait(false);
        Log.HandedOff(logger, turn.Activity.ChannelId);
    }

    /// <summary>After "Did you mean A or B?": a click or the exact wording, "1"/"2" or "first"/"second" picks one.</summary>
    private static string? ResolveCandidate(ConversationState? state, string text)
    {
        if (state is not { Candidates.Count: > 0 } pending)
        {
            return null;
        }

        var normalized = text.Trim().TrimEnd('.', '!', '?').ToLowerInvariant();
        var index = normalized switch
        {
            "1" or "first" or "the first" or "the first one" or "first one" => 0,
            "2" or "second" or "the second" or "the second one" or "second one" => 1,
            _ => int.TryParse(normalized, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n - 1 : -1,
        };
        if (index >= 0 && index < pending.Candidates.Count)
        {
            return pending.Candidates[index].Question;
        }

        return null;
    }
}
