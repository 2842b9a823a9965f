using System.Globalization;
using System.Text.RegularExpressions;
using SupportBot.Engine.Analysis;

namespace SupportBot.Engine.Knowledge;

/// <summary>
/// Cross-checks FAQ entries against each other, the articles and today's date, and resolves each source
/// quote to the passage it comes from.
/// </summary>
internal static partial class FaqValidator
{
    public const int MinAlternates = 5;

    public static List<FaqEntry> Validate(
        List<FaqDraft> drafts,
        IReadOnlyList<Article> articles,
        ResponseTexts? responses,
        TimeProvider time,
        List<KnowledgeProblem> problems)
    {
        var articlesById = new Dictionary<string, Article>(StringComparer.Ordinal);
        foreach (var article in articles)
        {
            articlesById.TryAdd(article.Id, article);
        }

        var firstSeen = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        foreach (var draft in drafts)
        {
            if (!firstSeen.TryAdd(draft.Id, draft.Location))
            {
                Report(draft.Location.File, draft.Location.Line, $"duplicate FAQ id '{draft.Id}' (first defined at {firstSeen[draft.Id]})");
            }
        }

        // The same phrasing in two entries makes the bot's choice between them arbitrary.
        var phrasingOwner = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var draft in drafts)
        {
            foreach (var (text, line) in draft.Alternates.Prepend((draft.Question, draft.Location.Line)))
            {
                var normalized = TextNormalizer.Normalize(text);
                if (!phrasingOwner.TryAdd(normalized, draft.Id) && phrasingOwner[normalized] != draft.Id)
                {
                    Report(draft.Location.File, line, $"FAQ '{draft.Id}' repeats a phrasing of '{phrasingOwner[normalized]}': \"{text}\"");
                }
            }
        }

        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var entries = new List<FaqEntry>();
        foreach (var draft in drafts)
        {
            var file = draft.Location.File;
            if (!IdFormat().IsMatch(draft.Id))
            {
                Report(file, draft.Location.Line, $"FAQ id '{draft.Id}' must be lowercase words joined by '-'");
            }

            var distinct = draft.Alternates.Select(a => TextNormalizer.Normalize(a.Text)).Distinct(StringComparer.Ordinal).Count();
            if (distinct < MinAlternates)
            {
                Report(file, draft.Location.Line, $"FAQ '{draft.Id}' has {distinct} distinct alternate phrasing(s); at least {MinAlternates} are needed");
            }

            if (Markup().Match(draft.Answer) is { Success: true } markup)
            {
                Report(file, draft.AnswerLine, $"FAQ '{draft.Id}' answer must be plain text, found markup '{markup.Value}'");
            }

            foreach (var stale in StaleDates(draft.Answer, today))
            {
                Report(file, draft.AnswerLine, $"FAQ '{draft.Id}' answer speaks of {stale} as if it were still ahead; that date has passed");
            }

            var sources = new List<SourceRef>();
            // A known gap may rest on no passage: it says the sources do not cover something.
            if (draft.Sources.Count == 0 && !draft.Abstain)
            {
                Report(file, draft.Location.Line, $"FAQ '{draft.Id}' names no source passage");
            }

            foreach (var (articleId, quote, line) in draft.Sources)
            {
                if (!articlesById.TryGetValue(articleId, out var article))
                {
                    Report(file, line, $"source names article '{articleId}', which does not exist");
                    continue;
                }

                var loose = Loose(quote);
                var passage = article.Passages.FirstOrDefault(p => Loose(p.Text).Contains(loose, StringComparison.OrdinalIgnoreCase));
                if (passage is null)
                {
                    Report(file, line, $"source quote is not in any passage of '{articleId}': \"{quote}\"");
                    continue;
                }

                sources.Add(new SourceRef(articleId, quote, passage.Id));
            }

            foreach (var (followUp, line) in draft.FollowUps)
            {
                if (followUp == draft.Id)
                {
                    Report(file, line, $"FAQ '{draft.Id}' lists itself as a follow-up");
                }
                else if (!firstSeen.ContainsKey(followUp))
                {
                    Report(file, line, $"follow-up '{followUp}' names no FAQ entry");
                }
            }

            entries.Add(new FaqEntry(
                draft.Id, draft.Question, draft.Alternates.Select(a => a.Text).ToList(), draft.Answer, sources,
                draft.FollowUps.Select(f => f.Text).ToList(), draft.Tags, draft.Location, draft.Abstain));
        }

        var suggestedIds = responses?.Suggested ?? [];
        for (var i = 0; i < suggestedIds.Count; i++)
        {
            if (!firstSeen.ContainsKey(suggestedIds[i]))
            {
                var at = i < responses!.SuggestedLocations.Count ? responses.SuggestedLocations[i] : new SourceLocation(KnowledgeLoader.ResponsesFile, 0);
                Report(at.File, at.Line, $"suggested question '{suggestedIds[i]}' names no FAQ entry");
            }
        }

        if (responses?.Overview is { } overview
            && (!firstSeen.ContainsKey(overview) || drafts.Exists(d => d.Id == overview && d.Abstain)))
        {
            var at = responses.OverviewLocation ?? new SourceLocation(KnowledgeLoader.ResponsesFile, 0);
            Report(at.File, at.Line, $"overview '{overview}' names no answerable FAQ entry");
        }

        return entries;

        void Report(string file, int line, string message) => problems.Add(new KnowledgeProblem(file, line, message));
    }

    /// <summary>Quote marks and white space vary between copies of the same text; compare without them.</summary>
    internal static string Loose(string text) =>
        Whitespace().Replace(text.Replace('\u2019', '\'').Replace('\u2018', '\'').Replace('\u201c', '"').Replace('\u201d', '"'), " ").Trim();

    /// <summary>Dates before today that a sentence talks about in the future tense.</summary>
    private static IEnumerable<string> StaleDates(string answer, DateOnly today)
    {
        foreach (var sentence in SentenceEnd().Split(answer))
        {
            var normalized = TextNormalizer.Normalize(sentence);
            if (!FutureWording().IsMatch(normalized))
            {
                continue;
            }

            foreach (Match m in NormalizedDate().Matches(normalized))
            {
                if (DateOnly.TryParseExact($"{m.Groups[1].Value} {m.Groups[2].Value} {m.Groups[3].Value}", "MMMM d yyyy",
                        CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) && date < today)
                {
                    yield return date.ToString("MMMM d, yyyy", CultureInfo.InvariantCulture);
                }
            }
        }
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex IdFormat();

    [GeneratedRegex(@"(<[a-zA-Z/][^>]*>|\*\*|__|\[[^\]]+\]\([^)]+\)|^#+\s|`)", RegexOptions.Multiline)]
    private static partial Regex Markup();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"(?<=[.!?])\s+")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"\b(will|until|have till|is going to|are going to|still have|remaining|from now)\b")]
    private static partial Regex FutureWording();

    [GeneratedRegex(@"\b(january|february|march|april|may|june|july|august|september|october|november|december) (\d{1,2}) (\d{4})\b")]
    private static partial Regex NormalizedDate();
}
