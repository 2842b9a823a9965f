using SupportBot.Engine.Answering;
using SupportBot.Engine.Evaluation;
using SupportBot.Engine.Tests.Support;

namespace SupportBot.Engine.Tests.Evaluation;

public sealed class EvalRunnerTests(RealKnowledge real) : IClassFixture<RealKnowledge>, IDisposable
{
    private static readonly string[] CutoffMust = [@"(sep(t(ember)?)?\.?\s*29|29(th)?\s+(of\s+)?sep|9/29)", "(updat|stop|no longer|ceas|end)"];

    private readonly string _temp = Path.Combine(Path.GetTempPath(), "supportbot-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_temp))
        {
            Directory.Delete(_temp, recursive: true);
        }
    }

    [Theory]
    [InlineData(AnswerKinds.Faq)]
    [InlineData(AnswerKinds.Passage)]
    public void Score_AnsweredAndEveryMustMatches_IsCorrect(string kind)
    {
        var question = Question(EvalQuestion.ExpectAnswer, CutoffMust);

        Assert.Equal(EvalOutcome.Correct, EvalRunner.Score(question, Reply(kind, "Software UPDATES stopped after Sept. 29, 2024.")));
    }

    [Fact]
    public void Score_AnsweredButOneMustFails_IsWrong()
    {
        var question = Question(EvalQuestion.ExpectAnswer, CutoffMust);

        Assert.Equal(EvalOutcome.Wrong, EvalRunner.Score(question, Reply(AnswerKinds.Faq, "Kaspersky began winding down on July 20, 2024; updates stopped later.")));
    }

    [Fact]
    public void Score_AnsweredWithNoMust_IsCorrect()
    {
        Assert.Equal(EvalOutcome.Correct, EvalRunner.Score(Question(EvalQuestion.ExpectAnswer, []), Reply(AnswerKinds.Faq, "anything")));
    }

    [Theory]
    [InlineData(AnswerKinds.Fallback)]
    [InlineData(AnswerKinds.Clarify)]
    [InlineData(AnswerKinds.SmallTalk)]
    public void Score_AnswerableButNotAnswered_IsMissed(string kind)
    {
        // Even when the fallback text happens to match: not answering is a miss, never a correct answer.
        var question = Question(EvalQuestion.ExpectAnswer, CutoffMust);

        Assert.Equal(EvalOutcome.Missed, EvalRunner.Score(question, Reply(kind, "Updates stopped on September 29. Sorry, I'm not sure.")));
    }

    [Fact]
    public void Score_OutOfScopeWithFallback_IsCorrect()
    {
        Assert.Equal(EvalOutcome.Correct, EvalRunner.Score(Question(EvalQuestion.ExpectAbstain, []), Reply(AnswerKinds.Fallback, "Sorry, I'm not sure about that.")));
    }

    [Theory]
    [InlineData(AnswerKinds.Faq)]
    [InlineData(AnswerKinds.Passage)]
    public void Score_OutOfScopeAnswered_IsWrong(string kind)
    {
        Assert.Equal(EvalOutcome.Wrong, EvalRunner.Score(Question(EvalQuestion.ExpectAbstain, []), Reply(kind, "Kaspersky stopped updates on September 29, 2024.")));
    }

    [Fact]
    public void Score_SmallTalkRecognised_IsCorrect()
    {
        Assert.Equal(EvalOutcome.Correct, EvalRunner.Score(Question(EvalQuestion.ExpectSmallTalk, []), Reply(AnswerKinds.SmallTalk, "Hello!")));
    }

    [Theory]
    [InlineData(AnswerKinds.Fallback)]
    [InlineData(AnswerKinds.Faq)]
    public void Score_SmallTalkNotRecognised_IsMissed(string kind)
    {
        Assert.Equal(EvalOutcome.Missed, EvalRunner.Score(Question(EvalQuestion.ExpectSmallTalk, []), Reply(kind, "Hello!")));
    }

