namespace SupportBot.Engine.Analysis;

/// <summary>What kind of fact a question asks for, read from its question words.</summary>
[Flags]
public enum QuestionKind
{
    /// <summary>No telling question words ("is kaspersky leaving", "kaspersky refund").</summary>
    None = 0,

    /// <summary>A date or a time: "when", "what date", "which year".</summary>
    When = 1,

    /// <summary>A reason: "why", "how come", "what was the reason".</summary>
    Why = 2,

    /// <summary>A person or a body: "who", "which agency", "what department".</summary>
    Who = 4,

    /// <summary>A place: "where", "which country".</summary>
    Where = 8,

    /// <summary>A figure: "how many", "how much", "what percentage".</summary>
    HowMany = 16,

    /// <summary>"how long", "how much time": a duration.</summary>
    HowLong = 32,
}

/// <summary>
/// Reads the kind of fact a normalised question asks for. Topic words alone cannot tell "why are they
/// kicking kaspersky out" from "when did kaspersky start leaving"; the question words can, and an entry
/// whose phrasings never ask that way is unlikely to hold the answer.
/// </summary>
public static class QuestionKinds
{
    private static readonly Dictionary<string, QuestionKind> QuestionWords = new(StringComparer.Ordinal)
    {
        ["when"] = QuestionKind.When, ["why"] = QuestionKind.Why, ["who"] = QuestionKind.Who,
        ["whom"] = QuestionKind.Who, ["whose"] = QuestionKind.Who, ["where"] = QuestionKind.Where,
    };

    private static readonly Dictionary<string, QuestionKind> AskingNouns = new(StringComparer.Ordinal)
    {
        ["date"] = QuestionKind.When, ["reason"] = QuestionKind.Why, ["reasons"] = QuestionKind.Why, ["because"] = QuestionKind.Why,
        ["justify"] = QuestionKind.Why, ["justification"] = QuestionKind.Why, ["rationale"] = QuestionKind.Why,
        ["percent"] = QuestionKind.HowMany, ["count"] = QuestionKind.HowMany, ["headcount"] = QuestionKind.HowMany, ["percentage"] = QuestionKind.HowMany, ["length"] = QuestionKind.HowLong,
    };

    /// <summary>Verbs that introduce a question inside a sentence ("i wonder why…", "can you explain when…").</summary>
    private static readonly HashSet<string> AskingVerbs = new(StringComparer.Ordinal)
    {
        "know", "wonder", "wondering", "explain", "tell", "understand", "ask", "asking", "curious", "sure", "idea", "clue",
    };

    /// <summary>The noun after "what"/"which" that says what is asked for ("which agency", "what year").</summary>
    private static readonly Dictionary<string, QuestionKind> AfterWhich = new(StringComparer.Ordinal)
    {
        ["day"] = QuestionKind.When, ["month"] = QuestionKind.When, ["year"] = QuestionKind.When,
        ["agency"] = QuestionKind.Who, ["agencies"] = QuestionKind.Who, ["department"] = QuestionKind.Who,
        ["dept"] = QuestionKind.Who, ["president"] = QuestionKind.Who, ["administration"] = QuestionKind.Who,
        ["official"] = QuestionKind.Who, ["officials"] = QuestionKind.Who, ["part"] = QuestionKind.Who,
        ["country"] = QuestionKind.Where, ["countries"] = QuestionKind.Where, ["city"] = QuestionKind.Where,
        ["share"] = QuestionKind.HowMany, ["portion"] = QuestionKind.HowMany, ["proportion"] = QuestionKind.HowMany,
    };

    private static readonly HashSet<string> SinceWhenVerbs = new(StringComparer.Ordinal) { "is", "was", "are", "were", "has", "have", "had" };

    /// <summary>How many words may stand between "which" and its noun ("which us government agency").</summary>
    private const int AfterWhichReach = 3;

    /// <summary>
    /// The words that say what kind of fact is asked ("number", "reason", "agency"), for the spelling corrector:
    /// a typo of one ("numbr of employees") must still ask for a figure.
    /// </summary>
    public static IEnumerable<string> AskingWords =>
        QuestionWords.Keys.Concat(AskingNouns.Keys).Concat(AfterWhich.Keys).Concat(["number", "long", "many", "much", "length"]);

    /// <summary>Whether a word after "which"/"what" already says the kind asked for ("which year", "what agency").</summary>
    public static bool NamesKind(string word) => AfterWhich.ContainsKey(word);

    /// <param name="normalized">A question after <see cref="TextNormalizer.Normalize"/>.</param>
    public static QuestionKind Of(string normalized)
    {
        ArgumentNullException.ThrowIfNull(normalized);
        var words = TextNormalizer.Words(normalized);
        var kind = QuestionKind.None;
        for (var i = 0; i < words.Length; i++)
        {
            var word = words[i];
            if (word == "when" && i > 0 && words[i - 1] == "since" && i + 1 < words.Length && SinceWhenVerbs.Contains(words[i + 1]))
            {
                // "since when is kaspersky in the us", "since when has it been": how long a state has lasted.
                kind |= QuestionKind.HowLong;
            }
            else if (QuestionWords.TryGetValue(word, out var asked) && AsksHere(words, i))
            {
                kind |= asked;
            }
            else if (word == "against" && i > 0 && words[i - 1] is "have" or "has" or "had" or "got")
            {
                // "what did the government have against kaspersky": what it held against it, a reason.
                kind |= QuestionKind.Why;
            }
            else if (AskingNouns.TryGetValue(word, out var noun))
            {
                kind |= noun;
            }
            else if (word == "how" && i + 1 < words.Length)
            {
                kind |= words[i + 1] switch
                {
                    "long" when i + 2 < words.Length && words[i + 2] == "ago" => QuestionKind.When,
                    "long" => QuestionKind.HowLong,
                    "much" when i + 2 < words.Length && words[i + 2] == "time" => QuestionKind.HowLong,
                    "many" or "much" => QuestionKind.HowMany,
                    "come" => QuestionKind.Why,
                    _ => QuestionKind.None,
                };
            }
            else if (word is "what" or "which" or "number")
            {
                if (word == "number" && i + 1 < words.Length && words[i + 1] == "of")
                {
                    kind |= QuestionKind.HowMany;
                    continue;
                }

                // "what was kaspersky's official statement": after "what was", the question asks about its
                // subject; a kind noun further on ("official") is only an adjective there.
                if (i + 1 < words.Length && StopWords.Auxiliaries.Contains(words[i + 1]))
                {
                    continue;
                }

                for (var j = i + 1; j < words.Length && j <= i + AfterWhichReach; j++)
                {
                    if (AfterWhich.TryGetValue(words[j], out var thing))
                    {
                        kind |= thing;
                        break;
                    }
                }
            }
        }

        return kind;
    }

    /// <summary>
    /// "when" after a topic word joins a clause ("what did they give customers when it left"); it asks only at
    /// the start, at the end ("updates stopped when"), after a little word ("and when…") or an asking verb.
    /// </summary>
    private static bool AsksHere(string[] words, int i) =>
        i == 0
        || i == words.Length - 1
        || StopWords.Common.Contains(words[i - 1])
        || StopWords.QuestionWords.Contains(words[i - 1])
        || AskingVerbs.Contains(words[i - 1]);
}
