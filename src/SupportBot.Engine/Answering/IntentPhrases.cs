using SupportBot.Engine.Analysis;
using SupportBot.Engine.Knowledge;

namespace SupportBot.Engine.Answering;

/// <summary>
/// The small-talk phrases of one kind (patterns or cues) by their text, each with the first intent that lists it:
/// what searching every intent's list in order finds, looked up instead. Every word of every message was searched
/// for in every list at each length, most of a question's small-talk check.
/// </summary>
internal sealed class IntentPhrases
{
    private readonly Dictionary<string, SmallTalkIntent> _intentOf = new(StringComparer.Ordinal);

    /// <summary>The word each phrase starts with: a word no phrase starts with starts no match of any length.</summary>
    private readonly HashSet<string> _firstWords = new(StringComparer.Ordinal);

    /// <param name="intents">The intents, in the order their lists are searched.</param>
    /// <param name="phrasesOf">The phrases of an intent (its patterns or its cues).</param>
    public IntentPhrases(IEnumerable<SmallTalkIntent> intents, Func<SmallTalkIntent, IReadOnlyList<string>> phrasesOf)
    {
        foreach (var intent in intents)
        {
            foreach (var phrase in phrasesOf(intent))
            {
                _intentOf.TryAdd(phrase, intent);
                _firstWords.Add(phrase.Split(' ', 2)[0]);
                LongestPhrase = Math.Max(LongestPhrase, TextNormalizer.Words(phrase).Length);
            }
        }
    }

    /// <summary>How many words the longest phrase has: no match is longer.</summary>
    public int LongestPhrase { get; }

    /// <summary>The intent with the longest of its phrases that starts at <paramref name="start"/>, and its length in words.</summary>
    public (SmallTalkIntent? Intent, int Length) LongestAt(string[] words, int start) => LongestAt(words, start, LongestPhrase);

    /// <summary>
    /// The intent with the longest of its phrases (at most <paramref name="longest"/> words) that starts at
    /// <paramref name="start"/>, and its length in words.
    /// </summary>
    public (SmallTalkIntent? Intent, int Length) LongestAt(string[] words, int start, int longest)
    {
        if (start >= words.Length || !_firstWords.Contains(words[start]))
        {
            return (null, 0);
        }

        for (var n = Math.Min(longest, words.Length - start); n >= 1; n--)
        {
            if (_intentOf.TryGetValue(string.Join(' ', words, start, n), out var intent))
            {
                return (intent, n);
            }
        }

        return (null, 0);
    }
}
