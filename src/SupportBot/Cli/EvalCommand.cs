using System.CommandLine;
using SupportBot.Engine.Evaluation;

namespace SupportBot.Cli;

/// <summary><c>eval --questions FILE</c>: scores a question set and fails below the bars.</summary>
internal static class EvalCommand
{
    public static Command Create(Option<string?> knowledge, TimeProvider time)
    {
        var questions = new Option<string[]>("--questions") { Description = "Question files (JSON lines: q, expect, topic, must)", Required = true, AllowMultipleArgumentsPerToken = true };
        var defaults = new EvalBars();
        var minAccuracy = new Option<double>("--min-accuracy") { Description = "Bar: share of answerable questions answered correctly", DefaultValueFactory = _ => defaults.MinAnswerAccuracy };
        var maxWrong = new Option<double>("--max-wrong") { Description = "Bar: largest share of answerable questions answered wrongly", DefaultValueFactory = _ => defaults.MaxWrongRate };
        var minAbstention = new Option<double>("--min-abstention") { Description = "Bar: share of out-of-scope questions that get a fallback", DefaultValueFactory = _ => defaults.MinAbstention };
        var minSmallTalk = new Option<double>("--min-smalltalk") { Description = "Bar: share of small talk recognised", DefaultValueFactory = _ => defaults.MinSmallTalk };
        var command = new Command("eval", "Score question files: accuracy, wrong answers, abstention, small talk, per topic, and each miss; exit 1 below the bars (default: the issue's 95%/3%/95%/95%)")
        {
            questions, minAccuracy, maxWrong, minAbstention, minSmallTalk,
        };
        command.SetAction(parse =>
        {
            var bars = new EvalBars(parse.GetValue(minAccuracy), parse.GetValue(maxWrong), parse.GetValue(minAbstention), parse.GetValue(minSmallTalk));
            if (new[] { bars.MinAnswerAccuracy, bars.MaxWrongRate, bars.MinAbstention, bars.MinSmallTalk }.Any(v => v is < 0 or > 1))
            {
                Console.Error.WriteLine("eval: bars are shares between 0 and 1, e.g. --min-accuracy 0.95");
                return ExitCodes.Usage;
            }

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
            var failures = report.Failures(bars);
            foreach (var failure in failures)
            {
                Console.WriteLine($"BELOW THE BAR: {failure}");
            }

            return failures.Count == 0 ? ExitCodes.Ok : ExitCodes.Failed;
        });
        return command;
    }
}
