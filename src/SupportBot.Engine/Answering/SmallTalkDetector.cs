using System.Text.RegularExpressions;
using SupportBot.Engine.Analysis;
using SupportBot.Engine.Knowledge;

namespace SupportBot.Engine.Answering;

/// <summary>
/// Recognises greetings, thanks, help requests, goodbyes and "who are you" from the patterns in
/// responses.yaml: a question is small talk when, after normalisation, it is a pattern, or it is made only
/// of patterns and filler words ("ok thanks bye", "hi there"). A greeting followed by a real question is
/// not small talk: the question gets answered.
/// </summary>
public sealed partial class SmallTalkDetector
{
    private static readonly HashSet<string> Filler = new(StringComparer.Ordinal)
    {
        "there", "bot", "supportbot", "again", "so", "much", "a", "lot", "very", "ok", "okay", "oh", "well", "and",
        "then", "all", "guys", "folks", "friend", "mate", "buddy", "you", "too", "for", "the", "help", "great",
        "cool", "awesome", "nice", "perfect", "please", "now", "dear", "helpful", "useful", "today", "tonight", "sir",
        "madam", "man", "lol", "haha", "really",
    };

    private readonly IReadOnlyList<SmallTalkIntent> _intents;
    private readonly int _longestPattern;
    private readonly HashSet<string> _patternWords;

    public SmallTalkDetector(IReadOnlyList<SmallTalkIntent> intents)
    {
        _intents = intents;
        _longestPattern = intents.SelectMany(i => i.Patterns).Select(p => TextNormalizer.Words(p).Length).DefaultIfEmpty(1).Max();
        _patternWords = new HashSet<string>(intents.SelectMany(i => i.Patterns).SelectMany(TextNormalizer.Words), StringComparer.Ordinal);
    }

    /// <summary>The intent of a normalised question, or null when it is not (only) small talk.</summary>
    public SmallTalkIntent? Detect(string normalized)
    {
        if (normalized.Length == 0)
        {
            return null;
        }

        var words = TextNormalizer.Words(normalized).Select(Unstretched).ToArray();
        SmallTalkIntent? last = null;
        var i = 0;
        while (i < words.Length)
        {
            var (intent, length) = LongestPatternAt(words, i);
            if (intent is not null)
            {
                last = intent;
                i += length;
            }
            else if (Filler.Contains(words[i]) || StopWords.Common.Contains(words[i]) || StopWords.Weak.Contains(words[i]))
            {
                i++;
            }
            else
            {
                return null;
            }
        }

        return last;
    }

    /// <summary>
    /// "heyyy", "byeee", "thanksss", "cooool": letters stretched for tone. Squeezed back to one letter, else
    /// to two ("cool"), whichever is a word of some pattern; words no pattern has stay as typed.
    /// </summary>
    private string Unstretched(string word)
    {
        if (_patternWords.Contains(word) || Filler.Contains(word) || !Stretched().IsMatch(word))
        {
            return word;
        }

        var single = Stretched().Replace(word, "$1");
        if (_patternWords.Contains(single))
        {
            return single;
        }

        var twice = Stretched().Replace(word, "$1$1");
        return _patternWords.Contains(twice) ? twice : word;
    }

    [GeneratedRegex(@"([a-z])\1{2,}")]
    private static partial Regex Stretched();

    private (SmallTalkIntent? Intent, int Length) LongestPatternAt(string[] words, int start)
    {
        for (var n = Math.Min(_longestPattern, words.Length - start); n >= 1; n--)
        {
            var phrase = string.Join(' ', words, start, n);
            foreach (var intent in _intents)
            {
                if (intent.Patterns.Contains(phrase, StringComparer.Ordinal))
                {
                    return (intent, n);
                }
            }
        }

        return (null, 0);
    }
}
