using System.Globalization;
using Microsoft.Data.Sqlite;

namespace SupportBot.Engine.Indexing;

/// <summary>
/// One token of its own for each multi-word phrase the ranking searches often (the synonym groups' members:
/// "shut down", "what do i need to do"), written at build into columns beside the document's own, one for each
/// column, wherever the phrase occurs in it. bm25 then ranks a phrase as one term, which FTS5 looks up once,
/// instead of matching the position lists of every word of it ("what", "do", "i" in every FAQ phrasing), both to
/// find the rows and to count them for the phrase's weight.
/// </summary>
/// <remarks>
/// The token occurs in a row's token column as often as the phrase in the row's own column, so its rows, its
/// weight and each row's frequency are the phrase's: FTS5 scores a query with tokens for phrases exactly as it
/// scores the phrases, over the same index (a test compares them bit for bit). What the tokens change is each row's
/// length, which bm25 counts over all columns: the tokens are words more. Where a phrase occurs is FTS5's to say
/// (porter stems, diacritics, punctuation between the words): the phrase is matched as a query would match it, and
/// highlight() shows where.
/// </remarks>
internal static class PhraseTokens
{
    /// <summary>
    /// Starts every token: a private-use character, which FTS5's unicode61 counts as part of a word and the text
    /// normaliser drops from customers' words, so no question can name a token.
    /// </summary>
    private const char TokenMark = '\uE002';

    /// <summary>
    /// The token of each phrase that occurs, and the token columns' text for each document (in
    /// <see cref="SearchIndex.ColumnNames"/>' order), from the rows already in the <c>docs</c> table.
    /// </summary>
    /// <param name="connection">The index being built, its <c>docs</c> rows inserted.</param>
    /// <param name="columns">Each document's column texts as inserted, by rowid - 1.</param>
    /// <param name="phrases">The phrases to give tokens; a phrase no document has gets none.</param>
    /// <returns>
    /// No tokens at all if some document has the marks highlight() is asked for (private-use characters no knowledge
    /// file has): the occurrences could not be told from the text, and the phrases rank as they are.
    /// </returns>
    public static (Dictionary<string, string> Tokens, string[][] Columns) Find(
        SqliteConnection connection, IReadOnlyList<string[]> columns, IEnumerable<string> phrases)
    {
        var tokens = new Dictionary<string, string>(StringComparer.Ordinal);
        var found = columns.Select(c => new List<string>?[c.Length]).ToArray();
        if (columns.Any(texts => texts.Any(text => text.AsSpan().IndexOfAny(SearchIndex.MarkStart, SearchIndex.MarkEnd) >= 0)))
        {
            phrases = [];
        }

        var marks = $"'{SearchIndex.MarkStart}', '{SearchIndex.MarkEnd}'";
        using var find = connection.CreateCommand();
        find.CommandText = "SELECT rowid, " +
            string.Join(", ", SearchIndex.ColumnNames.Select((_, c) => $"highlight(docs, {c}, {marks})")) +
            " FROM docs WHERE docs MATCH $q;";
        var query = find.Parameters.Add("$q", SqliteType.Text);
        foreach (var phrase in phrases.Where(IsWorthAToken).Distinct(StringComparer.Ordinal))
        {
            var token = string.Create(CultureInfo.InvariantCulture, $"{TokenMark}{tokens.Count}");
            query.Value = FtsQuery.InColumns(SearchIndex.ColumnList, FtsQuery.AnyOf([phrase]));
            using var reader = find.ExecuteReader();
            while (reader.Read())
            {
                var row = (int)reader.GetInt64(0) - 1;
                for (var c = 0; c < SearchIndex.ColumnNames.Length; c++)
                {
                    for (var n = reader.IsDBNull(c + 1) ? 0 : reader.GetString(c + 1).AsSpan().Count(SearchIndex.MarkStart); n > 0; n--)
                    {
                        (found[row][c] ??= []).Add(token);
                    }
                }

                tokens.TryAdd(phrase, token);
            }
        }

        return (tokens, [.. found.Select(row => row.Select(c => c is null ? "" : string.Join(' ', c)).ToArray())]);
    }

    /// <summary>
    /// Whether a phrase is several words (one word is one term already) none of which may be its first again: two
    /// occurrences of such a phrase can overlap ("year by year by year"), and highlight() marks them as one stretch
    /// where FTS5 counts two. Words that may share a stem are taken to be the same (the first two letters alike:
    /// porter only takes endings off), so a few harmless phrases keep their words.
    /// </summary>
    private static bool IsWorthAToken(string phrase)
    {
        var words = phrase.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length > 1 && !words.Skip(1).Any(w => w.AsSpan(0, Math.Min(2, w.Length)).SequenceEqual(words[0].AsSpan(0, Math.Min(2, words[0].Length))));
    }
}
