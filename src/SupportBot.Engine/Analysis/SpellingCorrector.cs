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
    private readonly Indexing.BoundedCache<string, string?> _corrections = new(10_000);

    public SpellingCorrector(IEnumerable<string> vocabularyWords, SpellingOptions options)
    {
        _options = options;
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

    /// <summary>The correction for <paramref name="word"/>, or null when none is close enough.</summary>
    public string? Correct(string word) => _corrections.GetOrAdd(word, Search);

    private string? Search(string word)
    {
        if (word.Length < _options.MinLength || word.Any(char.IsDigit) || IsKnown(word))
        {
            return null;
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
            // Two edits are only trusted when the first letter agrees: typos rarely hit the first letter.
            if (distance > maxDistance || (distance == 2 && candidate[0] != word[0]))
            {
                continue;
            }

            if (distance < bestDistance || (distance == bestDistance && frequency > bestFrequency))
            {
                (best, bestDistance, bestFrequency) = (candidate, distance, frequency);
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
}
