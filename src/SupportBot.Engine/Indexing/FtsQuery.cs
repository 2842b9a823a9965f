using System.Runtime.CompilerServices;
using SupportBot.Engine.Analysis;

namespace SupportBot.Engine.Indexing;

/// <summary>Writes FTS5 query expressions. Every word or phrase is quoted, so no customer text is FTS5 syntax.</summary>
public static class FtsQuery
{
    /// <summary>Any alternative of the term: <c>("deadline" OR "cutoff" OR "last day")</c>.</summary>
    /// <remarks>
    /// Written straight into one pooled buffer: a question asks for these expressions dozens of times (they are
    /// the memos' keys), and quoting a big synonym group piece by piece made about a tenth of a question's garbage.
    /// </remarks>
    public static string AnyOf(IEnumerable<string> alternatives, bool prefixLast = false)
    {
        ArgumentNullException.ThrowIfNull(alternatives);
        var text = new DefaultInterpolatedStringHandler(0, 0);
        text.AppendLiteral("(");
        var any = false;
        foreach (var alternative in alternatives)
        {
            if (any)
            {
                text.AppendLiteral(" OR ");
            }

            AppendQuoted(ref text, alternative);
            any = true;
        }

        if (prefixLast && any)
        {
            text.AppendLiteral("*");
        }

        text.AppendLiteral(")");
        return text.ToStringAndClear();
    }

    /// <summary>The columns that say what a document is about (not its answer text).</summary>
    public const string PhrasingColumns = "title questions tags";

    /// <summary>The column of FAQ entries' tags: the domain's curated words.</summary>
    public const string TagsColumn = "tags";

    /// <summary>Restricts an expression to some columns: <c>{title tags} : (…)</c>.</summary>
    public static string InColumns(string columns, string expression) => "{" + columns + "} : " + expression;

    /// <summary>Any term of the query: the candidates bm25 ranks.</summary>
    public static string AnyTerm(IEnumerable<QueryTerm> terms) =>
        string.Join(" OR ", terms.Select(t => AnyOf(t.Alternatives)));

    /// <summary>A phrase between double quotes, its own double quotes doubled: FTS5's string syntax.</summary>
    private static void AppendQuoted(ref DefaultInterpolatedStringHandler text, string phrase)
    {
        text.AppendLiteral("\"");
        var rest = phrase.AsSpan();
        for (var quote = rest.IndexOf('"'); quote >= 0; quote = rest.IndexOf('"'))
        {
            text.AppendFormatted(rest[..(quote + 1)]);
            text.AppendLiteral("\"");
            rest = rest[(quote + 1)..];
        }

        text.AppendFormatted(rest);
        text.AppendLiteral("\"");
    }
}
