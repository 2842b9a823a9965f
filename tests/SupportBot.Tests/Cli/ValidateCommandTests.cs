using SupportBot.Tests.Support;

namespace SupportBot.Tests.Cli;

public sealed class ValidateCommandTests
{
    [Fact]
    public void Validate_RealKnowledge_ExitsZeroAndSaysOk()
    {
        var result = CliRunner.Run("validate");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.StartsWith("OK", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BrokenKnowledgeFolder_ExitsOneListingEveryProblemWithFileAndLine()
    {
        using var knowledge = new KnowledgeCopy();
        var faqFile = Path.GetFileName(Directory.GetFiles(knowledge.PathOf("faq"), "*.yaml").Order(StringComparer.Ordinal).First());
        var faq = Path.Combine("faq", faqFile);
        var idLine = knowledge.FirstLineStartingWith(faq, "- id:");
        knowledge.InsertLine(faq, idLine, "  colour: blue");
        var handoffLine = knowledge.FirstLineStartingWith("responses.yaml", "handoff:");
        File.WriteAllText(knowledge.PathOf("responses.yaml"), File.ReadAllText(knowledge.PathOf("responses.yaml")).Replace("{contact}", "a person", StringComparison.Ordinal));

        var result = CliRunner.Run("validate", "--knowledge", knowledge.Root);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains($"{Path.Combine("knowledge", faq)}:{idLine + 1}: unknown field 'colour'", result.Stdout, StringComparison.Ordinal);
        Assert.Contains($"{Path.Combine("knowledge", "responses.yaml")}:{handoffLine}:", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("OK", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_YamlTheParserRejectsOddly_ReportsTheFileInsteadOfCrashing()
    {
        using var knowledge = new KnowledgeCopy();
        var faq = Path.Combine("faq", Path.GetFileName(Directory.GetFiles(knowledge.PathOf("faq"), "*.yaml").Order(StringComparer.Ordinal).First()));
        knowledge.InsertLine(faq, 0, "- : a list item whose field name was deleted");

        var result = CliRunner.Run("validate", "--knowledge", knowledge.Root);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains(Path.Combine("knowledge", faq), result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotMatch(AskCommandTests.StackFrame(), result.Stdout + result.Stderr);
    }

    [Fact]
    public void Validate_MissingFolder_ExitsOne()
    {
        var result = CliRunner.Run("validate", "--knowledge", Path.Combine(Path.GetTempPath(), "supportbot-no-such-folder-" + Guid.NewGuid().ToString("N")));

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("does not exist", result.Stdout, StringComparison.Ordinal);
    }
}
