using System.Text.Json;
using System.Text.RegularExpressions;
using SupportBot.Tests.Support;

namespace SupportBot.Tests.Cli;

public sealed partial class AskCommandTests
{
    private static readonly string[] Kinds = ["faq", "passage", "smalltalk", "clarify", "fallback"];

    [Fact]
    public void AskJsonl_SeveralQuestions_WritesExactlyOneContractObjectPerLineInOrder()
    {
        string[] questions =
        [
            "When did Kaspersky stop providing updates?",
            "",
            "<script>alert(\"hi\")</script> what's the \"free offer\"?",
            "Kaspérsky → ünïcödé 日本語 😀 cutoff",
            "hi",
            "what's the weather like tomorrow",
            "international relations and digital security",
            "   ",
            "{title}: NEAR(free offer) * AND OR \"",
            "why was kaspersky banned in the US",
        ];

        var result = CliRunner.Run(["ask", "--jsonl"], string.Join('\n', questions) + "\n");

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = OutputLines(result);
        Assert.Equal(questions.Length, lines.Count);
        for (var i = 0; i < questions.Length; i++)
        {
            using var json = JsonDocument.Parse(lines[i]);
            AssertContract(json.RootElement, questions[i]);
        }

        Assert.Equal("faq", Kind(lines[0]));
        Assert.Equal("fallback", Kind(lines[1]));
        Assert.Equal("smalltalk", Kind(lines[4]));
        Assert.Equal("fallback", Kind(lines[5]));
        Assert.Equal("passage", Kind(lines[6]));
    }

    [Fact]
    public void AskJsonl_WindowsLineEndingsAndNoFinalNewline_StillOneObjectPerLine()
    {
        var result = CliRunner.Run(["ask", "--jsonl"], "hi\r\nwhen did updates stop\r\nbye");

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = OutputLines(result);
        Assert.Equal(["hi", "when did updates stop", "bye"], lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("question").GetString()));
    }

    [Fact]
    public void AskJsonl_NoInput_WritesNothing()
    {
        var result = CliRunner.Run(["ask", "--jsonl"], "");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public void Ask_Question_PrintsTheAnswerAndItsSources()
    {
        const string Question = "When did Kaspersky stop providing updates?";
        using var json = JsonDocument.Parse(OutputLines(CliRunner.Run(["ask", "--jsonl"], Question + "\n")).Single());
        var expected = json.RootElement;

        var result = CliRunner.Run("ask", Question);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(expected.GetProperty("answer").GetString()!, result.Stdout, StringComparison.Ordinal);
        var sourcesAt = result.Stdout.IndexOf("Sources:", StringComparison.Ordinal);
        Assert.True(sourcesAt > 0, result.ToString());
        var afterSources = result.Stdout[sourcesAt..];
        Assert.NotEqual(0, expected.GetProperty("sources").GetArrayLength());
        foreach (var source in expected.GetProperty("sources").EnumerateArray())
        {
            Assert.Contains(source.GetProperty("title").GetString()!, afterSources, StringComparison.Ordinal);
            Assert.Contains(source.GetProperty("quote").GetString()!, afterSources, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Ask_SettingOutOfRange_FailsNamingTheKeyWithoutAStackTrace()
    {
        var result = CliRunner.Run(
            ["ask", "when did updates stop"],
            environment: new Dictionary<string, string> { ["Answering__FaqThreshold"] = "1.5", ["Answering__WeakWordFactor"] = "-1" });

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal("", result.Stdout);
        Assert.Contains("Answering:FaqThreshold must be from 0 to 1", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("Answering:WeakWordFactor must be from 0 to 1", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Ask_QuestionAnsweredByAPassage_MarksTheMatchedWords()
    {
        var result = CliRunner.Run("ask", "international", "relations", "and", "digital", "security");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches("«[^»]+»", result.Stdout);
        Assert.DoesNotContain('\uE000', result.Stdout);
        Assert.Contains("Sources:", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Ask_NoQuestion_IsAUsageError()
    {
        var result = CliRunner.Run("ask");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public void Ask_InvalidKnowledge_ListsTheProblemsWithoutAStackTrace()
    {
        using var knowledge = new KnowledgeCopy();
        var handoffLine = knowledge.FirstLineStartingWith("responses.yaml", "handoff:");
        File.WriteAllText(knowledge.PathOf("responses.yaml"), File.ReadAllText(knowledge.PathOf("responses.yaml")).Replace("{contact}", "a person", StringComparison.Ordinal));

        var result = CliRunner.Run("ask", "--knowledge", knowledge.Root, "hi");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains($"{Path.Combine("knowledge", "responses.yaml")}:{handoffLine}:", result.Stdout + result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotMatch(StackFrame(), result.Stdout + result.Stderr);
    }

    internal static List<string> OutputLines(CliResult result)
    {
        if (result.Stdout.Length == 0)
        {
            return [];
        }

        Assert.EndsWith("\n", result.Stdout, StringComparison.Ordinal);
        return [.. result.Stdout[..^1].Split('\n')];
    }

    private static string? Kind(string line) => JsonDocument.Parse(line).RootElement.GetProperty("kind").GetString();

    private static void AssertContract(JsonElement answer, string question)
    {
        Assert.Equal(JsonValueKind.Object, answer.ValueKind);
        Assert.Equal(question, answer.GetProperty("question").GetString());
        Assert.Contains(answer.GetProperty("kind").GetString(), Kinds);

        var text = answer.GetProperty("answer");
        Assert.Equal(JsonValueKind.String, text.ValueKind);
        Assert.False(string.IsNullOrWhiteSpace(text.GetString()));
        Assert.DoesNotMatch(Markup(), text.GetString()!);
        Assert.DoesNotContain("<script", text.GetString()!, StringComparison.OrdinalIgnoreCase);

        var confidence = answer.GetProperty("confidence");
        Assert.Equal(JsonValueKind.Number, confidence.ValueKind);
        Assert.InRange(confidence.GetDouble(), 0.0, 1.0);

        var sources = answer.GetProperty("sources");
        Assert.Equal(JsonValueKind.Array, sources.ValueKind);
        foreach (var source in sources.EnumerateArray())
        {
            Assert.Equal(JsonValueKind.Object, source.ValueKind);
            Assert.Equal(JsonValueKind.String, source.GetProperty("title").ValueKind);
            Assert.Contains(source.GetProperty("url").ValueKind, new[] { JsonValueKind.String, JsonValueKind.Null });
            Assert.Equal(JsonValueKind.String, source.GetProperty("quote").ValueKind);
            Assert.False(string.IsNullOrWhiteSpace(source.GetProperty("quote").GetString()));
        }

        var followUps = answer.GetProperty("followUps");
        Assert.Equal(JsonValueKind.Array, followUps.ValueKind);
        Assert.All(followUps.EnumerateArray(), f => Assert.Equal(JsonValueKind.String, f.ValueKind));
    }

    [GeneratedRegex(@"(<[a-zA-Z/!][^>]*>|\*\*|__|\[[^\]]+\]\([^)]+\)|^#+\s|`|\uE000|\uE001)", RegexOptions.Multiline)]
    private static partial Regex Markup();

    [GeneratedRegex(@"Unhandled exception|^\s+at \S+\(", RegexOptions.Multiline)]
    internal static partial Regex StackFrame();
}
