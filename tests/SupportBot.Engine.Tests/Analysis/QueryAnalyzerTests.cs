using SupportBot.Engine.Analysis;
using SupportBot.Engine.Indexing;
using SupportBot.Engine.Tests.Support;

namespace SupportBot.Engine.Tests.Analysis;

public sealed class QueryAnalyzerTests(RealKnowledge real) : IClassFixture<RealKnowledge>
{
    [Fact]
    public void Analyze_SynonymPhrase_BecomesOneTermWithItsWholeGroup()
    {
        var query = Analyze("what was the last day for updates");

        var lastDay = Assert.Single(query.Terms, t => t.Text == "last day");
        Assert.Equal(TermRole.Content, lastDay.Role);
        Assert.Contains("cutoff", lastDay.Alternatives);
        Assert.Contains("deadline", lastDay.Alternatives);
        Assert.DoesNotContain(query.Terms, t => t.Text is "last" or "day");
        var updates = Assert.Single(query.Terms, t => t.Text == "updates");
        Assert.Contains("definitions", updates.Alternatives);
        Assert.Contains("signatures", updates.Alternatives);
    }

    [Theory]
    [InlineData("kaspersky winddown start", "winddown", "wind down")]
    [InlineData("when was the pullout", "pullout", "pull out")]
    public void Analyze_SynonymPhraseRunTogether_IsReadAsThePhrase(string question, string typed, string phrase)
    {
        var query = Analyze(question);

        var term = Assert.Single(query.Terms, t => t.Text == phrase);
        Assert.Equal(typed, term.CorrectedFrom);
        Assert.DoesNotContain(query.Terms, t => t.Text == typed);
    }

    [Theory]
    [InlineData("what did kaspersky say it could still offer")]
    [InlineData("which services does kaspersky say they can still provide")]
    [InlineData("services kaspersky said are still ok in us")]
    [InlineData("services kasp says still ok")]
    public void Analyze_SayingPhraseBeforeWhatWasSaid_IsNotTheStatementTopic(string question)
    {
        // What was said is the question; "kaspersky say" as one term would make it about Kaspersky's statement.
        var query = Analyze(question);

        Assert.DoesNotContain(query.Terms, t => t.Alternatives.Contains("statement"));
        Assert.Contains(query.Terms, t => t.Text == "still");
    }

    [Fact]
    public void Analyze_SayingPhraseAboutATopic_IsTheStatementTopic()
    {
        var query = Analyze("what did kaspersky say about leaving");

        Assert.Contains("statement", Assert.Single(query.Terms, t => t.Text == "kaspersky say").Alternatives);
    }

    [Fact]
    public void Analyze_WordOfTone_DoesNotBreakAPhrase()
    {
        var query = Analyze("where is it even from");

        Assert.Contains(query.Terms, t => t.Text == "where is it from");
    }

    [Fact]
    public void Analyze_LongestSynonymPhrase_WinsOverItsPrefix()
    {
        var query = Analyze("united states of america");

        var term = Assert.Single(query.Terms);
        Assert.Equal("united states of america", term.Text);
        Assert.Contains("usa", term.Alternatives);
        Assert.Contains("america", term.Alternatives);
    }

    [Fact]
    public void Analyze_SingleSynonymWord_ExpandsToItsGroup()
    {
        var query = Analyze("did kaspersky leave the US");

        Assert.Equal(["kaspersky", "leave", "us"], query.Terms.Select(t => t.Text));
        Assert.Contains("wind down", query.Terms[1].Alternatives);
        Assert.Contains("exit", query.Terms[1].Alternatives);
        Assert.Contains("united states", query.Terms[2].Alternatives);
    }

    [Fact]
    public void Analyze_WordWithNoSynonyms_IsItsOnlyAlternative()
    {
        var query = Analyze("is it irreversible");

        var term = Assert.Single(query.Terms);
        Assert.Equal("irreversible", term.Text);
        Assert.Equal(["irreversible"], term.Alternatives);
    }

    [Fact]
    public void Analyze_StopWords_AreRemoved()
    {
        var query = Analyze("is the kaspersky ban in effect for me");

        Assert.Equal(["kaspersky", "ban", "effect"], query.Terms.Select(t => t.Text));
        Assert.All(query.Terms, t => Assert.Equal(TermRole.Content, t.Role));
    }

    [Fact]
    public void Analyze_Still_IsAWordOfTheQuestion()
    {
        // "is my antivirus still ok to use" asks whether it still works; without "still" it asks nothing.
        Assert.Contains("still", Analyze("is my antivirus still ok to use").Terms.Select(t => t.Text));
    }

    [Theory]
    [InlineData("how long did we have to switch", "long")]
    [InlineData("how much time did customers get to switch", "time")]
    public void Analyze_WordsAskingHowLong_AreNotTopicWords(string question, string asking)
    {
        var terms = Analyze(question).Terms.Select(t => t.Text).ToList();

        Assert.DoesNotContain(asking, terms);
        Assert.Contains("switch", terms);
    }

    [Fact]
    public void Analyze_ChatFiller_IsRemoved()
    {
        var query = Analyze("wait lol why is kaspersky banned tbh");

        Assert.Equal(["why", "kaspersky", "banned"], query.Terms.Select(t => t.Text));
    }

    [Fact]
    public void Analyze_TypoOfAStopWord_IsDroppedNotCorrectedIntoATopic()
    {
        // "happend" is "happened", a word that says nothing about the topic.
        var query = Analyze("what happend on july 20");

        Assert.Equal(["what", "july", "20"], query.Terms.Select(t => t.Text));
    }

