using SupportBot.Engine.Analysis;

namespace SupportBot.Engine.Indexing;

/// <summary>Writes FTS5 query expressions. Every word or phrase is quoted, so no customer text is FTS5 syntax.</summary>
public static class FtsQuery
{
    /// <summary>Any alternative of the term: <c>("deadline" OR "cutoff" OR "last day")</c>.</summary>
    public static string AnyOf(IEnumerable<string> alternatives, bool prefixLast = false)
    {
        var quoted = alternatives.Select(Quote).ToList();
        if (prefixLast && quoted.Count > 0)
        {
            quoted[^1] += "*";
        }

        return "(" + string.Join(" OR ", quoted) + ")";
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

    private static string Quote(string phrase) => "\"" + phrase.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
