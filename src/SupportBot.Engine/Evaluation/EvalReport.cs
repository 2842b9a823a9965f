using System.Globalization;
using System.Text;

namespace SupportBot.Engine.Evaluation;

/// <summary>The bars a question set must clear (issue #2): correct, wrong, abstention, small talk.</summary>
public sealed record EvalBars(double MinAnswerAccuracy = 0.95, double MaxWrongRate = 0.03, double MinAbstention = 0.95, double MinSmallTalk = 0.95);

/// <summary>The scores of a question set, with a printable table.</summary>
public sealed class EvalReport(IReadOnlyList<EvalResult> results)
{
    public IReadOnlyList<EvalResult> Results { get; } = results;

    public double AnswerAccuracy => Rate(EvalQuestion.ExpectAnswer, EvalOutcome.Correct);

    public double WrongRate => Rate(EvalQuestion.ExpectAnswer, EvalOutcome.Wrong);

    public double Abstention => Rate(EvalQuestion.ExpectAbstain, EvalOutcome.Correct);

    public double SmallTalk => Rate(EvalQuestion.ExpectSmallTalk, EvalOutcome.Correct);

    /// <summary>Which bars are not met; empty when all are.</summary>
    public IReadOnlyList<string> Failures(EvalBars bars)
    {
        ArgumentNullException.ThrowIfNull(bars);
        var failures = new List<string>();
        Check(Count(EvalQuestion.ExpectAnswer) > 0 && AnswerAccuracy < bars.MinAnswerAccuracy, $"answer accuracy {Percent(AnswerAccuracy)} < {Percent(bars.MinAnswerAccuracy)}");
        Check(WrongRate > bars.MaxWrongRate, $"wrong answers {Percent(WrongRate)} > {Percent(bars.MaxWrongRate)}");
        Check(Count(EvalQuestion.ExpectAbstain) > 0 && Abstention < bars.MinAbstention, $"abstention on out-of-scope {Percent(Abstention)} < {Percent(bars.MinAbstention)}");
        Check(Count(EvalQuestion.ExpectSmallTalk) > 0 && SmallTalk < bars.MinSmallTalk, $"small talk {Percent(SmallTalk)} < {Percent(bars.MinSmallTalk)}");
        return failures;

        void Check(bool failed, string message)
        {
            if (failed)
            {
                failures.Add(message);
            }
        }
    }

    public string ToTable()
    {
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"{"measure",-34} {"value",8} {"of",5}");
        Row("answer accuracy (answerable)", AnswerAccuracy, Count(EvalQuestion.ExpectAnswer));
        Row("wrong answers (answerable)", WrongRate, Count(EvalQuestion.ExpectAnswer));
        Row("abstention (out of scope)", Abstention, Count(EvalQuestion.ExpectAbstain));
        Row("small talk recognised", SmallTalk, Count(EvalQuestion.ExpectSmallTalk));
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"{"topic",-20} {"correct",8} {"wrong",6} {"missed",7} {"of",4}");
        foreach (var topic in Results.GroupBy(r => r.Question.Topic ?? "-").OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            sb.AppendLine(CultureInfo.InvariantCulture,
                $"{topic.Key,-20} {topic.Count(r => r.Outcome == EvalOutcome.Correct),8} {topic.Count(r => r.Outcome == EvalOutcome.Wrong),6} {topic.Count(r => r.Outcome == EvalOutcome.Missed),7} {topic.Count(),4}");
        }

        var misses = Results.Where(r => r.Outcome != EvalOutcome.Correct).ToList();
        if (misses.Count > 0)
        {
            sb.AppendLine();
            sb.AppendLine(CultureInfo.InvariantCulture, $"misses ({misses.Count}):");
            foreach (var miss in misses)
            {
                var text = miss.Answer.Text.Length > 110 ? miss.Answer.Text[..110] + "…" : miss.Answer.Text;
                sb.AppendLine(CultureInfo.InvariantCulture,
                    $"  [{miss.Outcome.ToString().ToUpperInvariant()}] expected {miss.Question.Expect} ({miss.Question.Topic}): {miss.Question.Question}");
                sb.AppendLine(CultureInfo.InvariantCulture,
                    $"      got {miss.Answer.Kind} {miss.Answer.DocumentId ?? ""} ({miss.Answer.Confidence:0.00}): {text}");
            }
        }

        return sb.ToString();

        void Row(string name, double value, int of) =>
            sb.AppendLine(CultureInfo.InvariantCulture, $"{name,-34} {Percent(value),8} {of,5}");
    }

    private int Count(string expect) => Results.Count(r => r.Question.Expect == expect);

    private double Rate(string expect, EvalOutcome outcome)
    {
        var of = Count(expect);
        return of == 0 ? 1.0 : (double)Results.Count(r => r.Question.Expect == expect && r.Outcome == outcome) / of;
    }

    private static string Percent(double value) => value.ToString("0.0%", CultureInfo.InvariantCulture);
}
