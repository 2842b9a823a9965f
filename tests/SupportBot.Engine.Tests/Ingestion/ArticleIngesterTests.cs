using SupportBot.Engine.Answering;
using SupportBot.Engine.Indexing;
using SupportBot.Engine.Knowledge;
using SupportBot.Engine.Tests.Support;

namespace SupportBot.Engine.Tests.Ingestion;

/// <summary>Ingestion of the real articles: page furniture never reaches passages, the index, answers or search.</summary>
public sealed class ArticleIngesterTests(RealKnowledge real) : IClassFixture<RealKnowledge>
{
    /// <summary>Text that is on the published pages but is not article content.</summary>
    private static readonly string[] FurnitureTexts =
    [
        "Share This Post",
        "Advertisement. Scroll to continue reading.",
        "Images are for illustrative purposes only",
        "Related:",
        "Mysterious Operative Haunted Kaspersky Critics",
        "Germany Warns Against Russia",
        "Italy Investigates Russia",
        "This post was originally published",
        "More Articles",
        "Navigating SEC Regulations",
        "Free video resource for cybersecurity professionals",
        "in the trenches working on an investigation",
    ];

    public static TheoryData<string> Furniture => new(FurnitureTexts);

    /// <summary>Furniture as word sequences the index could match ("Related:" alone is an ordinary word there).</summary>
    public static TheoryData<string> FurniturePhrases => new(FurnitureTexts.Where(f => f != "Related:"));

    /// <summary>Questions aimed squarely at the furniture.</summary>
    public static readonly TheoryData<string> FurnitureQuestions =
    [
        "SEC regulations incident response",
        "Navigating SEC Regulations In Cybersecurity And Incident Response",
        "free video resource for cybersecurity professionals",
        "Mysterious Operative Haunted Kaspersky Critics",
        "Germany warns against Kaspersky",
        "Italy investigates Russia's Kaspersky antivirus software",
        "share this post",
        "Advertisement. Scroll to continue reading.",
        "images are for illustrative purposes only",
        "more articles",
        "was this post originally published on another site",
        "related articles about kaspersky",
    ];

    [Fact]
    public void Read_RealArticles_SourceFilesReallyContainTheFurniture()
    {
        // Guards the tests below: they prove removal only if the furniture is there to remove.
        var raw = string.Join('\n', Directory.GetFiles(RepoPaths.Articles, "*.md").Select(File.ReadAllText));

        Assert.All(FurnitureTexts, f => Assert.Contains(f, raw, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Furniture))]
    public void Read_RealArticles_NoPassageContainsFurniture(string furniture)
    {
        foreach (var passage in real.Knowledge.Articles.SelectMany(a => a.Passages))
        {
            Assert.DoesNotContain(furniture, passage.Text, Comparison(furniture));
            Assert.DoesNotContain(furniture, passage.Heading, Comparison(furniture));
        }
    }

    [Theory]
    [MemberData(nameof(Furniture))]
    public void Build_RealKnowledge_NoIndexedDocumentContainsFurniture(string furniture)
    {
        var built = DocumentBuilder.Build(real.Knowledge);
        var indexed = real.Engine.Index.Documents;

        Assert.Equal(built.Select(Flatten), indexed.Select(Flatten));
        foreach (var document in indexed)
        {
            Assert.DoesNotContain(furniture, Flatten(document), Comparison(furniture));
        }
    }

    [Theory]
    [MemberData(nameof(FurniturePhrases))]
    public void Match_FurniturePhrase_NoIndexRowMatches(string furniture)
    {
        // Asked of SQLite itself, not of the document list: the index never saw these words in this order.
        var phrase = TextChecks.Loose(furniture).TrimEnd(':', '.');
        var rows = real.Engine.Index.Query(session => session.Match(FtsQuery.AnyOf([phrase])));

        Assert.Equal(0, rows.Count);
    }

    [Theory]
    [MemberData(nameof(FurnitureQuestions))]
    public void Ask_QuestionAimedAtFurniture_NeverQuotesFurniture(string question)
    {
        var answer = real.Engine.Ask(question);

        var said = string.Join('\n', new[] { answer.Text, TextChecks.Unmarked(answer.HighlightedText ?? "") }
            .Concat(answer.Sources.SelectMany(s => new[] { s.Title, s.Quote }))
            .Concat(answer.FollowUps.Select(f => f.Question)));
        AssertNoFurniture(said);
    }

    [Theory]
    [MemberData(nameof(FurnitureQuestions))]
    public void Search_QueryAimedAtFurniture_NoHitShowsFurniture(string query)
    {
        var results = real.Engine.Search(query, top: 50);

        foreach (var hit in results.Hits)
        {
            AssertNoFurniture(string.Join('\n', hit.Title, TextChecks.Unmarked(hit.Snippet), hit.Text, hit.Source.Title));
        }
    }

    [Fact]
    public void Read_SecondArticle_KeepsItsHeadingsAsPassageHeadings()
    {
        var article = real.Knowledge.ArticlesById["kaspersky-to-close-us-division"];
        string[] headings =
        [
            "Kaspersky's Departure from the US Market",
            "The US Government's Stance on Kaspersky",
            "Impact on Kaspersky's Revenue and Workforce",
        ];

        Assert.Equal(headings, article.Passages.Select(p => p.Heading).Where(h => h != article.Title).Distinct());
        Assert.DoesNotContain(article.Passages, p => headings.Contains(p.Text));
        Assert.Equal("The US Government's Stance on Kaspersky", PassageContaining(article, "Gina Raimondo").Heading);
        Assert.Equal("Impact on Kaspersky's Revenue and Workforce", PassageContaining(article, "nearly 10%").Heading);
        Assert.Equal(article.Title, PassageContaining(article, "In the face of an impending US ban").Heading);
    }

