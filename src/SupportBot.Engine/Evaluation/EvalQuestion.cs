using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace SupportBot.Engine.Evaluation;

/// <summary>One line of a question file (the format of shared/eval/dev-questions.jsonl).</summary>
public sealed record EvalQuestion(
    [property: JsonPropertyName("q")] string Question,
    [property: JsonPropertyName("expect")] string Expect,
    [property: JsonPropertyName("topic")] string? Topic,
    [property: JsonPropertyName("must")] IReadOnlyList<string>? Must)
{
    public const string ExpectAnswer = "answer";
    public const string ExpectAbstain = "abstain";
    public const string ExpectSmallTalk = "smalltalk";

    /// <summary>Reads a question file; a bad line is an error naming the file and line.</summary>
    public static List<EvalQuestion> ReadFile(string path)
    {
        var questions = new List<EvalQuestion>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            EvalQuestion? question;
            try
            {
                question = JsonSerializer.Deserialize<EvalQuestion>(line);
            }
            catch (JsonException ex)
            {
                throw new FormatException($"{path}:{lineNumber}: not a JSON question: {ex.Message}", ex);
            }

            if (question is null || string.IsNullOrWhiteSpace(question.Question)
                || question.Expect is not (ExpectAnswer or ExpectAbstain or ExpectSmallTalk))
            {
                throw new FormatException($"{path}:{lineNumber}: needs \"q\" and \"expect\" (answer, abstain or smalltalk)");
            }

            foreach (var pattern in question.Must ?? [])
            {
                try
                {
                    _ = new Regex(pattern, RegexOptions.IgnoreCase);
                }
                catch (ArgumentException ex)
                {
                    throw new FormatException($"{path}:{lineNumber}: invalid pattern '{pattern}': {ex.Message}", ex);
                }
            }

            questions.Add(question);
        }

        return questions;
    }
}
