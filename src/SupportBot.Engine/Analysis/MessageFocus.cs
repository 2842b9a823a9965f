using System.Text.RegularExpressions;

namespace SupportBot.Engine.Analysis;

/// <summary>
/// Customers often write a paragraph: a greeting, their story, the question, thanks. The pleasantries and
/// the story add words the knowledge base lacks, which lowers confidence in the right answer. This finds
/// the readings of a message worth answering: the whole message without its small-talk sentences, and the
/// question sentences alone. The engine answers the reading it is surest of.
/// </summary>
public static partial class MessageFocus
{
    private static readonly HashSet<string> Conjunctions = new(StringComparer.Ordinal) { "and", "but", "also", "or", "so", "plus" };

    /// <summary>Words of tone that may come before a question word: "ok so when…", "um, why…".</summary>
    private static readonly HashSet<string> Interjections = new(StringComparer.Ordinal) { "ok", "okay", "so", "well", "um", "uh", "hmm", "anyway", "anyways", "ugh" };

    /// <summary>Words that open a phrase set in front of a question ("as a small business, …").</summary>
    private static readonly HashSet<string> FrontingWords = new(StringComparer.Ordinal) { "as", "for", "in", "with", "being" };

    /// <summary>How long such a phrase may be: longer, it is a story of its own.</summary>
    private const int FrontedPhraseMaxWords = 5;

    /// <summary>Words that tell of a problem: a message with one is a request for help, whatever pleasantry opens it.</summary>
    private static readonly HashSet<string> TroubleWords = new(StringComparer.Ordinal)
    {
        "problem", "problems", "issue", "issues", "trouble", "error", "errors", "broken", "broke", "slow", "crash", "crashes",
        "crashing", "crashed", "stuck", "fail", "fails", "failed", "failing", "frozen", "freezes", "virus", "hacked", "wrong",
        "lost", "keeps", "stopped", "jam", "jammed", "offline", "dead", "infected", "deleted", "missing", "disappeared",
    };

    /// <summary>What a device does not do when something is wrong ("won't print", "is not working").</summary>
    private static readonly HashSet<string> FailingVerbs = new(StringComparer.Ordinal)
    {
        "work", "working", "works", "print", "printing", "start", "starting", "load", "loading", "open", "opening", "turn",
        "connect", "connecting", "respond", "responding", "boot", "booting", "run", "running", "install", "update", "updating",
    };

    private static readonly HashSet<string> Prepositions = new(StringComparer.Ordinal) { "in", "for", "from", "at", "on", "by", "to", "of", "since", "until" };

    private static readonly HashSet<string> WhWords = new(StringComparer.Ordinal) { "which", "what", "when", "where", "whom", "who", "how" };

    private static readonly HashSet<string> QuestionOpeners = new(StringComparer.Ordinal)
    {
        "what", "when", "why", "who", "which", "where", "how", "is", "are", "was", "were", "do", "does", "did",
        "can", "could", "will", "would", "should", "shall", "may", "might", "has", "have", "had", "am",
    };

    /// <param name="message">The customer's text.</param>
    /// <param name="isSmallTalk">Whether a normalised sentence is only a pleasantry.</param>
    /// <returns>
    /// The readings, most focused first: the question sentences, the message without pleasantries, the message. A message
    /// of one relayed clause is the exception: the message, then the message without its teller.
    /// </returns>
    public static IReadOnlyList<string> Readings(string message, Func<string, bool> isSmallTalk)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(isSmallTalk);
        if (!SentenceBreak().IsMatch(message) && !ClauseBreak().IsMatch(message))
        {
            // Most questions are one plain clause: nothing to focus on. One relayed ("caller wants to know if…") is read
            // without its teller too, but only after the message as typed: the teller may name the topic ("my friend in
            // europe says…").
            var typed = message.Trim();
            var relayed = RelayedByAPerson().IsMatch(typed) ? Hearsay().Replace(typed, "", 1) : typed;
            return relayed.Length > 0 && relayed.Length < typed.Length ? [message, relayed] : [message];
        }

        var sentences = Sentences(message);
        var readings = new List<string> { message };
        // "Dear support team, I read about…": a salutation opening a sentence is no more the topic than one on its own.
        var substantive = sentences.Where(s => !isSmallTalk(TextNormalizer.Normalize(s))).Select(s => WithoutPleasantOpening(s, isSmallTalk)).ToList();
        if (substantive.Count > 0 && !substantive.SequenceEqual(sentences))
        {
            readings.Add(string.Join(' ', substantive));
        }

