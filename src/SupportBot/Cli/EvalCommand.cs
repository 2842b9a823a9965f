using System.CommandLine;
using SupportBot.Engine.Evaluation;

namespace SupportBot.Cli;

/// <summary><c>eval --questions FILE</c>: scores a question set and fails below the bars.</summary>
internal static class EvalCommand
{
    public static Command Create(Option<string?> knowledge, TimeProvider time)
    {
        var questions = new Option<string[]>("--questions") { Description = "Question files (JSON lines: q, expect, topic, must)", Required = true, AllowMultipleArgumentsPerToken = true };
        var command = new Command("eval", "Score question files: accuracy, wrong answers, abstention, small talk, per topic, and each miss") { questions };
        command.SetAction(parse =>
        {
            List<EvalQuestion> set;
            try
            {
                set = (parse.GetValue(questions) ?? []).SelectMany(EvalQuestion.ReadFile).ToList();
            }
            catch (Exception ex) when (ex is FormatException or IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"eval: {ex.Message}");
                return ExitCodes.Usage;
            }

            using var engine = EngineFactory.Create(EngineFactory.Configuration(), time, parse.GetValue(knowledge));
            var report = EvalRunner.Run(engine, set);
            Console.Write(report.ToTable());
            var failures = report.Failures(new EvalBars());
            foreach (var failure in failures)
            {
                Console.WriteLine($"BELOW THE BAR: {failure}");
            }

            return failures.Count == 0 ? ExitCodes.Ok : ExitCodes.Failed;
        });
        return command;
    }
}
