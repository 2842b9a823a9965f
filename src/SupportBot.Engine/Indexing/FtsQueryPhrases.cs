using System.Runtime.CompilerServices;

namespace SupportBot.Engine.Indexing;

/// <summary>
/// Reads back the phrases of an FTS5 expression made only of quoted phrases, <c>OR</c> and parentheses: what
/// <see cref="FtsQuery.AnyOf"/> and <see cref="FtsQuery.AnyTerm"/> write, and every ranking query of a question.
/// A phrase is read as the range of its quoted text in the expression (its doubled quotes as written), so that
/// looking phrases up and writing some of them again need no string per phrase.
/// </summary>
internal static class FtsQueryPhrases
{
    /// <summary>
    /// Where the phrases of <paramref name="expression"/> are, in order, repeats kept, or null when it is anything more
    /// than phrases joined by <c>OR</c> (a prefix <c>*</c>, a column filter, an implicit AND): such an expression is
    /// then used as it is.
    /// </summary>
    public static List<Range>? Of(string expression)
    {
        var phrases = new List<Range>();
        var expectOperand = true;
        var depth = 0;
        var i = 0;
        while (i < expression.Length)
        {
            switch (expression[i])
            {
                case ' ':
                    i++;
                    break;
                case '(' when expectOperand:
                    depth++;
                    i++;
                    break;
                case ')' when !expectOperand && depth > 0:
                    depth--;
                    i++;
                    break;
                case 'O' when !expectOperand && expression.AsSpan(i).StartsWith("OR ", StringComparison.Ordinal):
                    expectOperand = true;
                    i += 3;
                    break;
                case '"' when expectOperand && ClosingQuote(expression, i) is var end and > 0:
                    phrases.Add((i + 1)..end);
                    expectOperand = false;
                    i = end + 1;
                    break;
                default:
                    return null;
            }
        }

        return expectOperand || depth != 0 ? null : phrases;
    }

    /// <summary>The text of one phrase, its doubled quotes made single.</summary>
    public static string Text(string expression, Range phrase) =>
        expression[phrase].Replace("\"\"", "\"", StringComparison.Ordinal);

    /// <summary>Whether the phrase's text is as written (no doubled quotes), so it can be looked up as a span.</summary>
    public static bool IsPlain(string expression, Range phrase) => !expression.AsSpan(phrase).Contains('"');

    /// <summary>Some phrases of <paramref name="expression"/> joined by <c>OR</c>, as <see cref="FtsQuery.AnyOf"/> writes them.</summary>
    public static string AnyOf(string expression, List<Range> phrases) => AnyOf(expression, phrases, default);

    /// <summary>
    /// Some phrases of <paramref name="expression"/> joined by <c>OR</c>, as <see cref="FtsQuery.AnyOf"/> writes them, each
    /// phrase that <paramref name="tokens"/> has (as written) replaced by its token.
    /// </summary>
    public static string AnyOf(string expression, List<Range> phrases, Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> tokens)
    {
        var text = new DefaultInterpolatedStringHandler(0, 0);
        text.AppendLiteral("(");
        for (var i = 0; i < phrases.Count; i++)
        {
            text.AppendLiteral(i == 0 ? "\"" : " OR \"");
            var phrase = expression.AsSpan(phrases[i]);
            if (tokens.Dictionary is not null && tokens.TryGetValue(phrase, out var token))
            {
                text.AppendFormatted(token);
            }
            else
            {
                text.AppendFormatted(phrase);
            }

            text.AppendLiteral("\"");
        }

        text.AppendLiteral(")");
        return text.ToStringAndClear();
    }

    /// <summary>Where the phrase opened at <paramref name="open"/> closes (past its doubled quotes), or -1 if it does not.</summary>
    private static int ClosingQuote(string expression, int open)
    {
        for (var j = open + 1; j < expression.Length; j++)
        {
            if (expression[j] != '"')
            {
                continue;
            }

            if (j + 1 < expression.Length && expression[j + 1] == '"')
            {
                j++;
                continue;
            }

            return j;
        }

        return -1;
    }
}
