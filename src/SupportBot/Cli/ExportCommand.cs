using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using SupportBot.Engine.Answering;

namespace SupportBot.Cli;

/// <summary><c>export --jsonl</c>: the documents exactly as indexed, one JSON object per line.</summary>
internal static class ExportCommand
{
    public static Command Create(Option<string?> knowledge, TimeProvider time)
    {
        var jsonl = new Option<bool>("--jsonl") { Description = "One JSON document per line (the only format)", DefaultValueFactory = _ => true };
        var command = new Command("export", "Write the indexed documents: {id, kind, title, text, questions} per line") { jsonl };
        command.SetAction(parse =>
        {
            using var engine = EngineFactory.Create(EngineFactory.Configuration(), time, parse.GetValue(knowledge));
            using var output = new StreamWriter(Console.OpenStandardOutput()) { NewLine = "\n" };
            foreach (var doc in engine.Index.Documents)
            {
                output.WriteLine(JsonSerializer.Serialize(new ExportedDocument(doc.Id, doc.Kind, doc.Title, doc.Text, doc.Questions), AnswerContract.JsonOptions));
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private sealed record ExportedDocument(
        [property: JsonPropertyName("id")] string Id,
        [property: JsonPropertyName("kind")] string Kind,
        [property: JsonPropertyName("title")] string Title,
        [property: JsonPropertyName("text")] string Text,
        [property: JsonPropertyName("questions")] IReadOnlyList<string> Questions);
}
