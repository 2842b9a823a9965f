namespace SupportBot.Engine.Analysis;

/// <summary>
/// Corrects a misspelled word to the closest word of the knowledge vocabulary ('kasperski' → 'kaspersky',
/// 'septmber' → 'september', 'prodcut' → 'product'). Deliberately timid: short words are never corrected,
/// because turning an unknown everyday word ('rice') into a known one ('price') makes wrong answers.
/// </summary>
public sealed class SpellingCorrector
{
    private readonly Dictionary<string, int> _frequency;
    private readonly SpellingOptions _options;
    private readonly IReadOnlySet<string> _domainWords;
    private readonly IReadOnlySet<string> _englishWords;
    private readonly Indexing.BoundedCache<string, string?> _corrections = new(10_000);
    private readonly Indexing.BoundedCache<string, string?> _stopWordTypos = new(10_000);

    /// <summary>The empty words a typo may stand for: three letters or more, in a fixed order so the first fit is always the same.</summary>
    private static readonly string[] StopWordTargets =
        [.. StopWords.Common.Concat(StopWords.QuestionWords).Where(w => w.Length >= 3).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <param name="vocabularyWords">Every word of the knowledge base (repeats count: frequent words win ties).</param>
    /// <param name="options">Lengths and distances.</param>
    /// <param name="domainWords">The domain's own words (synonym group members): the only targets for a short word.</param>
    /// <param name="englishWords">English words: each is a word in its own right, never a typo.</param>
    public SpellingCorrector(
        IEnumerable<string> vocabularyWords, SpellingOptions options, IReadOnlySet<string>? domainWords = null, IReadOnlySet<string>? englishWords = null)
    {
        _options = options;
        _domainWords = domainWords ?? new HashSet<string>(StringComparer.Ordinal);
        _englishWords = englishWords ?? new HashSet<string>(StringComparer.Ordinal);
        _frequency = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var word in vocabularyWords)
        {
            if (word.Length >= options.MinLength - 1 && !word.Any(char.IsDigit))
            {
                _frequency[word] = _frequency.GetValueOrDefault(word) + 1;
            }
        }
    }

    public bool IsKnown(string word) => _frequency.ContainsKey(word);

    /// <summary>
    /// The empty word (<see cref="StopWords"/>) a typo stands for, or null: "waht", "wehn", "thier", "shoud" and, in
    /// three letters, only swapped ones ("hwo", "teh"; "ios" is not "its"). Never a word of English or of the knowledge
    /// base, and never a different first letter.
    /// </summary>
    public string? StopWordMeant(string word) => _stopWordTypos.GetOrAdd(word, SearchStopWord);

    private string? SearchStopWord(string word)
    {
        if (word.Length < 3 || word.Any(char.IsDigit) || IsKnown(word) || _englishWords.Contains(word) || StopWords.IsStop(word))
        {
            return null;
        }

        string? best = null;
        foreach (var candidate in StopWordTargets)
        {
            if (candidate[0] != word[0] || Math.Abs(candidate.Length - word.Length) > 1
                || EditDistance.OptimalStringAlignment(word, candidate, 1) > 1)
            {
                continue;
            }

            var swapped = candidate.Length == word.Length && candidate.Order().SequenceEqual(word.Order());
            if (swapped)
            {
                return candidate;
            }

            best ??= word.Length >= 4 ? candidate : null;
        }

        return best;
    }

    /// <summary>The correction for <paramref name="word"/>, or null when none is close enough.</summary>
    public string? Correct(string word) => _corrections.GetOrAdd(word, Search);

    private string? Search(string word)
    {
        if (word.Any(char.IsDigit) || IsKnown(word) || _englishWords.Contains(word))
        {
            return null;
        }

        if (word.Length < _options.MinLength)
        {
            return ShortSearch(word) ?? Completion(word);
        }

        var maxDistance = word.Length >= _options.TwoEditsMinLength ? 2 : 1;
        string? best = null;
        var bestDistance = int.MaxValue;
        var bestFrequency = 0;
        foreach (var (candidate, frequency) in _frequency)
        {
            if (Math.Abs(candidate.Length - word.Length) > maxDistance)
            {
                continue;
            }

            var distance = EditDistance.OptimalStringAlignment(word, candidate, maxDistance);
            // Typos rarely hit the first letter: a word starting differently is another word ("hacked", "sacked").
            if (distance > maxDistance || candidate[0] != word[0])
            {
                continue;
            }

            if (distance < bestDistance || (distance == bestDistance && frequency > bestFrequency))
            {
                (best, bestDistance, bestFrequency) = (candidate, distance, frequency);
            }
        }

        return best ?? Completion(word);
    }

    /// <summary>
    /// A word cut short ("migr", "announc") is the most frequent domain word it begins, when it is at least
    /// <see cref="SpellingOptions.CompletionMinLength"/> letters long ("mig" could begin too much).
    /// </summary>
    private string? Completion(string word)
    {
        if (_options.CompletionMinLength <= 0 || word.Length < _options.CompletionMinLength)
        {
            return null;
        }

        return MostFrequentDomainWord(candidate => candidate.Length > word.Length && candidate.StartsWith(word, StringComparison.Ordinal));
    }

    /// <summary>
    /// A short word ("bannd", "offr", "refnd") is corrected only to a domain word one edit away that starts with
    /// the same letter.
    /// </summary>
    private string? ShortSearch(string word)
    {
        if (_options.ShortMinLength <= 0 || word.Length < _options.ShortMinLength)
        {
            return null;
        }

        return MostFrequentDomainWord(candidate => candidate[0] == word[0]
            && Math.Abs(candidate.Length - word.Length) <= 1
            && EditDistance.OptimalStringAlignment(word, candidate, 1) <= 1);
    }

    /// <summary>The domain word the knowledge base uses most of those that fit, or null.</summary>
    private string? MostFrequentDomainWord(Func<string, bool> fits)
    {
        string? best = null;
        var bestFrequency = 0;
        foreach (var candidate in _domainWords)
        {
            if (fits(candidate) && _frequency.GetValueOrDefault(candidate) is var frequency && (best is null || frequency > bestFrequency))
            {
                (best, bestFrequency) = (candidate, frequency);
            }
        }

        return best;
    }
}

/// <summary>Tuning for <see cref="SpellingCorrector"/>.</summary>
public sealed class SpellingOptions
{
    /// <summary>Words shorter than this are never corrected ("timer" stays "timer", not "time"). Default 6.</summary>
    public int MinLength { get; set; } = 6;

    /// <summary>Words at least this long may be two edits away from their correction. Default 8.</summary>
    public int TwoEditsMinLength { get; set; } = 8;

    /// <summary>
    /// Shorter than <see cref="MinLength"/> but at least this long, a word may still be corrected to a domain word
    /// one edit away ("bannd", "offr"). 0 turns it off. Default 4.
    /// </summary>
    public int ShortMinLength { get; set; } = 4;

    /// <summary>
    /// A word at least this long that the knowledge base lacks may be the start of a domain word, cut short
    /// ("migr" → "migration"). 0 turns it off. Default 4.
    /// </summary>
    public int CompletionMinLength { get; set; } = 4;
}
