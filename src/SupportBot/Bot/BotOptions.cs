using Microsoft.Extensions.Options;

namespace SupportBot.Bot;

/// <summary>How the chat bot presents answers (configuration section <c>Bot</c>). Texts live here, not in the code.</summary>
public sealed class BotOptions
{
    public const string SectionName = "Bot";

    /// <summary>Send a typing indicator before answering a question. Default true.</summary>
    public bool SendTyping { get; set; } = true;

    /// <summary>Most results a messaging extension search returns (Teams asks for up to 25). Default 10.</summary>
    public int MaxSearchResults { get; set; } = 10;

    /// <summary>Time a messaging extension query may take before it answers "try again" (Teams allows 5 s). Default 4 s.</summary>
    public TimeSpan SearchBudget { get; set; } = TimeSpan.FromSeconds(4);

    /// <summary>Longest source quote shown on a card, in characters (Teams caps a message near 100 KB). Default 400.</summary>
    public int MaxQuoteLength { get; set; } = 400;

    /// <summary>The button (and the words) that ask for a person.</summary>
    public string HandoffButton { get; set; } = "Talk to a person";

    /// <summary>Shown above the Yes/No buttons under an answer.</summary>
    public string FeedbackPrompt { get; set; } = "Was this helpful?";

    /// <summary>The reply to "Yes".</summary>
    public string FeedbackThanks { get; set; } = "Thanks for the feedback!";

    /// <summary>The reply to "No"; the hand-off button follows it.</summary>
    public string FeedbackSorry { get; set; } = "Thanks for the feedback. Sorry that didn't help: you can ask in other words, or talk to a person.";

    /// <summary>Shown before the suggested questions of the welcome.</summary>
    public string SuggestionsIntro { get; set; } = "You could start with one of these:";

    /// <summary>
    /// The reply to a message longer than <c>Answering:MaxQuestionLength</c>, which is not answered; <c>{limit}</c>
    /// becomes that number.
    /// </summary>
    public string TooLong { get; set; } = "That message is too long for me to answer well. Please ask one question in fewer than {limit} characters.";

    /// <summary>Messaging extension answer while the knowledge is still loading.</summary>
    public string NotReady { get; set; } = "SupportBot is starting up. Please try again in a moment.";
}

internal sealed class BotOptionsValidator : IValidateOptions<BotOptions>
{
    public ValidateOptionsResult Validate(string? name, BotOptions options)
    {
        var failures = new List<string>();
        if (options.MaxSearchResults is < 1 or > 25)
        {
            failures.Add($"{BotOptions.SectionName}:{nameof(BotOptions.MaxSearchResults)} must be between 1 and 25.");
        }

        if (options.SearchBudget <= TimeSpan.Zero || options.SearchBudget > TimeSpan.FromSeconds(5))
        {
            failures.Add($"{BotOptions.SectionName}:{nameof(BotOptions.SearchBudget)} must be positive and at most 00:00:05 (Teams' limit).");
        }

        if (options.MaxQuoteLength < 20)
        {
            failures.Add($"{BotOptions.SectionName}:{nameof(BotOptions.MaxQuoteLength)} must be at least 20.");
        }

        foreach (var (key, value) in new[]
        {
            (nameof(BotOptions.HandoffButton), options.HandoffButton),
            (nameof(BotOptions.FeedbackPrompt), options.FeedbackPrompt),
            (nameof(BotOptions.FeedbackThanks), options.FeedbackThanks),
            (nameof(BotOptions.FeedbackSorry), options.FeedbackSorry),
            (nameof(BotOptions.SuggestionsIntro), options.SuggestionsIntro),
            (nameof(BotOptions.NotReady), options.NotReady),
            (nameof(BotOptions.TooLong), options.TooLong),
        })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                failures.Add($"{BotOptions.SectionName}:{key} must not be empty.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