    [Fact]
    public void Read_SecondArticle_DropsTheRepeatedTitleAndImageNote()
    {
        var article = real.Knowledge.ArticlesById["kaspersky-to-close-us-division"];

        Assert.StartsWith("In the face of an impending US ban", article.Passages[0].Text, StringComparison.Ordinal);
        Assert.DoesNotContain(article.Passages, p => p.Text.Contains(article.Title, StringComparison.Ordinal));
    }

    [Fact]
    public void Read_RealArticles_PassagesKeepArticleIdAndPosition()
    {
        foreach (var article in real.Knowledge.Articles)
        {
            Assert.NotEmpty(article.Passages);
            for (var i = 0; i < article.Passages.Count; i++)
            {
                var passage = article.Passages[i];
                Assert.Equal(article.Id, passage.ArticleId);
                Assert.Equal(i + 1, passage.Position);
                Assert.Equal($"{article.Id}#{i + 1}", passage.Id);
                Assert.Same(passage, real.Knowledge.PassagesById[passage.Id]);
            }
        }
    }

    [Fact]
    public void Read_RealArticles_EveryParagraphOfTheSourceTextIsAPassageInOrder()
    {
        // Each passage is a paragraph of the published text, in the order it was published.
        foreach (var article in real.Knowledge.Articles)
        {
            var raw = TextChecks.Loose(File.ReadAllText(Path.Combine(RepoPaths.Articles, article.Id + ".md")));
            var at = 0;
            foreach (var passage in article.Passages)
            {
                var found = raw.IndexOf(TextChecks.Loose(passage.Text), at, StringComparison.Ordinal);
                Assert.True(found >= 0, $"{passage.Id} is not in the source after position {at}: {passage.Text}");
                at = found;
            }
        }
    }

    [Fact]
    public void Read_LongLineWithoutFinalFullStop_IsAPassageNotAHeading()
    {
        // "In 2017, the Trump administration banned … followed suit" has no closing punctuation in the source.
        var article = real.Knowledge.ArticlesById["kaspersky-leaving-us"];
        var line2017 = PassageContaining(article, "In 2017, the Trump administration");
        var next = article.Passages[line2017.Position];

        Assert.StartsWith("In 2017, the Trump administration", line2017.Text, StringComparison.Ordinal);
        Assert.EndsWith("followed suit", line2017.Text, StringComparison.Ordinal);
        Assert.StartsWith("Kaspersky responded by launching transparency initiatives", next.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(article.Passages, p => p.Heading.Contains("2017", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_FirstArticle_EndsBeforeTheAppendedMaterial()
    {
        var article = real.Knowledge.ArticlesById["kaspersky-leaving-us"];

        Assert.StartsWith("Russian cybersecurity firm Kaspersky has decided", article.Passages[0].Text, StringComparison.Ordinal);
        Assert.StartsWith("Kaspersky responded by launching transparency initiatives", article.Passages[^1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_WithIngestionRules_DropsFurnitureLinesAndEverythingFromTheCutLine()
    {
        using var folder = new KnowledgeFolder();

        var article = KnowledgeLoader.Load(folder.Write(), FixedTimeProvider.Today).ArticlesById["sample"];

        Assert.Equal(
            [
                ("sample#1", "Acme Closes Its Widget Service", "Acme said it will stop the widget service on September 29, 2024, and customers must move their data before then."),
                ("sample#2", "Customer Support", "Support staff in the Springfield office will answer calls about widgets until the end of the year."),
            ],
            article.Passages.Select(p => (p.Id, p.Heading, p.Text)));
    }

    [Fact]
    public void Read_WithoutIngestionRules_KeepsTheFurniture()
    {
        // The same article with no ingestion.yaml: the furniture is ordinary text, so the rules are what removes it.
        using var folder = new KnowledgeFolder { Ingestion = null };

        var article = KnowledgeLoader.Load(folder.Write(), FixedTimeProvider.Today).ArticlesById["sample"];

        // Short unpunctuated lines read as headings, so "Share This Post" heads the first paragraph.
        Assert.Contains(article.Passages, p => p.Heading == "Share This Post");
        Assert.Contains(article.Passages, p => p.Heading == "More Articles" && p.Text.Contains("gardening tools", StringComparison.Ordinal));
    }

    private static string Flatten(SearchDocument d) =>
        string.Join('\n', [d.Id, d.Kind, d.Title, d.Text, .. d.Questions, .. d.Tags]);

    private static Passage PassageContaining(Article article, string text) =>
        Assert.Single(article.Passages, p => p.Text.Contains(text, StringComparison.Ordinal));

    private static StringComparison Comparison(string furniture) =>
        // "related to threat intelligence" is article text; only the "Related:" link label is furniture.
        furniture == "Related:" ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;

    private static void AssertNoFurniture(string text)
    {
        foreach (var furniture in FurnitureTexts)
        {
            Assert.DoesNotContain(furniture, text, Comparison(furniture));
        }
    }
}
