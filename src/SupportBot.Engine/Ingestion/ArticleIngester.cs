using System.Text;
using SupportBot.Engine.Knowledge;

namespace SupportBot.Engine.Ingestion;

/// <summary>
/// Turns an article file (front matter + text as published) into passages: drops the furniture named by
/// <see cref="IngestionRules"/>, the title repeated at the top, then splits at blank lines, keeping short
/// unpunctuated lines as headings of the passages beneath them.
/// </summary>
internal static class ArticleIngester
{
    private const int MaxHeadingLength = 70;
    private const int MaxHeadingWords = 10;

    public static Article? Read(string file, string text, IngestionRules rules, List<KnowledgeProblem> problems)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        if (lines.Length == 0 || lines[0].Trim() != "---")
        {
            problems.Add(new KnowledgeProblem(file, 1, "an article must start with front matter between '---' lines"));
            return null;
        }

        var end = Array.FindIndex(lines, 1, l => l.Trim() == "---");
        if (end < 0)
        {
            problems.Add(new KnowledgeProblem(file, 1, "the front matter is not closed with a '---' line"));
            return null;
        }

        var reader = new YamlReading(file, problems);
        var frontMatter = reader.Parse(string.Join('\n', lines[..end]));
        var fields = frontMatter is null ? null : reader.Mapping(frontMatter, "article front matter", "id", "title", "publisher", "date", "url");
        if (fields is null)
        {
            return null;
        }

        var id = fields.String("id", required: true);
        var title = fields.String("title", required: true);
        if (id is null || title is null)
        {
            return null;
        }

        var passages = Split(id, title, lines[(end + 1)..], rules);
        if (passages.Count == 0)
        {
            problems.Add(new KnowledgeProblem(file, end + 2, "the article has no text after its furniture is removed"));
        }

        return new Article(id, title, fields.String("publisher", false), fields.String("date", false), fields.String("url", false), passages);
    }

    internal static List<Passage> Split(string articleId, string title, IEnumerable<string> body, IngestionRules rules)
    {
        var blocks = Blocks(Clean(body, title, rules));
        var passages = new List<Passage>();
        var heading = title;
        for (var i = 0; i < blocks.Count; i++)
        {
            var block = blocks[i];
            if (IsHeading(block) && i + 1 < blocks.Count)
            {
                heading = block[0];
                continue;
            }

            var text = CollapseWhitespace(string.Join(' ', block));
            passages.Add(new Passage($"{articleId}#{passages.Count + 1}", articleId, passages.Count + 1, heading, text));
        }

        return passages;
    }

    private static IEnumerable<string> Clean(IEnumerable<string> body, string title, IngestionRules rules)
    {
        var atTop = true;
        foreach (var raw in body)
        {
            var line = raw.Trim();
            if (rules.CutFrom.Any(r => r.IsMatch(line)))
            {
                yield break;
            }

            if (rules.DropLines.Any(r => r.IsMatch(line)))
            {
                continue;
            }

            // Scraped pages repeat the title (sometimes twice) above the text.
            if (atTop && (line.Length == 0 || string.Equals(line, title, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            atTop = false;
            yield return line;
        }
    }

    private static List<List<string>> Blocks(IEnumerable<string> lines)
    {
        var blocks = new List<List<string>>();
        var current = new List<string>();
        foreach (var line in lines)
        {
            if (line.Length == 0)
            {
                Flush();
            }
            else
            {
                current.Add(line);
            }
        }

        Flush();
        return blocks;

        void Flush()
        {
            if (current.Count > 0)
            {
                blocks.Add(current);
                current = [];
            }
        }
    }

    private static bool IsHeading(List<string> block) =>
        block.Count == 1
        && block[0].Length <= MaxHeadingLength
        && block[0].Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= MaxHeadingWords
        && char.IsUpper(block[0][0])
        && !".?!:;,\"”’'".Contains(block[0][^1], StringComparison.Ordinal);

    private static string CollapseWhitespace(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                if (sb.Length > 0 && sb[^1] != ' ')
                {
                    sb.Append(' ');
                }
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString().Trim();
    }
}
