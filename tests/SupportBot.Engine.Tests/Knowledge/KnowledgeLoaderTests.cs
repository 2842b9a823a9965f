using SupportBot.Engine.Knowledge;
using SupportBot.Engine.Tests.Support;
using static SupportBot.Engine.Tests.Support.KnowledgeFolder;

namespace SupportBot.Engine.Tests.Knowledge;

public sealed class KnowledgeLoaderTests : IDisposable
{
    private readonly KnowledgeFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    // ---- the real knowledge folder ----

    [Fact]
    public void TryLoad_RealKnowledgeFolder_LoadsWithNoProblems()
    {
        var (knowledge, problems) = KnowledgeLoader.TryLoad(RepoPaths.Knowledge, FixedTimeProvider.Today);

        Assert.Empty(problems);
        Assert.NotNull(knowledge);
        Assert.Equal(Directory.GetFiles(RepoPaths.Articles, "*.md").Length, knowledge.Articles.Count);
        var idLines = Directory.GetFiles(Path.Combine(RepoPaths.Knowledge, "faq"), "*.yaml")
            .SelectMany(File.ReadLines)
            .Count(l => l.TrimStart().StartsWith("- id:", StringComparison.Ordinal));
        Assert.Equal(idLines, knowledge.Faqs.Count);
        Assert.Equal(ResponseTexts.IntentNames.Order(), knowledge.Responses.Intents.Select(i => i.Name).Order());
        Assert.All(knowledge.Responses.Intents, i => Assert.NotEmpty(i.Cues));
        // The spelling guard's list is the longer one, and holds the everyday list.
        Assert.True(knowledge.EnglishWords.Count > knowledge.CommonWords.Count);
        Assert.Superset(knowledge.CommonWords.ToHashSet(), knowledge.EnglishWords.ToHashSet());
    }

    [Fact]
    public void TryLoad_NoEnglishWordList_GuardsSpellingWithTheCommonWords()
    {
        var knowledge = KnowledgeLoader.Load(_folder.Write(), FixedTimeProvider.Today);

        Assert.Same(knowledge.CommonWords, knowledge.EnglishWords);
    }

    [Fact]
    public void TryLoad_RealKnowledgeFolder_EverySourceQuoteIsInThePassageItNames()
    {
        var knowledge = KnowledgeLoader.Load(RepoPaths.Knowledge, FixedTimeProvider.Today);

        foreach (var faq in knowledge.Faqs)
        {
            Assert.True(faq.Alternates.Count >= 5, $"{faq.Id} has {faq.Alternates.Count} alternates");
            Assert.True(faq.Abstain || faq.Sources.Count > 0, $"{faq.Id} has no source");
            foreach (var source in faq.Sources)
            {
                var passage = knowledge.PassagesById[source.PassageId];
                Assert.Equal(source.ArticleId, passage.ArticleId);
                Assert.True(TextChecks.ContainsLoosely(passage.Text, source.Quote), $"{faq.Id}: \"{source.Quote}\" is not in {passage.Id}");
            }

            Assert.All(faq.FollowUps, id => Assert.True(knowledge.FaqsById.ContainsKey(id) && id != faq.Id, $"{faq.Id} → {id}"));
        }
    }

    [Fact]
    public void TryLoad_MinimalKnowledgeSet_LoadsWithNoProblems()
    {
        // Every test below breaks exactly one thing in this set, so it must be valid as written.
        var (knowledge, problems) = KnowledgeLoader.TryLoad(_folder.Write(), FixedTimeProvider.Today);

        Assert.Empty(problems);
        Assert.NotNull(knowledge);
        Assert.Equal(["service-end", "move-data"], knowledge.Faqs.Select(f => f.Id));
        Assert.Equal("sample#1", knowledge.Faqs[0].Sources[0].PassageId);
    }

    [Fact]
    public void TryLoad_MissingFolder_ReportsIt()
    {
        var (knowledge, problems) = KnowledgeLoader.TryLoad(Path.Combine(_folder.Root, "nowhere"), FixedTimeProvider.Today);

        Assert.Null(knowledge);
        Assert.Contains(problems, p => p.Message.Contains("does not exist", StringComparison.Ordinal));
    }

