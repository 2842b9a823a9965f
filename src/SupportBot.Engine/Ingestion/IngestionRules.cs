using System.Text.RegularExpressions;
using SupportBot.Engine.Knowledge;

namespace SupportBot.Engine.Ingestion;

/// <summary>What page furniture ingestion removes, read from <c>knowledge/ingestion.yaml</c>.</summary>
public sealed class IngestionRules
{
    public IngestionRules(IReadOnlyList<Regex> dropLines, IReadOnlyList<Regex> cutFrom)
    {
        DropLines = dropLines;
        CutFrom = cutFrom;
    }

    /// <summary>Whole lines that are furniture (share buttons, adverts, image notes, related links).</summary>
    public IReadOnlyList<Regex> DropLines { get; }

    /// <summary>A line where appended, unrelated material starts; it and everything after it are dropped.</summary>
    public IReadOnlyList<Regex> CutFrom { get; }

    public static IngestionRules Empty { get; } = new([], []);

    internal static IngestionRules Read(string file, string text, List<KnowledgeProblem> problems)
    {
        var reader = new YamlReading(file, problems);
        var root = reader.Parse(text);
        if (root is null)
        {
            return Empty;
        }

        var fields = reader.Mapping(root, "ingestion rules", "dropLines", "cutFrom");
        if (fields is null)
        {
            return Empty;
        }

        return new IngestionRules(Compile(fields.Strings("dropLines")), Compile(fields.Strings("cutFrom")));

        List<Regex> Compile(List<(string Text, int Line)> patterns)
        {
            var result = new List<Regex>();
            foreach (var (pattern, line) in patterns)
            {
                try
                {
                    result.Add(new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)));
                }
                catch (ArgumentException ex)
                {
                    reader.Report(line, $"invalid pattern '{pattern}': {ex.Message}");
                }
            }

            return result;
        }
    }
}
