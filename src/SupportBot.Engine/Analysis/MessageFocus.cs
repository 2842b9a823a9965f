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
    private static readonly HashSet<string> QuestionOpeners = new(StringComparer.Ordinal)
    {
        "what", "when", "why", "who", "which", "where", "how", "is", "are", "was", "were", "do", "does", "did",
        "can", "could", "will", "would", "should", "shall", "may", "might", "has", "have", "had", "am",
    };

    /// <param name="message">The customer's text.</param>
    /// <param name="isSmallTalk">Whether a normalised sentence is only a pleasantry.</param>
    /// <returns>The readings, most focused first: the question sentences, the message without pleasantries, the message.</returns>
    public static IReadOnlyList<string> Readings(string message, Func<string, bool> isSmallTalk)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(isSmallTalk);
        var sentences = SentenceBreak().Split(message).Select(s => s.Trim()).Where(s => s.Length > 0).ToList();
        if (sentences.Count < 2)
        {
            return [message];
        }

        var readings = new List<string> { message };
        var substantive = sentences.Where(s => !isSmallTalk(TextNormalizer.Normalize(s))).ToList();
        if (substantive.Count > 0 && substantive.Count < sentences.Count)
        {
            readings.Add(string.Join(' ', substantive));
        }

        var questions = substantive.Where(IsQuestion).ToList();
        if (questions.Count > 0 && questions.Count < substantive.Count)
        {
            readings.Add(string.Join(' ', questions));
        }

        readings.Reverse();
        return readings;
    }

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
        var sentences = SentenceBreak().Split(message).Select(s => s.Trim()).Where(s => s.Length > 0).ToList();
        if (sentences.Count < 2 || sentences.Exists(IsQuestion))
        {
            return null;
        }

        return sentences.Select(TextNormalizer.Normalize).FirstOrDefault(isSmallTalk);
    }

    private static bool IsQuestion(string sentence)
    {
        if (sentence.EndsWith('?'))
        {
            return true;
        }

        var words = TextNormalizer.Words(TextNormalizer.Normalize(sentence));
        return words.Length > 0 && QuestionOpeners.Contains(words[0]);
    }

    [GeneratedRegex(@"(?<=[.!?])\s+|[\r\n]+")]
    private static partial Regex SentenceBreak();
}
