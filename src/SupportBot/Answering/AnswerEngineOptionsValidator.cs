using Microsoft.Extensions.Options;
using SupportBot.Engine.Answering;

namespace SupportBot.Answering;

/// <summary>
/// Start-up checks of <see cref="AnswerEngineOptions"/>; each message names the key to fix. A weight out of its
/// range does not fail loudly in the engine: it quietly answers worse (a threshold above 1 never answers, a
/// negative factor turns evidence against a document), so it is refused before the first question.
/// </summary>
internal sealed class AnswerEngineOptionsValidator : IValidateOptions<AnswerEngineOptions>
{
    private const string Section = AnswerEngineOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, AnswerEngineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();

        // Confidences, shares of a whole and factors that only ever weaken evidence: 0..1.
        Fraction(failures, nameof(options.FaqThreshold), options.FaqThreshold);
        Fraction(failures, nameof(options.PassageThreshold), options.PassageThreshold);
        Fraction(failures, nameof(options.SureConfidence), options.SureConfidence);
        Fraction(failures, nameof(options.ClarifyRatio), options.ClarifyRatio);
        Fraction(failures, nameof(options.AmbiguityMargin), options.AmbiguityMargin);
        Fraction(failures, nameof(options.GapTieMargin), options.GapTieMargin);
        Fraction(failures, nameof(options.RankingTermMaxShare), options.RankingTermMaxShare);
        Fraction(failures, nameof(options.PhrasingCoverageShare), options.PhrasingCoverageShare);
        Fraction(failures, nameof(options.PhrasingShare), options.PhrasingShare);
        Fraction(failures, nameof(options.Bm25Share), options.Bm25Share);
        Fraction(failures, nameof(options.AnswerOnlyCredit), options.AnswerOnlyCredit);
        Fraction(failures, nameof(options.CorrectedWordFactor), options.CorrectedWordFactor);
        Fraction(failures, nameof(options.EverydayWordFactor), options.EverydayWordFactor);
        Fraction(failures, nameof(options.EverydayKnownWordFactor), options.EverydayKnownWordFactor);
        Fraction(failures, nameof(options.WeakWordFactor), options.WeakWordFactor);
        Fraction(failures, nameof(options.UnknownWordDecay), options.UnknownWordDecay);
        Fraction(failures, nameof(options.SingleWordFactor), options.SingleWordFactor);
        Fraction(failures, nameof(options.QuestionKindMismatchFactor), options.QuestionKindMismatchFactor);
        Fraction(failures, nameof(options.AskedForMismatchFactor), options.AskedForMismatchFactor);
        Fraction(failures, nameof(options.PlaceMismatchFactor), options.PlaceMismatchFactor);

        // The re-ranking score is bm25's share, the phrasing's share and coverage's, the rest.
        if (options.Bm25Share + options.PhrasingShare > 1)
        {
            failures.Add($"{Section}:{nameof(options.Bm25Share)} and {Section}:{nameof(options.PhrasingShare)} must add up to 1 or less (coverage has the rest).");
        }

        // Weights and bonuses: any size, never negative.
        NotNegative(failures, nameof(options.UnknownWordWeight), options.UnknownWordWeight);
        NotNegative(failures, nameof(options.NumberFactor), options.NumberFactor);
        NotNegative(failures, nameof(options.SubjectlessUnknownWordShare), options.SubjectlessUnknownWordShare);
        NotNegative(failures, nameof(options.FaqPrior), options.FaqPrior);
        NotNegative(failures, nameof(options.SameQuestionWordBonus), options.SameQuestionWordBonus);
        NotNegative(failures, nameof(options.QuestionKindWeight), options.QuestionKindWeight);
        NotNegative(failures, nameof(options.GapLackedWordShare), options.GapLackedWordShare);
        if (options.MinEvidence <= 0)
        {
            failures.Add($"{Section}:{nameof(options.MinEvidence)} must be positive (default 1.5).");
        }

        AtLeast(failures, nameof(options.UnknownWordsAtFullWeight), options.UnknownWordsAtFullWeight, 0);
        AtLeast(failures, nameof(options.GapPreferenceReach), options.GapPreferenceReach, 0);
        AtLeast(failures, nameof(options.SmallTalkCueMaxOtherWords), options.SmallTalkCueMaxOtherWords, 0);
        AtLeast(failures, nameof(options.SmallTalkAboutTheBotMaxOtherWords), options.SmallTalkAboutTheBotMaxOtherWords, 0);
        AtLeast(failures, nameof(options.AnswerFromTop), options.AnswerFromTop, 1);
        AtLeast(failures, nameof(options.MaxAnswersPerMessage), options.MaxAnswersPerMessage, 1);
        AtLeast(failures, nameof(options.Suggestions), options.Suggestions, 0);
        AtLeast(failures, nameof(options.MaxQuestionLength), options.MaxQuestionLength, 1);
        if (string.IsNullOrWhiteSpace(options.SupportContact))
        {
            failures.Add($"{Section}:{nameof(options.SupportContact)} must not be empty.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Fraction(List<string> failures, string key, double value)
    {
        if (!(value is >= 0 and <= 1))
        {
            failures.Add($"{Section}:{key} must be from 0 to 1 (it is {value}).");
        }
    }

    private static void NotNegative(List<string> failures, string key, double value)
    {
        if (!(value >= 0) || double.IsInfinity(value))
        {
            failures.Add($"{Section}:{key} must be a number of 0 or more (it is {value}).");
        }
    }

    private static void AtLeast(List<string> failures, string key, int value, int least)
    {
        if (value < least)
        {
            failures.Add($"{Section}:{key} must be at least {least} (it is {value}).");
        }
    }
}