    // ---- one test per validation error ----

    [Fact]
    public void TryLoad_InvalidYamlSyntax_ReportsFileAndLine()
    {
        _folder.Faq = ReplaceOnce(_folder.Faq, "question: When did the widget service stop?", "question: When: did the widget service stop?");

        // The file's entries are all lost, so "no FAQ entries" and its consequences are reported too.
        AssertFailure(FaqFile, LineOf(_folder.Faq, "When: did"), "invalid YAML");
    }

    [Theory]
    [InlineData(FaqFile)]
    [InlineData(ResponsesFile)]
    [InlineData(IngestionFile)]
    public void TryLoad_ListItemWithEmptyKey_ReportsTheFileInsteadOfCrashing(string file)
    {
        // "- : text" is an easy slip when an author deletes a field name; YAML parsers reject it in their own ways.
        const string Broken = "- : when did it stop\n";
        switch (file)
        {
            case FaqFile: _folder.Faq = Broken + _folder.Faq; break;
            case ResponsesFile: _folder.Responses = Broken + _folder.Responses; break;
            default: _folder.Ingestion = Broken + _folder.Ingestion; break;
        }

        var root = _folder.Write();
        var thrown = Record.Exception(() => KnowledgeLoader.TryLoad(root, FixedTimeProvider.Today));

        Assert.Null(thrown);
        var (knowledge, problems) = KnowledgeLoader.TryLoad(root, FixedTimeProvider.Today);
        Assert.Null(knowledge);
        Assert.Contains(problems, p => p.File == ProblemPath(file));
    }

    [Fact]
    public void TryLoad_UnknownField_ReportsFileAndLine()
    {
        _folder.Faq = ReplaceOnce(_folder.Faq, "  tags: [data]", "  tags: [data]\n  colour: blue");

        AssertOnlyFailure(FaqFile, LineOf(_folder.Faq, "colour: blue"), "unknown field 'colour'");
    }

    [Fact]
    public void TryLoad_UnknownFieldInSource_ReportsFileAndLine()
    {
        _folder.Faq = ReplaceOnce(_folder.Faq, "      quote: \"customers must", "      page: 3\n      quote: \"customers must");

        AssertOnlyFailure(FaqFile, LineOf(_folder.Faq, "page: 3"), "unknown field 'page'");
    }

