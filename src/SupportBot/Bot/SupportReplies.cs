using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using SupportBot.BotFramework.Schema;
using SupportBot.BotFramework.Teams;
using SupportBot.Engine.Answering;

namespace SupportBot.Bot;

/// <summary>
/// Turns the engine's answers into Bot Framework messages: markdown text, an Adaptive Card with the sources
/// and "Was this helpful?", questions to ask next as suggested actions. Teams shows suggested actions only in
/// personal chats, so in group chats and channels the same questions are card buttons.
/// </summary>
internal sealed class SupportReplies(IOptions<BotOptions> options)
{
    private readonly BotOptions _options = options.Value;

    public Activity Answer(Activity inbound, Answer answer, string answerId)
    {
        var reply = Message(Markdown.Escape(answer.Text));
        var offered = answer.FollowUps.Select(f => f.Question).ToList();
        var body = new List<JsonNode>(AdaptiveCards.Sources(answer.Sources, _options.MaxQuoteLength));

        if (answer.Kind is AnswerKinds.Faq or AnswerKinds.Passage)
        {
            body.Add(AdaptiveCards.Text(Markdown.Escape(_options.FeedbackPrompt), separator: body.Count > 0));
            body.Add(AdaptiveCards.ActionSet(
                AdaptiveCards.Submit("Yes", FeedbackData(true, answerId, answer)),
                AdaptiveCards.Submit("No", FeedbackData(false, answerId, answer))));
        }

        Offer(inbound, reply, offered, body, handoff: answer.OffersHandoff);
        return reply;
    }

    public Activity Welcome(Activity inbound, string welcome, IReadOnlyList<string> suggested)
    {
        var reply = Message($"{Markdown.Escape(welcome)}\n\n{Markdown.Escape(_options.SuggestionsIntro)}");
        Offer(inbound, reply, suggested, [], handoff: false);
        return reply;
    }

    public static Activity Handoff(string handoffText) => Message(Markdown.Escape(handoffText));

    public Activity FeedbackAcknowledgement(Activity inbound, bool helpful)
    {
        var reply = Message(Markdown.Escape(helpful ? _options.FeedbackThanks : _options.FeedbackSorry));
        if (!helpful)
        {
            Offer(inbound, reply, [], [], handoff: true);
        }

        return reply;
    }

    public Activity TooLong(int maxLength) =>
        Message(Markdown.Escape(_options.TooLong.Replace("{limit}", maxLength.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)));

    public static Activity Typing() => new() { Type = ActivityTypes.Typing };

    /// <summary>True when the text asks for a person the way the hand-off button does.</summary>
    public bool IsHandoffRequest(string text) => string.Equals(text.Trim().TrimEnd('.', '!'), _options.HandoffButton, StringComparison.OrdinalIgnoreCase);

    private void Offer(Activity inbound, Activity reply, IReadOnlyList<string> questions, List<JsonNode> body, bool handoff)
    {
        var labels = handoff ? questions.Append(_options.HandoffButton).ToList() : questions.ToList();
        if (labels.Count > 0)
        {
            reply.SuggestedActions = new SuggestedActions
            {
                Actions = labels.Select(l => new CardAction { Type = ActionTypes.ImBack, Title = l, Value = JsonSerializer.SerializeToElement(l) }).ToList(),
            };
        }

        var actions = new List<JsonNode>();
        if (IsTeamsGroup(inbound))
        {
            actions.AddRange(questions.Select(q => AdaptiveCards.SubmitAsMessage(q, q, new JsonObject { ["action"] = SubmitValue.Ask, ["question"] = q })));
            if (handoff)
            {
                actions.Add(AdaptiveCards.SubmitAsMessage(_options.HandoffButton, _options.HandoffButton, new JsonObject { ["action"] = SubmitValue.Handoff }));
            }
        }

        if (body.Count > 0 || actions.Count > 0)
        {
            reply.Attachments = [AdaptiveCards.ToAttachment(AdaptiveCards.Card(body, actions))];
        }
    }

    private static JsonObject FeedbackData(bool helpful, string answerId, Answer answer)
    {
        var data = new JsonObject
        {
            ["action"] = SubmitValue.Feedback,
            ["helpful"] = helpful,
            ["answerId"] = answerId,
            ["question"] = Markdown.Shorten(answer.Question, 500),
        };
        if (answer.DocumentId is not null)
        {
            data["documentId"] = answer.DocumentId;
        }

        return data;
    }

    private static Activity Message(string markdown) => new()
    {
        Type = ActivityTypes.Message,
        Text = markdown,
        TextFormat = TextFormatTypes.Markdown,
    };

    internal static bool IsTeamsGroup(Activity activity) =>
        activity.ChannelId == Channels.Msteams && activity.IsGroupConversation();
}
