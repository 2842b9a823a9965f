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
        "madam", "man", "lol", "haha", "really", "quick", "one", "assistant", "question", "questions", "sweetheart", "honey", "darling", "hope", "somebody", "someone",
        "something", "pretty", "fast",
    };

    /// <summary>
    /// Words that only add tone, even inside a pattern: "is anyone actually there", "are you even a real person",
    /// "are you still there". They are left out before matching.
    /// </summary>
    private static readonly HashSet<string> Softeners = new(StopWords.Softeners.Append("ever").Append("still"), StringComparer.Ordinal);

    /// <summary>The intent that asks about the bot itself ("who made you", "are you a real person").</summary>
    private const string AboutTheBot = "identity";

    /// <summary>The intents that are courtesies rather than requests ("help", "who are you").</summary>
    private static readonly HashSet<string> Pleasantries = new(StringComparer.Ordinal) { "greeting", "thanks", "goodbye" };

    private readonly IReadOnlyList<SmallTalkIntent> _intents;
    private readonly HashSet<string> _patternWords;
    private readonly int _maxOtherWords;
    private readonly int _aboutTheBotMaxOtherWords;
    private readonly IReadOnlySet<string> _englishWords;
    private readonly string[] _typoTargets;
    private readonly IntentPhrases _patterns;
    private readonly IntentPhrases _cues;

    /// <param name="intents">The intents of responses.yaml.</param>
    /// <param name="maxOtherWords">Most words other than cues and filler a message found by its cues may have.</param>
    /// <param name="englishWords">Real English words: never read as a typo of a pattern's word.</param>
    /// <param name="aboutTheBotMaxOtherWords">The same as <paramref name="maxOtherWords"/> for a question about the bot itself.</param>
    public SmallTalkDetector(
        IReadOnlyList<SmallTalkIntent> intents, int maxOtherWords = 1, IReadOnlySet<string>? englishWords = null, int aboutTheBotMaxOtherWords = 1)
    {
        _intents = intents;
        _maxOtherWords = maxOtherWords;
        _aboutTheBotMaxOtherWords = Math.Max(maxOtherWords, aboutTheBotMaxOtherWords);
        _englishWords = englishWords ?? new HashSet<string>(StringComparer.Ordinal);
        _patternWords = new HashSet<string>(
            intents.SelectMany(i => i.Patterns.Concat(i.Cues)).SelectMany(TextNormalizer.Words), StringComparer.Ordinal);
        _typoTargets = _patternWords.Concat(Filler).Where(w => w.Length >= 4).Distinct(StringComparer.Ordinal).ToArray();
        _patterns = new IntentPhrases(intents, intent => intent.Patterns);
        _cues = new IntentPhrases(intents, intent => intent.Cues);
    }

    /// <summary>The intent of a normalised question, or null when it is not (only) small talk.</summary>
    public SmallTalkIntent? Detect(string normalized)
    {
        if (normalized.Length == 0)
        {
            return null;
        }

        var words = Words(normalized);
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
            else if (Retyped(words[i]) is { } meant)
            {
                words[i] = meant;
            }
            else
            {
                return null;
            }
        }

        return last;
    }

    /// <summary>
    /// The intent of a message that is small talk in the customer's own words rather than a known pattern
    /// ("Thank you so much, you've been very patient", "Hi, I'm a reporter. Who am I speaking with?", "hlp"),
    /// or null. Only for a message the knowledge base has no answer for: every sentence carries a cue or asks
    /// nothing, few other words surround the cues, and the last cue says the intent. A one-word message one
    /// letter from a one-word pattern ("thnks", "hlp") counts too.
    /// </summary>
    public SmallTalkIntent? DetectByCues(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        SmallTalkIntent? last = null;
        var otherWords = 0;
        var allWords = new List<string>();
        var sentences = MessageFocus.Sentences(message);
        var everySentenceIsAPleasantry = sentences.Count >= 2;
        foreach (var sentence in sentences)
        {
            var words = Words(TextNormalizer.Normalize(sentence));
            allWords.AddRange(words);
            SmallTalkIntent? cue = null;
            for (var i = 0; i < words.Length;)
            {
                var (intent, length) = LongestCueAt(words, i);
                if (intent is not null)
                {
                    (cue, i) = (intent, i + length);
                    continue;
                }

                var otherWord = !Filler.Contains(words[i]) && !StopWords.IsStop(words[i]) && !StopWords.Weak.Contains(words[i]);
                if (otherWord && Retyped(words[i]) is { } meant)
                {
                    words[i] = meant;
                    continue;
                }

                otherWords += otherWord ? 1 : 0;
                i++;
            }

            if (cue is null && MessageFocus.IsQuestion(sentence))
            {
                return null;
            }

            last = cue ?? last;
            everySentenceIsAPleasantry &= cue is not null && Pleasantries.Contains(cue.Name);
        }

        // A thank-you note of several sentences ("Thank you for your patience. I really appreciate the clear
        // explanations. Have a great day!") or clauses ("Appreciate the quick answers, that helps with my planning")
        // has many words of its own, each part a pleasantry all the same.
        var maxOtherWords = last?.Name == AboutTheBot ? _aboutTheBotMaxOtherWords : _maxOtherWords;
        return last is not null && (otherWords <= maxOtherWords || everySentenceIsAPleasantry || EveryClauseIsAPleasantry(sentences)) ? last
            : allWords.Count == 1 ? OneLetterFromAPattern(allWords[0])
            : null;
    }

    private bool EveryClauseIsAPleasantry(IReadOnlyList<string> sentences)
    {
        var clauses = sentences.SelectMany(s => s.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        return clauses.Count >= 2 && clauses.TrueForAll(clause =>
        {
            var words = Words(TextNormalizer.Normalize(clause));
            for (var i = 0; i < words.Length; i++)
            {
                if (LongestCueAt(words, i).Intent is { } cue && Pleasantries.Contains(cue.Name))
                {
                    return true;
                }
            }

            return false;
        });
    }

    private string[] Words(string normalized) =>
        TextNormalizer.Words(normalized).Select(Unstretched).Where(w => !Softeners.Contains(w)).ToArray();

    private SmallTalkIntent? OneLetterFromAPattern(string word) => word.Length < 3 ? null : _intents.FirstOrDefault(intent =>
        intent.Patterns.Any(p => p.Length >= 4 && p[0] == word[0] && !p.Contains(' ', StringComparison.Ordinal)
            && EditDistance.OptimalStringAlignment(word, p, 1) <= 1));

    /// <summary>
    /// "thnak", "apreciate", "goodbey", "tody": one letter off a word of some pattern, cue or filler (same first
    /// letter, four letters or more), and no English word itself, so that "hell" or "held" never becomes "help".
    /// </summary>
    private string? Retyped(string word)
    {
        if (word.Length < 4 || _patternWords.Contains(word) || Filler.Contains(word) || _englishWords.Contains(word))
        {
            return null;
        }

        string? meant = null;
        foreach (var candidate in _typoTargets)
        {
            if (candidate[0] == word[0] && EditDistance.OptimalStringAlignment(word, candidate, 1) <= 1)
            {
                if (meant is not null)
                {
                    return null;
                }

                meant = candidate;
            }
        }

        return meant;
    }

    /// <summary>
    /// "hii", "heyyy", "byeee", "thanksss", "cooool": letters stretched for tone. Squeezed back to one letter, else
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

    [GeneratedRegex(@"([a-z])\1+")]
    private static partial Regex Stretched();

    private (SmallTalkIntent? Intent, int Length) LongestPatternAt(string[] words, int start) =>
        _patterns.LongestAt(words, start);

    private (SmallTalkIntent? Intent, int Length) LongestCueAt(string[] words, int start) =>
        _cues.LongestAt(words, start);
}
