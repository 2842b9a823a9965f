using System.Text.RegularExpressions;
using SupportBot.Engine.Answering;

namespace SupportBot.Engine.Evaluation;

/// <summary>How one question went.</summary>
public enum EvalOutcome
{
    /// <summary>Answered correctly, abstained on out-of-scope, or recognised small talk.</summary>
    Correct,

    /// <summary>Answered, but wrongly, or answered something out of scope: worse than a fallback.</summary>
    Wrong,

    /// <summary>Did not answer an answerable question (fallback or clarify), or missed small talk.</summary>
    Missed,
}

/// <summary>One scored question.</summary>
public sealed record EvalResult(EvalQuestion Question, Answer Answer, EvalOutcome Outcome);

/// <summary>Scores a question set against an engine.</summary>
public static class EvalRunner
{
    public static EvalReport Run(AnswerEngine engine, IEnumerable<EvalQuestion> questions)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var results = questions.Select(q =>
        {
            var answer = engine.Ask(q.Question);
            return new EvalResult(q, answer, Score(q, answer));
        }).ToList();
        return new EvalReport(results);
    }

    public static EvalOutcome Score(EvalQuestion question, Answer answer)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(answer);
        var answered = answer.Kind is AnswerKinds.Faq or AnswerKinds.Passage;
        return question.Expect switch
        {
            EvalQuestion.ExpectAnswer when !answered => EvalOutcome.Missed,
            EvalQuestion.ExpectAnswer => (question.Must ?? []).All(p => Regex.IsMatch(answer.Text, p, RegexOptions.IgnoreCase))
                ? EvalOutcome.Correct
                : EvalOutcome.Wrong,
            EvalQuestion.ExpectAbstain => answer.Kind == AnswerKinds.Fallback ? EvalOutcome.Correct : EvalOutcome.Wrong,
            _ => answer.Kind == AnswerKinds.SmallTalk ? EvalOutcome.Correct : EvalOutcome.Missed,
        };
    }
}