    [Fact]
    public void Run_QuestionsThroughTheRealEngine_ScoresEachAndComputesTheRates()
    {
        EvalQuestion[] questions =
        [
            Question(EvalQuestion.ExpectAnswer, CutoffMust, "when did kaspersky updates stop"),
            Question(EvalQuestion.ExpectAnswer, ["no answer could ever say this"], "when did kaspersky updates stop"),
            Question(EvalQuestion.ExpectAbstain, [], "how do I reset my iPhone"),
            Question(EvalQuestion.ExpectSmallTalk, [], "hello"),
        ];

        var report = EvalRunner.Run(real.Engine, questions);

        Assert.Equal([EvalOutcome.Correct, EvalOutcome.Wrong, EvalOutcome.Correct, EvalOutcome.Correct], report.Results.Select(r => r.Outcome));
        Assert.Equal(0.5, report.AnswerAccuracy);
        Assert.Equal(0.5, report.WrongRate);
        Assert.Equal(1.0, report.Abstention);
        Assert.Equal(1.0, report.SmallTalk);
        var failures = report.Failures(new EvalBars());
        Assert.Equal(2, failures.Count);
        Assert.Contains(failures, f => f.StartsWith("answer accuracy", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("wrong answers", StringComparison.Ordinal));
        var table = report.ToTable();
        Assert.Contains("answer accuracy", table, StringComparison.Ordinal);
        Assert.Contains("[WRONG]", table, StringComparison.Ordinal);
    }

    [Fact]
    public void Failures_AllAtTheBars_IsEmpty()
    {
        var results = Enumerable.Range(0, 20).Select(i => new EvalResult(
            Question(EvalQuestion.ExpectAnswer, []), Reply(AnswerKinds.Faq, "x"), i == 0 ? EvalOutcome.Missed : EvalOutcome.Correct)).ToList();

        var report = new EvalReport(results);

        Assert.Equal(0.95, report.AnswerAccuracy, 10);
        Assert.Empty(report.Failures(new EvalBars()));
    }

    [Fact]
    public void ReadFile_MalformedLine_NamesFileAndLine()
    {
        Directory.CreateDirectory(_temp);
        var path = Path.Combine(_temp, "questions.jsonl");
        File.WriteAllLines(path,
        [
            """{"q": "when did updates stop", "expect": "answer", "topic": "cutoff", "must": ["29"]}""",
            "",
            """{"q": "hi", "expect": "smalltalk", "must": []}""",
            """{"q": "broken", "expect": """,
        ]);

        var ex = Assert.Throws<FormatException>(() => EvalQuestion.ReadFile(path));

        Assert.StartsWith($"{path}:4:", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"q": "x", "expect": "maybe"}""")]
    [InlineData("""{"expect": "answer"}""")]
    [InlineData("""{"q": "x", "expect": "answer", "must": ["(unclosed"]}""")]
    public void ReadFile_InvalidQuestion_NamesFileAndLine(string line)
    {
        Directory.CreateDirectory(_temp);
        var path = Path.Combine(_temp, "questions.jsonl");
        File.WriteAllLines(path, ["""{"q": "hi", "expect": "smalltalk"}""", line]);

        var ex = Assert.Throws<FormatException>(() => EvalQuestion.ReadFile(path));

        Assert.StartsWith($"{path}:2:", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadFile_DevQuestions_ReadsEveryLine()
    {
        var path = Path.GetFullPath(Path.Combine(RepoPaths.Root, "..", "shared", "eval", "dev-questions.jsonl"));

        var questions = EvalQuestion.ReadFile(path);

        Assert.Equal(File.ReadLines(path).Count(l => !string.IsNullOrWhiteSpace(l)), questions.Count);
    }

    private static EvalQuestion Question(string expect, string[] must, string q = "a question") => new(q, expect, "topic", must);

    private static Answer Reply(string kind, string text) => new()
    {
        Question = "a question",
        Kind = kind,
        Text = text,
        Confidence = 0.9,
        OffersHandoff = kind == AnswerKinds.Fallback,
    };
}
