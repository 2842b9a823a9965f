using YamlDotNet.RepresentationModel;

namespace SupportBot.Engine.Knowledge;

/// <summary>An FAQ entry as written, with the lines of its parts, before cross-checks.</summary>
internal sealed record FaqDraft(
    string Id,
    string Question,
    List<(string Text, int Line)> Alternates,
    string Answer,
    int AnswerLine,
    List<(string Article, string Quote, int Line)> Sources,
    List<(string Text, int Line)> FollowUps,
    List<string> Tags,
    SourceLocation Location,
    bool Abstain);

/// <summary>Reads one <c>faq/*.yaml</c> file: a list of entries. Structure only; cross-checks are in <see cref="FaqValidator"/>.</summary>
internal static class FaqReader
{
    private static readonly string[] EntryFields = ["id", "question", "alternates", "answer", "sources", "followUps", "tags", "abstain"];
    private static readonly string[] SourceFields = ["article", "quote"];

    public static List<FaqDraft> Read(string file, string text, List<KnowledgeProblem> problems)
    {
        var reader = new YamlReading(file, problems);
        var entries = new List<FaqDraft>();
        var root = reader.Parse(text);
        if (root is null)
        {
            return entries;
        }

        if (root is not YamlSequenceNode list)
        {
            reader.Report(root, "an FAQ file must be a list of entries ('- id: …')");
            return entries;
        }

        foreach (var node in list.Children)
        {
            var fields = reader.Mapping(node, "an FAQ entry", EntryFields);
            if (fields is null)
            {
                continue;
            }

            var id = fields.String("id", required: true);
            var question = fields.String("question", required: true);
            var answer = fields.String("answer", required: true);
            var sources = new List<(string, string, int)>();
            foreach (var sourceNode in fields.Sequence("sources"))
            {
                var source = reader.Mapping(sourceNode, "a source", SourceFields);
                var article = source?.String("article", required: true);
                var quote = source?.String("quote", required: true);
                if (article is not null && quote is not null)
                {
                    sources.Add((article, quote, YamlReading.Line(sourceNode)));
                }
            }

            if (id is null || question is null || answer is null)
            {
                continue;
            }

            entries.Add(new FaqDraft(
                id,
                question,
                fields.Strings("alternates"),
                answer,
                fields.ValueLine("answer"),
                sources,
                fields.Strings("followUps"),
                fields.Strings("tags").Select(t => t.Text).ToList(),
                new SourceLocation(file, fields.Line),
                fields.Boolean("abstain")));
        }

        return entries;
    }
}