    [Fact]
    public void TryLoad_DuplicateId_ReportsTheSecondWithTheFirst()
    {
        _folder.Faq = ReplaceOnce(_folder.Faq, "- id: move-data", "- id: service-end");
        _folder.Faq = ReplaceOnce(_folder.Faq, "  followUps: [move-data]\n", "");
        _folder.Faq = ReplaceOnce(_folder.Faq, "  followUps:\n    - service-end\n", "");
        _folder.Responses = ReplaceOnce(_folder.Responses, "\n  - move-data", "");

        var lines = LinesOf(_folder.Faq, "- id: service-end");
        var problem = AssertOnlyFailure(FaqFile, lines[1], "duplicate FAQ id 'service-end'");
        Assert.Contains($"{ProblemPath(FaqFile)}:{lines[0]}", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryLoad_PhrasingInTwoEntries_ReportsTheSecond()
    {
        _folder.Faq = ReplaceOnce(_folder.Faq, "    - widget data export\n", "    - widget shutdown date\n");

        AssertOnlyFailure(FaqFile, LinesOf(_folder.Faq, "    - widget shutdown date")[1], "FAQ 'move-data' repeats a phrasing of 'service-end'");
    }

    [Fact]
    public void TryLoad_EmptyAnswer_ReportsFileAndLine()
    {
        _folder.Faq = ReplaceOnce(_folder.Faq, "answer: Acme told customers to move their data before the widget service stopped.", "answer: \"\"");

        AssertFailure(FaqFile, LineOf(_folder.Faq, "answer: \"\""), "'answer' is empty");
    }

    [Fact]
    public void TryLoad_MissingQuestion_ReportsTheEntry()
    {
        var entryLine = LineOf(_folder.Faq, "- id: move-data");
        _folder.Faq = ReplaceOnce(_folder.Faq, "  question: What should widget customers do with their data?\n", "");

        AssertFailure(FaqFile, entryLine, "missing 'question'");
    }

    [Fact]
    public void TryLoad_FewerThanFiveAlternates_ReportsTheEntry()
    {
        _folder.Faq = ReplaceOnce(_folder.Faq, "    - widget service cutoff\n", "");

        AssertOnlyFailure(FaqFile, LineOf(_folder.Faq, "- id: service-end"), "4 distinct alternate");
    }

    [Fact]
    public void TryLoad_FiveAlternatesOfWhichTwoDifferOnlyInCaseAndPunctuation_CountsFourDistinct()
    {
        _folder.Faq = ReplaceOnce(_folder.Faq, "    - widget service cutoff\n", "    - Widget shutdown date?!\n");

        AssertOnlyFailure(FaqFile, LineOf(_folder.Faq, "- id: service-end"), "4 distinct alternate");
    }

    [Fact]
    public void TryLoad_SourceNamesUnknownArticle_ReportsTheSourceLine()
    {
        _folder.Faq = ReplaceOnce(_folder.Faq, "  - article: sample\n      quote: \"customers", "  - article: no-such-article\n      quote: \"customers");

        AssertOnlyFailure(FaqFile, LineOf(_folder.Faq, "article: no-such-article"), "'no-such-article'");
    }

    [Fact]
    public void TryLoad_SourceQuoteNotInAnyPassage_ReportsTheSourceLine()
    {
        _folder.Faq = ReplaceOnce(_folder.Faq, "\"customers must move their data before then.\"", "\"customers may keep their data forever.\"");

        // The source is reported where it starts: its '- article:' line, just above the quote.
        AssertOnlyFailure(FaqFile, LineOf(_folder.Faq, "keep their data forever") - 1, "not in any passage");
    }

    [Fact]
    public void TryLoad_SourceQuoteFromRemovedFurniture_IsNotInAnyPassage()
    {
        _folder.Faq = ReplaceOnce(_folder.Faq, "\"customers must move their data before then.\"", "\"An unrelated story about gardening tools.\"");

        AssertOnlyFailure(FaqFile, LineOf(_folder.Faq, "gardening tools") - 1, "not in any passage");
    }

    [Fact]
    public void TryLoad_FollowUpNamingNoFaq_ReportsTheFollowUpLine()
    {
        _folder.Faq = ReplaceOnce(_folder.Faq, "    - service-end\n", "    - service-end\n    - no-such-entry\n");

        AssertOnlyFailure(FaqFile, LineOf(_folder.Faq, "- no-such-entry"), "'no-such-entry' names no FAQ");
    }

    [Fact]
    public void TryLoad_FollowUpNamingItself_ReportsTheFollowUpLine()
    {
        _folder.Faq = ReplaceOnce(_folder.Faq, "    - service-end\n", "    - service-end\n    - move-data\n");

        AssertOnlyFailure(FaqFile, LineOf(_folder.Faq, "    - move-data"), "itself");
    }

    [Theory]
    [InlineData("Acme stopped the widget service on **September 29, 2024**.")]
    [InlineData("Acme stopped the <b>widget</b> service.")]
    [InlineData("Read [the notice](http://example.com) from Acme.")]
    [InlineData("Run `widget --export` to save data.")]
    public void TryLoad_MarkupInAnswer_ReportsTheAnswerLine(string answer)
    {
        _folder.Faq = ReplaceOnce(_folder.Faq, "answer: Acme told customers to move their data before the widget service stopped.", $"answer: '{answer}'");

        AssertOnlyFailure(FaqFile, LineOf(_folder.Faq, answer), "markup");
    }

    [Theory]
    [InlineData("You have until September 29, 2024 to move your data.")]
    [InlineData("Acme will stop the widget service on 9/29/2024.")]
    [InlineData("Customers still have until 29 September 2024 to move their data.")]
    public void TryLoad_PastDateSpokenOfInFutureTense_ReportsTheAnswerLine(string answer)
    {
        _folder.Faq = ReplaceOnce(_folder.Faq, "answer: Acme told customers to move their data before the widget service stopped.", $"answer: {answer}");

        var problem = AssertOnlyFailure(FaqFile, LineOf(_folder.Faq, answer), "has passed");
        Assert.Contains("September 29, 2024", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryLoad_FutureTenseBeforeTheDate_IsAccepted()
    {
        // The same sentence was true while the date was ahead: the check follows the clock, not the calendar year.
        _folder.Faq = ReplaceOnce(_folder.Faq, "answer: Acme told customers to move their data before the widget service stopped.", "answer: You have until September 29, 2024 to move your data.");
        var june2024 = new FixedTimeProvider(new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero));

        var (knowledge, problems) = KnowledgeLoader.TryLoad(_folder.Write(), june2024);

        Assert.Empty(problems);
        Assert.NotNull(knowledge);
    }

    [Fact]
    public void TryLoad_MissingResponsesIntent_ReportsResponsesFile()
    {
        _folder.Responses = ReplaceOnce(_folder.Responses, "goodbye:\n  patterns: [bye, goodbye]\n  replies:\n    - Goodbye!\n", "");

        AssertOnlyFailure(ResponsesFile, LineOf(_folder.Responses, "greeting:"), "missing the 'goodbye' intent");
    }

    [Fact]
    public void TryLoad_HandoffWithoutContactPlaceholder_ReportsTheHandoffLine()
    {
        _folder.Responses = ReplaceOnce(_folder.Responses, "handoff: \"To talk to a person: {contact}\"", "handoff: Ask a person.");

        AssertOnlyFailure(ResponsesFile, LineOf(_folder.Responses, "handoff:"), "{contact}");
    }

    [Fact]
    public void TryLoad_SuggestedIdUnknown_ReportsTheSuggestedLine()
    {
        _folder.Responses = ReplaceOnce(_folder.Responses, "  - move-data", "  - move-data\n  - no-such-entry");

        AssertOnlyFailure(ResponsesFile, LineOf(_folder.Responses, "- no-such-entry"), "'no-such-entry'");
    }

    [Fact]
    public void TryLoad_OverviewIdUnknown_ReportsTheOverviewLine()
    {
        _folder.Responses = ReplaceOnce(_folder.Responses, "suggested:", "overview: no-such-entry\nsuggested:");

        AssertOnlyFailure(ResponsesFile, LineOf(_folder.Responses, "overview:"), "'no-such-entry'");
    }

    [Fact]
    public void TryLoad_OverviewOfAnExistingEntry_Loads()
    {
        _folder.Responses = ReplaceOnce(_folder.Responses, "suggested:", "overview: service-end\nsuggested:");

        var knowledge = KnowledgeLoader.Load(_folder.Write(), FixedTimeProvider.Today);

        Assert.Equal("service-end", knowledge.Responses.Overview);
    }

    [Fact]
    public void TryLoad_ArticleWithoutFrontMatter_ReportsLineOne()
    {
        _folder.Article = _folder.Article![_folder.Article!.IndexOf("Acme Closes Its Widget Service\n\nShare", StringComparison.Ordinal)..];

        // The FAQ's sources now name an article that did not load; those are reported too.
        AssertFailure(ArticleFile, 1, "front matter");
    }

    [Fact]
    public void TryLoad_UnknownFrontMatterField_ReportsFileAndLine()
    {
        _folder.Article = ReplaceOnce(_folder.Article, "publisher: Example News", "publisher: Example News\nauthor: Someone");

        AssertOnlyFailure(ArticleFile, LineOf(_folder.Article, "author: Someone"), "unknown field 'author'");
    }

    [Fact]
    public void TryLoad_MissingSynonymsFile_ReportsIt()
    {
        _folder.Synonyms = null;

        AssertOnlyFailure(SynonymsFile, 0, "missing");
    }

    [Fact]
    public void TryLoad_SynonymGroupWithOneMember_ReportsTheLine()
    {
        _folder.Synonyms += "\nlonely\n";

        AssertOnlyFailure(SynonymsFile, LineOf(_folder.Synonyms, "lonely"), "at least two");
    }

    // ---- all problems together, nothing half-loaded ----

    [Fact]
    public void Load_SeveralProblemsInSeveralFiles_ThrowsWithEveryProblem()
    {
        _folder.Faq = ReplaceOnce(_folder.Faq, "  tags: [data]", "  tags: [data]\n  colour: blue");
        _folder.Faq = ReplaceOnce(_folder.Faq, "    - widget service cutoff\n", "");
        _folder.Responses = ReplaceOnce(_folder.Responses, "handoff: \"To talk to a person: {contact}\"", "handoff: Ask a person.");
        var root = _folder.Write();

        var ex = Assert.Throws<KnowledgeLoadException>(() => KnowledgeLoader.Load(root, FixedTimeProvider.Today));

        var expected = new[]
        {
            (ProblemPath(FaqFile), LineOf(_folder.Faq, "colour: blue")),
            (ProblemPath(FaqFile), LineOf(_folder.Faq, "- id: service-end")),
            (ProblemPath(ResponsesFile), LineOf(_folder.Responses, "handoff:")),
        };
        Assert.Equal(expected.Order(), ex.Problems.Select(p => (p.File, p.Line)).Order());
        foreach (var (file, line) in expected)
        {
            Assert.Contains($"{file}:{line}:", ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void TryLoad_RandomTextInEveryFile_NeverThrowsAndNeverHalfLoads()
    {
        var random = new Random(20240929);
        var pieces = new[] { "- ", "id: ", ": ", "\n", "  ", "[", "]", "{", "}", "\"", "'", "#", "---", "|", ">-", "&a", "*a", "!!", "\t", "%", "@", "é", "\u0000", "service-end", "quote: ", "article: sample" };
        for (var i = 0; i < 150; i++)
        {
            var target = i % 5;
            var text = string.Concat(Enumerable.Range(0, random.Next(0, 40)).Select(_ => pieces[random.Next(pieces.Length)]));
            using var folder = new KnowledgeFolder();
            switch (target)
            {
                case 0: folder.Faq = text; break;
                case 1: folder.Responses = text; break;
                case 2: folder.Article = "---\n" + text; break;
                case 3: folder.Synonyms = text; break;
                default: folder.Ingestion = text; break;
            }

            var root = folder.Write();
            var thrown = Record.Exception(() => KnowledgeLoader.TryLoad(root, FixedTimeProvider.Today));
            Assert.True(thrown is null, $"iteration {i}, file #{target}, text {System.Text.Json.JsonSerializer.Serialize(text)}: {thrown}");
            var (knowledge, problems) = KnowledgeLoader.TryLoad(root, FixedTimeProvider.Today);
            Assert.True((knowledge is null) == (problems.Count > 0), $"iteration {i}: loaded {knowledge is not null} with {problems.Count} problems");
        }
    }

    /// <summary>Loading fails, nothing is loaded, and the problem list holds one naming the file, the line and the fault.</summary>
    private KnowledgeProblem AssertFailure(string file, int line, string messagePart)
    {
        var (knowledge, problems) = KnowledgeLoader.TryLoad(_folder.Write(), FixedTimeProvider.Today);

        Assert.Null(knowledge);
        var listed = string.Join(Environment.NewLine, problems);
        var match = problems.FirstOrDefault(p => p.File == ProblemPath(file) && p.Line == line && p.Message.Contains(messagePart, StringComparison.Ordinal));
        Assert.True(match is not null, $"expected {ProblemPath(file)}:{line}: …{messagePart}…, got:{Environment.NewLine}{listed}");
        return match;
    }

    /// <summary>As <see cref="AssertFailure"/>, and the fault is the only problem reported.</summary>
    private KnowledgeProblem AssertOnlyFailure(string file, int line, string messagePart)
    {
        var problem = AssertFailure(file, line, messagePart);
        var (_, problems) = KnowledgeLoader.TryLoad(_folder.Root, FixedTimeProvider.Today);
        Assert.True(problems.Count == 1, $"expected only {problem}, got:{Environment.NewLine}{string.Join(Environment.NewLine, problems)}");
        return problem;
    }
}
