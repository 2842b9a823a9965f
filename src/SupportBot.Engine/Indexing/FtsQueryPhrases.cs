using System.Text;

namespace SupportBot.Engine.Indexing;

/// <summary>
/// Reads back the phrases of an FTS5 expression made only of quoted phrases, <c>OR</c> and parentheses: what
/// <see cref="FtsQuery.AnyOf"/> and <see cref="FtsQuery.AnyTerm"/> write, and every ranking query of a question.
/// </summary>
internal static class FtsQueryPhrases
{
    /// <summary>
    /// The phrases of <paramref name="expression"/> in order, repeats kept, or null when it is anything more than
    /// phrases joined by <c>OR</c> (a prefix <c>*</c>, a column filter, an implicit AND): such an expression is
    /// then used as it is.
    /// </summary>
    public static List<string>? Of(string expression)
    {
        var phrases = new List<string>();
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
                case '"' when expectOperand && Quoted(expression, ref i) is { } phrase:
                    phrases.Add(phrase);
                    expectOperand = false;
                    break;
                default:
                    return null;
            }
        }

        return expectOperand || depth != 0 ? null : phrases;
    }

    /// <summary>The phrase quoted at <paramref name="i"/> (its doubled quotes made single), moving past it; null if unclosed.</summary>
    private static string? Quoted(string expression, ref int i)
    {
        StringBuilder? unquoted = null;
        var start = i + 1;
        for (var j = start; j < expression.Length; j++)
        {
            if (expression[j] != '"')
            {
                continue;
            }

            if (j + 1 < expression.Length && expression[j + 1] == '"')
            {
                // A doubled quote: the text so far and one quote; carry on after the pair.
                (unquoted ??= new StringBuilder()).Append(expression, start, j + 1 - start);
                j++;
                start = j + 1;
                continue;
            }

            i = j + 1;
            return unquoted is null ? expression[start..j] : unquoted.Append(expression, start, j - start).ToString();
        }

        return null;
    }
}
