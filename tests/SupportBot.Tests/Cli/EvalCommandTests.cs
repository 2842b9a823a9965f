using SupportBot.Tests.Support;

namespace SupportBot.Tests.Cli;

public sealed class EvalCommandTests : IDisposable
{
    private readonly string _temp = Path.Combine(Path.GetTempPath(), "supportbot-cli-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_temp))
        {
            Directory.Delete(_temp, recursive: true);
        }
    }

    [Fact]
    public void Eval_DevQuestions_ClearsTheBarsAndPrintsTheTable()
    {
        // The shared folder sits beside the repository, here and in CI.
        var result = CliRunner.Run("eval", "--questions", "../shared/eval/dev-questions.jsonl");

        Assert.True(result.ExitCode == 0, result.ToString());
        AssertTable(result.Stdout);
    }

    [Fact]
    public void Eval_OwnQuestionSets_StayAtTheLevelMeasured()
    {
        // The team's own sets (tests/eval) were used to tune the engine, so they guard against regressions at
        // the level measured (96.2% / 1.1% / 98.2% / 100% when this was written, 96.9% / 0.7% / 99.1% / 100% after the
        // fifth pass) less a small margin. The untouched sets are not guarded here: a floor would make them tuning data.
        AssertAtLeast(
            ["heldout", "blind", "diagnosis", "fresh-diagnosis", "s3-mixed", "s4-mixed", "s3-plain", "s4-plain", "s5-plain", "s5-terse"],
            accuracy: "0.95", wrong: "0.02", abstention: "0.97", smallTalk: "0.98");
    }

    [Fact]
    public void Eval_SetsReadInTheFifthPass_StayAtTheLevelMeasured()
    {
        // Terse and plain sets whose misses were read in the fifth pass (measured 97.4% / 1.7% / 99.3% / 100%).
        AssertAtLeast(["s6-terse", "s7-terse", "s8-plain", "s8-terse", "s11-terse"], accuracy: "0.95", wrong: "0.03", abstention: "0.97", smallTalk: "0.98");
    }

    [Fact]
    public void Eval_LongPersonaMessages_StayAtTheLevelMeasured()
    {
        // Long, chatty messages in persona and persona small talk, read in the fifth pass. They are below the issue's
        // bars (measured 87.9% / 4.8% / 95.5% / 90.0%): this guards what was reached, it does not claim the bars.
        AssertAtLeast(["s7-mixed", "s11-mixed", "s10-smalltalk"], accuracy: "0.85", wrong: "0.065", abstention: "0.93", smallTalk: "0.85");
    }

    [Fact]
    public void Eval_SetsReadInTheSixthPass_StayAtTheLevelMeasured()
    {
        // Plain and terse sets written at the start of the sixth pass, then read (measured 98.0% / 1.0% / 95.1% / 100%).
        AssertAtLeast(["s12-plain", "s12-terse"], accuracy: "0.96", wrong: "0.02", abstention: "0.93", smallTalk: "0.98");
    }

    [Fact]
    public void Eval_NearMissPairs_StayAtTheLevelMeasured()
    {
        // Each answerable question next to a look-alike the sources do not answer ("…in Canada?", "…to the Supreme
        // Court?"). Declining those is far below the bars (measured 94.7% / 2.6% / 56.6% after the eighth pass; 30.3% on
        // arrival): this guards what was reached, it does not claim the bars. The set has no small talk.
        AssertAtLeast(["s13-nearmiss"], accuracy: "0.93", wrong: "0.04", abstention: "0.55", smallTalk: "0");
    }

    [Fact]
    public void Eval_FinalSetReadInTheSeventhPass_StaysAtTheLevelMeasured()
    {
        // Letters, angry customers and agents' shorthand, kept unread for six passes, then read in the seventh. Far below
        // the bars (measured 81.3% / 5.4% / 100% / 100%, then 83.9% after the eighth pass): this guards what was reached,
        // it does not claim the bars.
        AssertAtLeast(["final"], accuracy: "0.83", wrong: "0.06", abstention: "0.97", smallTalk: "0.98");
    }

    /// <summary>Runs <c>eval</c> over <c>tests/eval/{set}-questions.jsonl</c> with the given floors and expects it to pass.</summary>
    private static void AssertAtLeast(string[] sets, string accuracy, string wrong, string abstention, string smallTalk)
    {
        var result = CliRunner.Run(
            ["eval", "--questions", .. sets.Select(set => $"tests/eval/{set}-questions.jsonl"),
                "--min-accuracy", accuracy, "--max-wrong", wrong, "--min-abstention", abstention, "--min-smalltalk", smallTalk]);

        Assert.True(result.ExitCode == 0, result.ToString());
        AssertTable(result.Stdout);
    }

    [Fact]
    public void Eval_BelowTheBars_ExitsWithFailureAndSaysWhich()
    {
        Directory.CreateDirectory(_temp);
        var path = Path.Combine(_temp, "questions.jsonl");
        File.WriteAllLines(path,
        [
            // Answered, but no answer can contain this text: a wrong answer by construction.
            """{"q": "when did kaspersky updates stop", "expect": "answer", "topic": "cutoff", "must": ["no answer says this"]}""",
        ]);

        var result = CliRunner.Run("eval", "--questions", path);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("BELOW THE BAR: answer accuracy", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("BELOW THE BAR: wrong answers", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Eval_BarOutsideZeroToOne_IsAUsageError()
    {
        var result = CliRunner.Run("eval", "--questions", "../shared/eval/dev-questions.jsonl", "--min-accuracy", "95");

        Assert.True(result.ExitCode == 2, result.ToString());
    }

    [Fact]
    public void Eval_MalformedQuestionFile_IsAUsageErrorNamingFileAndLine()
    {
        Directory.CreateDirectory(_temp);
        var path = Path.Combine(_temp, "questions.jsonl");
        File.WriteAllLines(path,
        [
            """{"q": "when did updates stop", "expect": "answer", "topic": "cutoff", "must": ["29"]}""",
            """{"q": "hi", "expect": "smalltalk", "topic": "smalltalk", "must": []}""",
            """{"q": "this line is cut short", "expect": """,
        ]);

        var result = CliRunner.Run("eval", "--questions", path);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains($"{path}:3", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("answer accuracy", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Eval_MissingQuestionFile_IsAUsageError()
    {
        var result = CliRunner.Run("eval", "--questions", Path.Combine(_temp, "none.jsonl"));

        Assert.True(result.ExitCode == 2, result.ToString());
    }

    private static void AssertTable(string stdout)
    {
        Assert.Contains("answer accuracy", stdout, StringComparison.Ordinal);
        Assert.Contains("wrong answers", stdout, StringComparison.Ordinal);
        Assert.Contains("abstention", stdout, StringComparison.Ordinal);
        Assert.Contains("small talk", stdout, StringComparison.Ordinal);
        Assert.Contains("topic", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("BELOW THE BAR", stdout, StringComparison.Ordinal);
    }
}
