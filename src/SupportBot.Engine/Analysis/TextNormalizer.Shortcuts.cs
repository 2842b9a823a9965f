using System.Text;

namespace SupportBot.Engine.Analysis;

/// <summary>
/// What each rewriting step of <see cref="Normalize"/> needs before it can change anything. Most questions have no
/// digit, chat shorthand, "told", full stop or apostrophe, and a text goes through <see cref="Normalize"/> several
/// times per question (the question, its readings and clauses, their small-talk checks): running the patterns
/// over text they cannot match was most of that time. Each check is a necessary condition of its pattern, so a
/// skipped step is one that would have left the text as it was.
/// </summary>
public static partial class TextNormalizer
{
    /// <summary>Plain ASCII has no diacritics to remove and nothing for Unicode normalisation to change.</summary>
    private static bool HasNoDiacritics(string text) => Ascii.IsValid(text);

    /// <summary>Every date pattern (ISO, slashes, a month with its day) has a digit 0–9.</summary>
    private static bool HasDigit(string s) => s.AsSpan().ContainsAnyInRange('0', '9');

    /// <summary>Every hearsay phrase has the word "told".</summary>
    private static bool HasTold(string s) => s.Contains("told", StringComparison.Ordinal);

    /// <summary>
    /// Whether some word of <paramref name="s"/> is a key of <paramref name="words"/> (<see cref="Shorthand"/>,
    /// <see cref="Months"/>). A match of <c>\b(ppl|govt|…)\b</c> is a whole run of ASCII letters and digits (the
    /// characters either side of it are not word characters, so not those), so a text where no such run is one of the
    /// pattern's words has no match; and every word of the shorthand and lone-month patterns is such a key, since
    /// each replacement looks its match up there.
    /// </summary>
    private static bool HasWordOf(string s, Dictionary<string, string> words)
    {
        var lookup = words.GetAlternateLookup<ReadOnlySpan<char>>();
        var start = -1;
        for (var i = 0; i <= s.Length; i++)
        {
            var inWord = i < s.Length && char.IsAsciiLetterOrDigit(s[i]);
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                if (lookup.ContainsKey(s.AsSpan(start, i - start)))
                {
                    return true;
                }

                start = -1;
            }
        }

        return false;
    }
}
