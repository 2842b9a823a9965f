using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace SupportBot.Engine.Knowledge;

/// <summary>
/// Reads YAML through YamlDotNet's representation model rather than a deserializer, because authors need
/// every problem reported with its line, and unknown fields must be errors rather than silently dropped.
/// </summary>
internal sealed class YamlReading(string file, List<KnowledgeProblem> problems)
{
    public string File { get; } = file;

    public YamlNode? Parse(string text)
    {
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            return stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
        }
        catch (YamlException ex)
        {
            Report(ex.Start.Line, $"invalid YAML: {ex.InnerException?.Message ?? ex.Message}");
            return null;
        }
        catch (ArgumentException ex)
        {
            // YamlDotNet rejects some shapes (a mapping key with no text, "- : x") with an ArgumentException
            // and no position: still a problem in the file, never a crash.
            Report(0, $"invalid YAML: {ex.Message}");
            return null;
        }
    }

    public void Report(YamlNode node, string message) => Report(Line(node), message);

    public void Report(long line, string message) => problems.Add(new KnowledgeProblem(File, (int)line, message));

    public static int Line(YamlNode node) => (int)node.Start.Line;

    /// <summary>Opens a mapping, reporting any key not in <paramref name="allowed"/>.</summary>
    public Fields? Mapping(YamlNode node, string what, params string[] allowed)
    {
        if (node is not YamlMappingNode map)
        {
            Report(node, $"{what} must be a mapping of fields");
            return null;
        }

        var fields = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in map.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            if (!allowed.Contains(key, StringComparer.Ordinal))
            {
                Report(keyNode, $"unknown field '{key}' in {what} (allowed: {string.Join(", ", allowed)})");
                continue;
            }

            fields[key] = value;
        }

        return new Fields(this, node, what, fields);
    }

    internal sealed class Fields(YamlReading reader, YamlNode node, string what, Dictionary<string, YamlNode> fields)
    {
        public int Line => YamlReading.Line(node);

        public bool Has(string key) => fields.ContainsKey(key);

        public YamlNode? Node(string key) => fields.GetValueOrDefault(key);

        /// <summary>The line a field's value starts on, or the mapping's own line when it is absent.</summary>
        public int ValueLine(string key) => fields.TryGetValue(key, out var value) ? YamlReading.Line(value) : Line;

        /// <summary>A scalar; reports it when required and missing or empty.</summary>
        public string? String(string key, bool required)
        {
            if (!fields.TryGetValue(key, out var value))
            {
                if (required)
                {
                    reader.Report(node, $"{what} is missing '{key}'");
                }

                return null;
            }

            if (value is not YamlScalarNode scalar)
            {
                reader.Report(value, $"'{key}' must be text");
                return null;
            }

            var text = scalar.Value?.Trim();
            if (string.IsNullOrEmpty(text))
            {
                if (required)
                {
                    reader.Report(value, $"'{key}' is empty");
                }

                return null;
            }

            return text;
        }

        /// <summary>A true/false flag; absent means false.</summary>
        public bool Boolean(string key)
        {
            var text = String(key, required: false);
            if (text is null)
            {
                return false;
            }

            if (bool.TryParse(text, out var flag))
            {
                return flag;
            }

            reader.Report(fields[key], $"'{key}' must be true or false");
            return false;
        }

        /// <summary>A list of scalars (a single scalar is accepted as a one-item list).</summary>
        public List<(string Text, int Line)> Strings(string key)
        {
            var result = new List<(string, int)>();
            if (!fields.TryGetValue(key, out var value))
            {
                return result;
            }

            var items = value switch
            {
                YamlSequenceNode seq => seq.Children.ToList(),
                YamlScalarNode s when string.IsNullOrWhiteSpace(s.Value) => [],
                _ => [value],
            };
            foreach (var item in items)
            {
                if (item is YamlScalarNode { Value: { } text } && !string.IsNullOrWhiteSpace(text))
                {
                    result.Add((text.Trim(), YamlReading.Line(item)));
                }
                else
                {
                    reader.Report(item, $"every item of '{key}' must be non-empty text");
                }
            }

            return result;
        }

        /// <summary>A list of nodes, or an empty list (with a problem) when the field is not a list.</summary>
        public IReadOnlyList<YamlNode> Sequence(string key)
        {
            if (!fields.TryGetValue(key, out var value))
            {
                return [];
            }

            if (value is YamlSequenceNode seq)
            {
                return seq.Children.ToList();
            }

            reader.Report(value, $"'{key}' must be a list");
            return [];
        }
    }
}
