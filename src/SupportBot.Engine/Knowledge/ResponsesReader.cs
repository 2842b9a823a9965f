using SupportBot.Engine.Analysis;

namespace SupportBot.Engine.Knowledge;

/// <summary>Reads <c>responses.yaml</c>: small-talk intents and the fixed texts.</summary>
internal static class ResponsesReader
{
    private static readonly string[] TextFields = ["fallback", "handoff", "welcome", "clarify"];

    public static ResponseTexts? Read(string file, string text, List<KnowledgeProblem> problems)
    {
        var reader = new YamlReading(file, problems);
        var root = reader.Parse(text);
        var fields = root is null ? null : reader.Mapping(root, "responses", [.. ResponseTexts.IntentNames, .. TextFields, "suggested", "overview"]);
        if (fields is null)
        {
            return null;
        }

        var intents = new List<SmallTalkIntent>();
        foreach (var name in ResponseTexts.IntentNames)
        {
            if (!fields.Has(name))
            {
                reader.Report(fields.Line, $"responses are missing the '{name}' intent");
                continue;
            }

            var intent = reader.Mapping(fields.Node(name)!, $"the '{name}' intent", "patterns", "replies", "cues");
            if (intent is null)
            {
                continue;
            }

            var patterns = intent.Strings("patterns").Select(p => TextNormalizer.Normalize(p.Text)).Where(p => p.Length > 0).ToList();
            var replies = intent.Strings("replies").Select(r => r.Text).ToList();
            if (patterns.Count == 0 || replies.Count == 0)
            {
                reader.Report(intent.Line, $"the '{name}' intent needs at least one pattern and one reply");
                continue;
            }

            var cues = intent.Strings("cues").Select(c => TextNormalizer.Normalize(c.Text)).Where(c => c.Length > 0).ToList();
            intents.Add(new SmallTalkIntent(name, patterns, replies) { Cues = cues });
        }

        var texts = TextFields.ToDictionary(f => f, f => fields.String(f, required: true) ?? "");
        if (!texts["handoff"].Contains("{contact}", StringComparison.Ordinal))
        {
            reader.Report(fields.ValueLine("handoff"), "'handoff' must contain the {contact} placeholder");
        }

        if (!texts["clarify"].Contains("{0}", StringComparison.Ordinal) || !texts["clarify"].Contains("{1}", StringComparison.Ordinal))
        {
            reader.Report(fields.ValueLine("clarify"), "'clarify' must contain the {0} and {1} placeholders");
        }

        return new ResponseTexts(
            intents, texts["fallback"], texts["handoff"], texts["welcome"], texts["clarify"],
            fields.Strings("suggested").Select(s => s.Text).ToList())
        {
            SuggestedLocations = fields.Strings("suggested").Select(s => new SourceLocation(file, s.Line)).ToList(),
            Overview = fields.Has("overview") ? fields.String("overview", required: true) : null,
            OverviewLocation = fields.Has("overview") ? new SourceLocation(file, fields.ValueLine("overview")) : null,
        };
    }
}
