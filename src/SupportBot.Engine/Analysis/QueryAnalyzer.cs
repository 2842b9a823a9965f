using SupportBot.Engine.Knowledge;

namespace SupportBot.Engine.Analysis;

/// <summary>What a word of the question does for search.</summary>
public enum TermRole
{
    /// <summary>Says what the question is about; counts towards coverage and confidence.</summary>
    Content,

    /// <summary>When/why/who…: helps match an FAQ's phrasing, says nothing about scope.</summary>
    QuestionWord,
}

/// <summary>One word or phrase of the question, with everything it may match.</summary>
/// <param name="Text">The normalised (and possibly corrected) word or phrase.</param>
/// <param name="Alternatives">Itself and its synonyms: any of them matching counts as a match.</param>
/// <param name="Role">Whether it says what the question is about.</param>
/// <param name="CorrectedFrom">The customer's spelling when it was corrected.</param>
public sealed record QueryTerm(string Text, IReadOnlyList<string> Alternatives, TermRole Role, string? CorrectedFrom);

/// <summary>A question after analysis.</summary>
public sealed record AnalyzedQuery(string Original, string Normalized, IReadOnlyList<QueryTerm> Terms)
{
    /// <summary>The kind of fact asked for (when, why…), from the question words.</summary>
    public QuestionKind Kind { get; init; } = QuestionKinds.Of(Normalized);

    /// <summary>The thing a "which …"/"what …" question asks for ("which antivirus"), if any.</summary>
    public QueryTerm? AskedFor { get; init; }

    public IEnumerable<QueryTerm> ContentTerms => Terms.Where(t => t.Role == TermRole.Content);
}

/// <summary>
/// The question pipeline, in order: <see cref="TextNormalizer"/> (case, diacritics, contractions, dates),
/// word split, stop-word removal, phrase synonyms (longest first), <see cref="SpellingCorrector"/> for
/// words the knowledge base has never seen, then synonym expansion.
/// </summary>
/// <param name="synonyms">Domain synonym groups.</param>
/// <param name="spelling">Corrects words the knowledge base has never seen.</param>
/// <param name="latestYear">The latest year the sources speak of: a later year in a question ("still updating in
/// 2026?") means "now", not a fact to look up.</param>
public sealed class QueryAnalyzer(SynonymMap synonyms, SpellingCorrector spelling, int? latestYear = null)
{
    /// <summary>Words of saying: a synonym phrase ending in one ("kaspersky said") may only report what follows.</summary>
    private static readonly HashSet<string> SayingWords = new(StringComparer.Ordinal) { "say", "says", "said", "stated", "state", "claims", "claimed" };

    private static readonly HashSet<string> ClauseOpeners = new(StringComparer.Ordinal) { "it", "its", "they", "that", "there", "we", "he", "she", "customers", "users", "still" };