    [Theory]
    [InlineData("set a timer for 10 minutes", new[] { "set", "timer", "minutes" })]
    [InlineData("did 50 employees lose their jobs", new[] { "50", "employees", "lose their jobs" })]
    public void Analyze_FigureOfSomethingUnknown_IsDroppedAndAKnownOneKept(string question, string[] expected)
    {
        Assert.Equal(expected, Analyze(question).Terms.Select(t => t.Text));
    }

    [Theory]
    [InlineData("what percantage of kaspersky revenue", "percentage", QuestionKind.HowMany)]
    [InlineData("kaspersky us history lenght", "length", QuestionKind.HowLong)]
    public void Analyze_TypoOfAWordThatAsks_IsCorrectedAndStillSaysTheKind(string question, string meant, QuestionKind kind)
    {
        var query = Analyze(question);

        Assert.Contains(query.Terms, t => t.Text == meant && t.CorrectedFrom is not null);
        Assert.Equal(kind, query.Kind);
    }

    [Fact]
    public void Analyze_YearAfterTheSources_MeansNowAndIsDropped()
    {
        var analyzer = new QueryAnalyzer(real.Knowledge.Synonyms, new SpellingCorrector(real.VocabularyWords(), new SpellingOptions()), latestYear: 2024);

        var later = real.Engine.Index.Query(session => analyzer.Analyze("kaspersky updates in 2026", w => session.Match(FtsQuery.AnyOf([w])).Count > 0));
        var earlier = real.Engine.Index.Query(session => analyzer.Analyze("kaspersky ban in 2017", w => session.Match(FtsQuery.AnyOf([w])).Count > 0));

        Assert.Equal(["kaspersky", "updates"], later.Terms.Select(t => t.Text));
        Assert.Equal(["kaspersky", "ban", "2017"], earlier.Terms.Select(t => t.Text));
    }

    [Theory]
    [InlineData("which antivirus should i switch to", "antivirus")]
    [InlineData("what services are still allowed", "services")]
    [InlineData("which year was the military ban", null)]
    [InlineData("what did kaspersky give customers", null)]
    [InlineData("do i need to switch antivirus", null)]
    public void Analyze_WhichQuestion_KnowsTheThingAskedFor(string question, string? thing)
    {
        Assert.Equal(thing, Analyze(question).AskedFor?.Text);
    }

    [Theory]
    [InlineData("why are they kicking kaspersky out", QuestionKind.Why)]
    [InlineData("when did it start", QuestionKind.When)]
    [InlineData("is kaspersky leaving", QuestionKind.None)]
    public void Analyze_Question_KnowsTheKindOfFactAskedFor(string question, QuestionKind kind)
    {
        Assert.Equal(kind, Analyze(question).Kind);
    }

    [Fact]
    public void Analyze_QuestionWords_AreKeptWithTheirRole()
    {
        var query = Analyze("Why was Kaspersky banned, and when?");

        Assert.Equal(
            [("why", TermRole.QuestionWord), ("kaspersky", TermRole.Content), ("banned", TermRole.Content), ("when", TermRole.QuestionWord)],
            query.Terms.Select(t => (t.Text, t.Role)));
        Assert.Equal(["kaspersky", "banned"], query.ContentTerms.Select(t => t.Text));
    }

    [Fact]
    public void Analyze_OnlyStopAndQuestionWords_HasNoContentTerms()
    {
        var query = Analyze("what is it and how do you do that");

        Assert.Empty(query.ContentTerms);
        Assert.Equal(["what", "how"], query.Terms.Select(t => t.Text));
    }

    [Fact]
    public void Analyze_Dates_AreNormalisedBeforeSplitting()
    {
        var query = Analyze("what happened on 9/29");

        Assert.Equal("what happened on september 29", query.Normalized);
        Assert.Equal(["what", "september", "29"], query.Terms.Select(t => t.Text));
    }

    [Fact]
    public void Analyze_MisspelledWord_IsCorrectedAndRemembersTheTyping()
    {
        var query = Analyze("septmber deadline");

        var corrected = query.Terms[0];
        Assert.Equal("september", corrected.Text);
        Assert.Equal("septmber", corrected.CorrectedFrom);
        Assert.Null(query.Terms[1].CorrectedFrom);
    }

    [Fact]
    public void Analyze_WordTheIndexKnowsInAnotherForm_IsNotCorrected()
    {
        // "prohibiting" is not written anywhere, but the index's stemmer matches it to "prohibited".
        var query = Analyze("prohibiting kaspersky");

        Assert.Equal("prohibiting", query.Terms[0].Text);
        Assert.Null(query.Terms[0].CorrectedFrom);
    }

    [Fact]
    public void Analyze_RepeatedWord_GivesOneTerm()
    {
        var query = Analyze("kaspersky Kaspersky KASPERSKY");

        Assert.Equal("kaspersky", Assert.Single(query.Terms).Text);
    }

    [Fact]
    public void Analyze_Question_KeepsTheOriginalText()
    {
        const string Question = "  Why was Kaspérsky BANNED?  ";

        var query = Analyze(Question);

        Assert.Equal(Question, query.Original);
        Assert.Equal("why was kaspersky banned", query.Normalized);
    }

    private AnalyzedQuery Analyze(string question)
    {
        var analyzer = new QueryAnalyzer(real.Knowledge.Synonyms, new SpellingCorrector(real.VocabularyWords(), new SpellingOptions()));
        return real.Engine.Index.Query(session => analyzer.Analyze(question, word => session.Match(FtsQuery.AnyOf([word])).Count > 0));
    }
}
