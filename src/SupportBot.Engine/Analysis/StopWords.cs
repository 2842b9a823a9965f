namespace SupportBot.Engine.Analysis;

/// <summary>
/// Words that carry no topic. Question words are kept apart: they help match an FAQ's phrasings
/// ("when did…" vs "why did…") but say nothing about whether a question is in scope.
/// </summary>
public static class StopWords
{
    public static readonly IReadOnlySet<string> QuestionWords = new HashSet<string>(StringComparer.Ordinal)
    {
        "what", "when", "why", "who", "whom", "whose", "which", "where", "how",
    };

    /// <summary>The verbs that open a yes/no question or follow a question word ("is", "did", "can"…).</summary>
    public static readonly IReadOnlySet<string> Auxiliaries = new HashSet<string>(StringComparer.Ordinal)
    {
        "is", "are", "was", "were", "do", "does", "did", "will", "would", "can", "could", "should", "has", "have", "had",
    };

    public static readonly IReadOnlySet<string> Common = new HashSet<string>(StringComparer.Ordinal)
    {
        "a", "an", "the", "and", "or", "but", "if", "then", "so", "of", "to", "in", "on", "at", "by", "for", "with",
        "about", "as", "from", "into", "over", "under", "up", "out", "off", "is", "are", "was", "were", "be", "been",
        "being", "am", "do", "does", "did", "doing", "done", "have", "has", "had", "having", "i", "me", "my", "mine",
        "myself", "you", "your", "yours", "he", "him", "his", "she", "her", "it", "its", "we", "our", "they", "them",
        "their", "this", "that", "these", "those", "there", "here", "can", "could", "would", "should", "shall",
        "will", "may", "might", "must", "not", "no", "yes", "any", "some", "all", "just", "also", "too", "very",
        "really", "please", "pls", "plz", "thanks", "tell", "know", "say", "said", "get", "got", "going", "go",
        "now", "ever", "anymore", "any", "more", "much", "many", "lot", "thing", "things", "mean", "means", "meaning",
        "happen", "happened", "happening", "happens", "like", "want", "need", "says", "saying", "im", "ive", "id", "hi", "hello", "hey",
        "ok", "okay", "yeah", "u", "ur", "r", "s", "t", "d", "ll", "re", "ve", "m", "than", "such", "only", "own",
        "same", "other", "again", "whether", "anything", "something", "someone", "anyone", "else", "because",
        "before", "after", "above", "below", "between", "through", "during", "while", "until", "till", "since",
        "against", "further", "once", "both", "each", "few", "most", "either", "neither", "nor", "onto", "upon",
        "within", "without", "toward", "towards", "among", "around", "along", "across", "behind", "beyond", "via",
        "per", "already", "yet", "ago", "even", "every", "exactly", "actually", "basically", "anyway", "maybe",
        "perhaps", "probably", "definitely", "certainly", "quite", "rather", "somewhat", "whatever", "whenever",
        "however", "therefore", "though", "although", "unless", "whose", "whom", "ours", "theirs", "himself",
        "herself", "itself", "themselves", "ourselves", "yourself", "everything", "nothing", "everyone", "nobody",
        "one", "ones", "read", "heard", "hear", "saw", "seen", "noticed", "dear", "hello", "thank", "appreciate",
        // Chat filler: it says how a customer feels, never what the question is about.
        "lol", "lmao", "haha", "omg", "btw", "tbh", "idk", "imo", "gonna", "gotta", "wanna", "kinda", "sorta", "um",
        "uh", "hmm", "huh", "ugh", "wait", "yo", "ya", "guys", "folks", "dude", "bro", "literally", "seriously",
        "honestly", "totally", "pretty", "stuff", "getting", "gets", "gotten", "alright", "sure", "supposed",
        // Asking about asking: "can you confirm…", "let me know…", "i'm wondering…".
        "let", "lets", "letting", "confirm", "verify", "verifying", "check", "checking", "wondering", "wonder", "curious", "explain",
        "true", "correct", "accurate", "legit", "lately", "recently", "currently", "nowadays",
        // Asking for information about a topic names no topic: "info on the exit" asks about the exit (and
        // "information" stems like "informed", how customers were told).
        "info", "information", "details",
        // Manner adverbs: "when did the exit officially start" asks when it started.
        "officially", "formally", "personally", "finally", "specifically", "particularly", "generally", "truly", "simply",
    };

    /// <summary>
    /// Everyday words that are topic words but weak ones: they appear in customers' phrasings of many
    /// questions and of many out-of-scope ones ("what time is it", "what's your name").
    /// </summary>
    public static readonly IReadOnlySet<string> Weak = new HashSet<string>(StringComparer.Ordinal)
    {
        "time", "times", "name", "open", "good", "best", "better", "new", "use", "using", "used", "work", "working",
        "way", "make", "made", "people", "person", "day", "days", "year", "years", "today", "now", "help", "find",
        "look", "take", "keep", "come", "back", "right", "wrong", "long", "old", "big", "little", "great",
        "first", "last", "next", "number", "count", "part", "point", "place", "world", "life", "home", "run", "running",
        "set", "put", "call", "try", "start", "stop", "end", "change", "move", "show", "play", "turn", "happen",
        "still", "case", "fact", "problem", "question", "answer", "news", "about",
    };

    /// <summary>
    /// Words that only add tone ("where is it even from", "what exactly did they say", "what Kaspersky itself said"): left out
    /// before phrases are matched, so that the phrase is still found.
    /// </summary>
    public static readonly IReadOnlySet<string> Softeners = new HashSet<string>(StringComparer.Ordinal)
    {
        "actually", "even", "truly", "kindly", "honestly", "seriously", "really", "exactly", "basically", "itself",
    };

    public static bool IsStop(string word) => Common.Contains(word) || QuestionWords.Contains(word);
}