    /// <param name="question">The customer's text.</param>
    /// <param name="indexHasWord">Whether the index matches a word (its stem may be known in another form).</param>
    public AnalyzedQuery Analyze(string question, Func<string, bool> indexHasWord)
    {
        var normalized = TextNormalizer.Normalize(question);
        var words = TextNormalizer.Words(normalized).Where(w => !StopWords.Softeners.Contains(w)).ToArray();
        var terms = new List<QueryTerm>();
        QueryTerm? askedFor = null;
        string[]? retyped = null;
        var stopWordTypos = false;
        // "waht is the deadline", "wehn did updates stop", "thier free offer": a typo of a word that carries no topic
        // is as empty as the word (a question word still asks that way). Left unknown, it weighed as much as a rare
        // topic word the knowledge base lacks. Done first, so that phrases ("waht do i do") are still found.
        for (var i = 0; i < words.Length; i++)
        {
            // A typo of a domain word ("ofer") is that word: the corrector below finds it.
            if (spelling.StopWordMeant(words[i]) is { } meant && synonyms.Lookup(words[i]) is null
                && (spelling.Correct(words[i]) is not { } correction || StopWords.IsStop(correction))
                && !indexHasWord(words[i]))
            {
                words[i] = meant;
                stopWordTypos = true;
            }
        }
        for (var i = 0; i < words.Length; i++)
        {
            // "which antivirus": the thing asked for. "which year", "what agency" say a kind instead (QuestionKinds).
            var afterWhich = askedFor is null && i > 0 && words[i - 1] is "which" or "what"
                && !words.Skip(i).Take(3).Any(QuestionKinds.NamesKind);
            if (MatchPhrase(words, i) is { } phrase)
            {
                terms.Add(new QueryTerm(phrase.Text, phrase.Group, TermRole.Content, null));
                askedFor = afterWhich ? terms[^1] : askedFor;
                i += phrase.Words - 1;
                continue;
            }

            var word = words[i];
            if (StopWords.QuestionWords.Contains(word))
            {
                terms.Add(new QueryTerm(word, [word], TermRole.QuestionWord, null));
                continue;
            }

            if (StopWords.Common.Contains(word) || IsLaterYear(word) || CountsSomethingUnknown(words, i, indexHasWord)
                || AsksHowLong(words, i))
            {
                continue;
            }

            // A word the knowledge base has in no form may be a phrase run together or a typo.
            var unknown = !spelling.IsKnown(word) && synonyms.Lookup(word) is null && !indexHasWord(word);

            // "winddown", "layoff" run together: a phrase of the synonym groups typed as one word.
            if (unknown && RunTogether(word) is { } split)
            {
                terms.Add(new QueryTerm(split, synonyms.Lookup(split)!, TermRole.Content, word));
                askedFor = afterWhich ? terms[^1] : askedFor;
                continue;
            }

            string? correctedFrom = null;
            if (unknown && spelling.Correct(word) is { } correction)
            {
                // "numbr of employees", "lenght of the offer": the kind of fact asked is read from the words meant.
                retyped ??= (string[])words.Clone();
                retyped[i] = correction;

                // A typo of an empty word ("happend") is as empty as the word itself.
                if (StopWords.Common.Contains(correction))
                {
                    continue;
                }

                (correctedFrom, word) = (word, correction);
            }

            terms.Add(new QueryTerm(word, synonyms.Lookup(word) ?? [word], TermRole.Content, correctedFrom));
            askedFor = afterWhich ? terms[^1] : askedFor;
        }

        // Two words of one synonym group ("ban … prohibit") are one topic, not two.
        var distinct = terms.DistinctBy(t => string.Join('|', t.Alternatives)).ToList();
        retyped ??= stopWordTypos ? words : null;
        return retyped is null
            ? new AnalyzedQuery(question, normalized, distinct) { AskedFor = askedFor }
            : new AnalyzedQuery(question, normalized, distinct) { AskedFor = askedFor, Kind = QuestionKinds.Of(string.Join(' ', retyped)) };
    }

    /// <summary>
    /// "how long", "how much time": the words ask for a duration (<see cref="QuestionKinds"/>), as "how many" asks
    /// for a figure; as topic words they would match "long time" and every entry that mentions time.
    /// </summary>
    private static bool AsksHowLong(string[] words, int i) =>
        (words[i] == "long" && i > 0 && words[i - 1] == "how")
        || (words[i] == "time" && i > 1 && words[i - 1] == "much" && words[i - 2] == "how");

    /// <summary>
    /// "10 minutes", "3 printers": a figure of something the knowledge base never mentions is not one of its
    /// figures ("10%", "50 employees"), however well the digits alone would match.
    /// </summary>
    private bool CountsSomethingUnknown(string[] words, int i, Func<string, bool> indexHasWord)
    {
        if (i + 1 >= words.Length || !words[i].All(char.IsAsciiDigit))
        {
            return false;
        }

        var next = words[i + 1];
        return !next.All(char.IsAsciiDigit)
            && !StopWords.IsStop(next)
            && !spelling.IsKnown(next)
            && synonyms.Lookup(next) is null
            && !indexHasWord(next)
            && spelling.Correct(next) is null;
    }

    private string? RunTogether(string word)
    {
        for (var i = 2; i <= word.Length - 2; i++)
        {
            var phrase = $"{word[..i]} {word[i..]}";
            if (synonyms.Lookup(phrase) is not null)
            {
                return phrase;
            }
        }

        return null;
    }

    private bool IsLaterYear(string word) =>
        latestYear is { } latest && word.Length == 4 && word.All(char.IsAsciiDigit)
        && int.Parse(word, System.Globalization.CultureInfo.InvariantCulture) is var year && year > latest && year < 2100;

    /// <summary>
    /// "what did kaspersky say it could still offer": a phrase ending in a word of saying, followed by what was
    /// said, reports the question rather than asking about the statement. What was said is the topic.
    /// </summary>
    private static bool ReportsAClause(string[] words, int last) =>
        SayingWords.Contains(words[last]) && last + 1 < words.Length
        && (ClauseOpeners.Contains(words[last + 1]) || StopWords.Auxiliaries.Contains(words[last + 1]));

    private (string Text, IReadOnlyList<string> Group, int Words)? MatchPhrase(string[] words, int start)
    {
        for (var n = Math.Min(synonyms.MaxPhraseWords, words.Length - start); n >= 2; n--)
        {
            var phrase = string.Join(' ', words, start, n);
            if (synonyms.Lookup(phrase) is { } group && !ReportsAClause(words, start + n - 1))
            {
                return (phrase, group, n);
            }
        }

        return null;
    }
}
