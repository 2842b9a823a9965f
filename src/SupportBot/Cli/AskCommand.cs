using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using SupportBot.Engine.Answering;

namespace SupportBot.Cli;

/// <summary><c>ask "question"</c> for people; <c>ask --jsonl</c> for programs: one JSON object per input line.</summary>
internal static class AskCommand
{
    public static Command Create(Option<string?> knowledge, TimeProvider time)
    {
        var question = new Argument<string[]>("question") { Description = "The question (quotes optional)", Arity = ArgumentArity.ZeroOrMore };
        var jsonl = new Option<bool>("--jsonl") { Description = "Read one question per line on standard input; write one JSON answer per line" };
        var command = new Command("ask", "Answer a question, with its sources") { question, jsonl };
        command.SetAction(parse =>
        {
            var words = parse.GetValue(question) ?? [];
            if (!parse.GetValue(jsonl) && words.Length == 0)
            {
                Console.Error.WriteLine("ask: give a question, e.g. ask \"when did updates stop?\", or use --jsonl with questions on standard input");
                return ExitCodes.Usage;
            }

            using var engine = EngineFactory.Create(EngineFactory.Configuration(), time, parse.GetValue(knowledge));
            if (parse.GetValue(jsonl))
            {
                AnswerLines(engine);
            }
            else
            {
                Print(engine.Ask(string.Join(' ', words)));
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static void AnswerLines(AnswerEngine engine)
    {
        using var output = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = false, NewLine = "\n" };
        string? line;
        while ((line = Console.In.ReadLine()) is not null)
        {
            output.WriteLine(JsonSerializer.Serialize(AnswerContract.From(engine.Ask(line)), AnswerContract.JsonOptions));
        }

        output.Flush();
    }

    private static void Print(Answer answer)
    {
        Console.WriteLine(answer.Kind == AnswerKinds.Passage && answer.HighlightedText is { } marked ? Marks.ForConsole(marked) : answer.Text);
        Console.WriteLine();
        if (answer.Sources.Count > 0)
        {
            Console.WriteLine("Sources:");
            foreach (var source in answer.Sources)
            {
                Console.WriteLine($"  - {source.Title}{(string.IsNullOrEmpty(source.Url) ? "" : $" <{source.Url}>")}");
                Console.WriteLine($"    \"{source.Quote}\"");
            }
        }

        if (answer.FollowUps.Count > 0)
        {
            Console.WriteLine(answer.Kind is AnswerKinds.Faq or AnswerKinds.Passage ? "You might also ask:" : "Suggestions:");
            foreach (var followUp in answer.FollowUps)
            {
                Console.WriteLine($"  - {followUp.Question}");
            }
        }

        var corrections = answer.Corrections.Count > 0 ? $", read as: {string.Join(", ", answer.Corrections)}" : "";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"[{answer.Kind}{(answer.DocumentId is null ? "" : " " + answer.DocumentId)}, confidence {answer.Confidence:0.00}{corrections}]"));
    }
}