        // "My nephew says Kaspersky is closing down…", "Our accountant asked if Kaspersky is on some blacklist": who
        // said it is the story; what was said is the topic.
        var reported = substantive.Select(s => Hearsay().Replace(s, "", 1)).ToList();
        if (!reported.SequenceEqual(substantive))
        {
            readings.Add(string.Join(' ', reported));
        }

        var questions = substantive.Where(s => IsQuestion(s) && !RefersBack(s)).ToList();
        if (questions.Count > 0 && questions.Count < substantive.Count)
        {
            readings.Add(string.Join(' ', questions));
        }

        // Within a sentence: "hi, I run a dental office and we use kaspersky, when do the updates stop?" asks
        // in its last clause; "why was it banned and when did it start" asks twice. Each asking clause is a
        // reading of its own, first ones first, unless it points back at the rest ("is that true?", "where are
        // they based?"): alone, it would be about nothing.
        var asking = Asking(substantive);
        if (asking.Count > 0 && !readings.Contains(string.Join(' ', asking)))
        {
            readings.Add(string.Join(' ', asking));
        }

        if (asking.Count > 1)
        {
            readings.AddRange(asking.AsEnumerable().Reverse().Where(c => !readings.Contains(c)));
        }

        readings.Reverse();
        return readings;
    }

    /// <summary>
    /// The clauses of a message that each ask a question of their own ("why was it banned and when did it
    /// start"), in order; empty when the message asks fewer than two.
    /// </summary>
    /// <param name="message">The customer's text.</param>
    /// <param name="isSmallTalk">Whether a normalised sentence is only a pleasantry.</param>
    public static IReadOnlyList<string> AskingClauses(string message, Func<string, bool> isSmallTalk)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(isSmallTalk);
        if (!SentenceBreak().IsMatch(message) && !ClauseBreak().IsMatch(message))
        {
            return [];
        }

        var asking = Asking(Sentences(message).Where(s => !isSmallTalk(TextNormalizer.Normalize(s))));
        return asking.Count >= 2 ? asking : [];
    }

    /// <summary>The clauses of the sentences that ask something of their own (not pointing back at the rest).</summary>
    private static List<string> Asking(IEnumerable<string> sentences) =>
        sentences.SelectMany(Clauses).Where(c => IsQuestion(c) && !RefersBack(c)).ToList();

    /// <summary>
    /// The first pleasantry of a message that asks nothing ("Hello! I'm writing a report for school."), or
    /// null when the message has no pleasantry or asks a question.
    /// </summary>
    /// <param name="message">The customer's text.</param>
    /// <param name="isSmallTalk">Whether a normalised sentence is only a pleasantry.</param>
    public static string? PleasantryOfStatement(string message, Func<string, bool> isSmallTalk)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(isSmallTalk);
        // A question's clauses, not only its sentence: "I'm doing a school project, can I ask you a few questions?"
        // tells, then asks only small talk, as it would in two sentences. (Only a question: in "ok thanks, will loop
        // in the team" the clause after the comma opens like a question and asks nothing.)
        var sentences = Sentences(message).SelectMany(s => s.EndsWith('?') ? Clauses(s) : [s])
            .Select(s => (Text: s, Normalized: TextNormalizer.Normalize(s))).ToList();
        // "Hi, my laptop is very slow" reports a problem: the greeting is not what it is about. A question that is
        // itself small talk ("… How are you today?") asks nothing of the knowledge base.
        if (sentences.Count == 0 || sentences.Exists(s => IsQuestion(s.Text) && !isSmallTalk(s.Normalized)) || ReportsTrouble(message))
        {
            return null;
        }

        if (sentences.Count >= 2 && sentences.Find(s => isSmallTalk(s.Normalized)).Normalized is { } pleasantry)
        {
            return pleasantry;
        }

        // "Thank you, I'll pass this on to my team", "Hi, I'm a reporter working on a story", "Hello - I'm the IT
        // department here": a pleasantry opening a sentence that only tells.
        return PleasantOpening(sentences[0].Text, isSmallTalk)?.Pleasantry;
    }

    /// <summary>A sentence without the pleasantry that opens it ("Dear team, …", "Hi Sam, …"), if it has one.</summary>
    private static string WithoutPleasantOpening(string sentence, Func<string, bool> isSmallTalk) =>
        PleasantOpening(sentence, isSmallTalk)?.AfterIt ?? sentence;

    /// <summary>
    /// The pleasantry that opens a sentence before a comma, colon, "!" or dash, normalised, and the rest of the sentence
    /// as typed; null when the sentence opens with none, or has nothing after it.
    /// </summary>
    private static (string Pleasantry, string AfterIt)? PleasantOpening(string sentence, Func<string, bool> isSmallTalk)
    {
        var parts = OpeningBreak().Split(sentence, 2);
        if (parts.Length < 2)
        {
            return null;
        }

        var opening = TextNormalizer.Normalize(parts[0]);
        var rest = parts[1].Trim();
        return TextNormalizer.Normalize(rest).Length > 0 && isSmallTalk(opening) ? (opening, rest) : null;
    }

    /// <summary>Whether a message tells of something wrong ("my printer won't print", "it keeps crashing").</summary>
    private static bool ReportsTrouble(string message)
    {
        var words = TextNormalizer.Words(TextNormalizer.Normalize(message));
        for (var i = 0; i < words.Length; i++)
        {
            var next = i + 1 < words.Length ? words[i + 1] : "";
            if (TroubleWords.Contains(words[i]) || (words[i] == "not" && FailingVerbs.Contains(next)) || (words[i] == "need" && next == "help"))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether a clause leans on what came before: "they", "them", or "that"/"this"/"those"/"these"
    /// standing alone ("is that true") or as the subject ("are those affected"), not before a noun ("those sanctions").
    /// </summary>
    private static bool RefersBack(string clause)
    {
        var words = TextNormalizer.Words(TextNormalizer.Normalize(clause));
        var named = false;
        for (var i = 0; i < words.Length; i++)
        {
            // A word the clause names first may be what the pronoun stands for: "is kaspersky giving its programs
            // away because they are leaving", "are americans losing jobs because of this" are whole questions.
            // "it" is left out: here it is nearly always Kaspersky or the ban ("why was it banned"). A demonstrative
            // right after an auxiliary opening the question is its subject ("are those affected").
            if ((!named && (words[i] is "they" or "them" or "he" or "she"
                    || (words[i] is "that" or "this" or "those" or "these" && (i + 1 == words.Length || StopWords.IsStop(words[i + 1])))))
                || (words[i] is "that" or "this" or "those" or "these" && i == 1 && StopWords.Auxiliaries.Contains(words[0])))
            {
                return true;
            }

            named |= !StopWords.IsStop(words[i]);
        }

        return false;
    }

    /// <summary>The sentences of a message, trimmed, empty ones left out.</summary>
    public static IReadOnlyList<string> Sentences(string message) =>
        SentenceBreak().Split(message).Select(s => s.Trim()).Where(s => s.Length > 0).ToList();

    /// <summary>
    /// Whether a sentence asks something: it ends with "?", starts with a question word, or asks in a polite frame
    /// ("I was curious how long…", "I'd be grateful if you could explain what…").
    /// </summary>
    public static bool IsQuestion(string sentence)
    {
        if (sentence.EndsWith('?'))
        {
            return true;
        }

        // Letters often ask without a question mark or a question word first: "I was curious how long Kaspersky had
        // been here.", "I'd like to know whether…". Read as statements, they left only the greeting or the thanks
        // around them to reply to.
        var normalized = TextNormalizer.Normalize(sentence);
        return StartsAsking(sentence, normalized) || IndirectQuestion().IsMatch(normalized);
    }

    private static bool StartsAsking(string text) => StartsAsking(text, TextNormalizer.Normalize(text));

    /// <param name="text">A sentence or clause as typed.</param>
    /// <param name="normalized">The same, normalised.</param>
    private static bool StartsAsking(string text, string normalized)
    {
        var words = TextNormalizer.Words(normalized);
        // "…, and how much revenue": after a comma the joining word comes first, then the question; "in which city…",
        // "for what reason…": a preposition may come before it.
        var start = words.Length > 1 && Conjunctions.Contains(words[0]) ? 1 : 0;
        // "seriously why did they leave", "ok so when did it stop": tone before the question word.
        while (start < words.Length - 1 && (StopWords.Softeners.Contains(words[start]) || Interjections.Contains(words[start])))
        {
            start++;
        }

        start += words.Length > start + 1 && Prepositions.Contains(words[start]) && WhWords.Contains(words[start + 1]) ? 1 : 0;
        var first = start < words.Length ? words[start] : null;
        return first is not null
            && (QuestionOpeners.Contains(first)
                || (FrontingWords.Contains(words[0]) && text.Split(',', 2) is [var front, var rest]
                    && IsFrontedPhrase(front.Trim(), text.TrimStart()) && StartsAsking(rest)));
    }

    /// <summary>
    /// "As a US company, are we allowed…", "For my business, what should I do?": a short phrase in front of the
    /// question says who asks or about what; read alone, the question loses it ("are we allowed" is another entry).
    /// </summary>
    /// <param name="phrase">A clause, trimmed.</param>
    /// <param name="sentence">The sentence it is part of, trimmed at its start: the phrase must open it, before a comma
    /// ("For my notes: which department…" sets the question apart instead).</param>
    private static bool IsFrontedPhrase(string phrase, string sentence) =>
        sentence.Length > phrase.Length && sentence.StartsWith(phrase, StringComparison.Ordinal) && sentence[phrase.Length] == ','
        && TextNormalizer.Words(TextNormalizer.Normalize(phrase)) is { Length: > 0 and <= FrontedPhraseMaxWords } words
        && FrontingWords.Contains(words[0]);

    /// <summary>
    /// A sentence's clauses, each starting where a question starts; what follows a clause without asking
    /// ("…, norton or bitdefender?") stays with it, so no clause loses the words that make it out of scope.
    /// </summary>
    private static IEnumerable<string> Clauses(string sentence)
    {
        var current = "";
        var opening = sentence.TrimStart();
        foreach (var part in ClauseBreak().Split(sentence).Select(p => p.Trim()).Where(p => p.Length > 0))
        {
            if (current.Length > 0 && StartsAsking(part) && !IsFrontedPhrase(current, opening))
            {
                yield return current;
                current = part;
            }
            else
            {
                current = current.Length == 0 ? part : $"{current}, {part}";
            }
        }

        if (current.Length > 0)
        {
            yield return current;
        }
    }

    /// <summary>A verb of wanting to know and the question word it governs: "curious how", "like to know whether", "explain what".</summary>
    [GeneratedRegex(@"\b(?:wonder|wondering|wondered|curious|explain|know|understand|clarify|tell me|tell us|find out)\s+(?:(?:to|me|us|about|more about)\s+)?(?:how|what|why|when|which|who|where|whether|if)\b")]
    private static partial Regex IndirectQuestion();

    /// <summary>Tellers that are people without a possessive ("someone says", "caller wants to know"), for <see cref="Hearsay"/> and <see cref="RelayedByAPerson"/>.</summary>
    private const string PeopleWhoTell = "someone|somebody|people|everyone|i|we|caller|cx|customer|client";

    /// <summary>
    /// A teller and a verb of telling at the start of a sentence: "my nephew says (that)", "our accountant asked if",
    /// "I recall hearing that", and an agent's relaying: "caller wants to know if", "cx asking why".
    /// </summary>
    [GeneratedRegex(@"^(?:(?:my|our|a|the|some|" + PeopleWhoTell + @")\b[\w' ]{0,40}?\s)?(?:says|said|told (?:me|us)|tells (?:me|us)|heard|hearing|read|reading|mentioned|claims|claimed|thinks|believes|asked|asks|asking|wants to know|would like to know|wanted to know)\s+(?:that\s+|if\s+|whether\s+|about\s+)?", RegexOptions.IgnoreCase)]
    private static partial Regex Hearsay();

    /// <summary>
    /// A person opening a one-clause message with what they were told or asked: "caller wants to know", "my wife says".
    /// Not "my printer says offline": there the teller is the topic.
    /// </summary>
    [GeneratedRegex(@"^\s*(?:" + PeopleWhoTell + @"|(?:my|our|a|the)\s+(?:\w+\s+)?(?:friend|neighbou?r|son|daughter|wife|husband|brother|sister|cousin|nephew|niece|mom|mum|dad|mother|father|grandson|granddaughter|boss|manager|colleague|coworker|co-worker|accountant|customer|client|caller|it guy|tech guy))\b", RegexOptions.IgnoreCase)]
    private static partial Regex RelayedByAPerson();

    /// <summary>Where the opening of a sentence ends: a comma, colon, semicolon, "!" or a dash between words.</summary>
    [GeneratedRegex(@"[,;:!]|\s[-\u2013\u2014]\s")]
    private static partial Regex OpeningBreak();

    [GeneratedRegex(@"(?<=[.!?])\s+|[\r\n]+")]
    private static partial Regex SentenceBreak();

    /// <summary>A comma, colon or semicolon, or "and"/"but"/"also"/"or" before a question word: where a clause may start.</summary>
    [GeneratedRegex(@"[,;:]\s*|\s+(?:and|but|also|or|so|plus)\s+(?=(?:what|when|why|who|which|where|how|is|are|was|were|do|does|did|can|could|will|would|should|has|have)\b)", RegexOptions.IgnoreCase)]
    private static partial Regex ClauseBreak();
}
