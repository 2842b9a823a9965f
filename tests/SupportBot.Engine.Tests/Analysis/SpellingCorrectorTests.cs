using SupportBot.Engine.Analysis;
using SupportBot.Engine.Answering;
using SupportBot.Engine.Tests.Support;

namespace SupportBot.Engine.Tests.Analysis;

public sealed class SpellingCorrectorTests(RealKnowledge real) : IClassFixture<RealKnowledge>
{
    [Theory]
    [InlineData("septmber", "september")]
    [InlineData("prodcut", "product")]
    [InlineData("kasperski", "kaspersky")]
    [InlineData("kapsersky", "kaspersky")]
    [InlineData("sanctoins", "sanctions")]
    public void Correct_MisspelledKnowledgeWord_GivesTheKnowledgeSpelling(string typed, string expected)
    {
        // The knowledge base's words without its synonym lists: synonyms.txt lists some misspellings on purpose.
        var corrector = new SpellingCorrector(DocumentWords(), new SpellingOptions());

        Assert.Equal(expected, corrector.Correct(typed));
    }

    [Theory]
    [InlineData("waht", "what")]
    [InlineData("wehn", "when")]
    [InlineData("thier", "their")]
    [InlineData("shoud", "should")]
    [InlineData("hwo", "how")] // three letters: only a swap
    [InlineData("teh", "the")]
    [InlineData("ios", null)] // not "its": a substitution in three letters is another word
    [InlineData("want", null)] // English
    [InlineData("what", null)] // already the word
    [InlineData("kasp", null)] // no empty word is one letter away
    public void StopWordMeant_TypoOfAWordWithoutTopic_IsThatWord(string typed, string? expected)
    {
        var corrector = new SpellingCorrector(DocumentWords(), new SpellingOptions(), englishWords: real.Knowledge.EnglishWords);

        Assert.Equal(expected, corrector.StopWordMeant(typed));
    }

    [Theory]
    [InlineData("waht is the deadline for kaspersky", "september-29-deadline")]
    [InlineData("wehn did kaspersky updates stop", "updates-stopped")]
    [InlineData("how long is teh free offer", "free-offer")]
    public void Ask_TypoOfAWordWithoutTopic_IsAnsweredAsSpelledRight(string question, string expectedId)
    {
        // Left unknown, "waht" weighed like a rare topic word the knowledge base lacks and cut the confidence.
        var answer = real.Engine.Ask(question);

        Assert.Equal(AnswerKinds.Faq, answer.Kind);
        Assert.Equal(expectedId, answer.DocumentId);
        Assert.Equal(1.0, answer.Confidence, 2);
    }

    [Theory]
    [InlineData("when did septmber updates stop", "septmber", "september")]
    [InlineData("which prodcut was free", "prodcut", "product")]
    public void Ask_MisspelledWord_IsCorrectedAgainstTheKnowledgeVocabulary(string question, string typed, string used)
    {
        var answer = real.Engine.Ask(question);

        Assert.Contains($"{typed}→{used}", answer.Corrections);
    }

    [Fact]
    public void Ask_KasperskiMisspelled_GetsTheSameAnswerAsSpelledRight()
    {
        var misspelled = real.Engine.Ask("when did kasperski stop updates");
        var spelled = real.Engine.Ask("when did kaspersky stop updates");

        Assert.Equal(AnswerKinds.Faq, spelled.Kind);
        Assert.Equal((spelled.Kind, spelled.DocumentId), (misspelled.Kind, misspelled.DocumentId));
    }

    [Theory]
    [InlineData("updat")] // one edit from "update", but five letters
    [InlineData("bann")]
    [InlineData("stp")]
    [InlineData("rice")]
    public void Correct_ShortWord_IsNeverCorrected(string typed)
    {
        var corrector = RealCorrector();

        Assert.Null(corrector.Correct(typed));
    }

    [Theory]
    [InlineData("kaspersky")]
    [InlineData("september")]
    [InlineData("products")]
    [InlineData("sanctions")]
    public void Correct_WordOfTheVocabulary_IsLeftAlone(string word)
    {
        var corrector = RealCorrector();

        Assert.True(corrector.IsKnown(word));
        Assert.Null(corrector.Correct(word));
    }

    [Theory]
    [InlineData("when did kaspersky updates stop")]
    [InlineData("why was kaspersky banned in america")]
    [InlineData("how many employees were laid off")]
    public void Ask_CorrectlySpelledQuestion_HasNoCorrections(string question)
    {
        Assert.Empty(real.Engine.Ask(question).Corrections);
    }

    [Fact]
    public void Correct_WordFarFromEveryVocabularyWord_GivesNull()
    {
        Assert.Null(RealCorrector().Correct("xylophonist"));
    }

    [Fact]
    public void Correct_TwoEditsAwayWithDifferentFirstLetter_GivesNull()
    {
        // Typos rarely hit the first letter, so two edits are trusted only when it agrees.
        var corrector = new SpellingCorrector(["september"], new SpellingOptions());

        Assert.Equal("september", corrector.Correct("sebtembor"));
        Assert.Null(corrector.Correct("xeptembor"));
    }

    [Fact]
    public void Correct_OneEditAwayWithDifferentFirstLetter_GivesNull()
    {
        // "hacked" is not a typo of "sacked".
        var corrector = new SpellingCorrector(["sacked"], new SpellingOptions());

        Assert.Null(corrector.Correct("hacked"));
        Assert.Equal("sacked", corrector.Correct("sackde"));
    }

    [Fact]
    public void Correct_TiedCandidates_PrefersTheMoreFrequentWord()
    {
        var corrector = new SpellingCorrector(["banned", "banner", "banned", "banned"], new SpellingOptions());

        Assert.Equal("banned", corrector.Correct("bannex"));
    }

    [Theory]
    [InlineData("bannd", "banned")]
    [InlineData("offr", "offer")]
    public void Correct_ShortTypoOfADomainWord_IsCorrected(string typed, string expected)
    {
        var corrector = new SpellingCorrector(["banned", "offer", "price"], new SpellingOptions(), Domain, Everyday);

        Assert.Equal(expected, corrector.Correct(typed));
    }

    [Theory]
    [InlineData("rice")] // an everyday word in its own right, one edit from the domain's "price"
    [InlineData("bxnnd")] // two edits from "banned": too far for a short word
    [InlineData("ofr")] // too short to trust
    public void Correct_ShortWordThatIsNoTypoOfADomainWord_GivesNull(string typed)
    {
        var corrector = new SpellingCorrector(["banned", "offer", "price"], new SpellingOptions(), Domain, Everyday);

        Assert.Null(corrector.Correct(typed));
    }

    [Theory]
    [InlineData("status")] // "states"
    [InlineData("police")] // "policy"
    [InlineData("shooting")] // "shutting"
    [InlineData("monkey")] // "money"
    [InlineData("exciting")] // "exiting"
    public void Correct_RealEnglishWordCloseToAKnowledgeWord_IsLeftAlone(string word)
    {
        var vocabulary = real.VocabularyWords().ToList();
        var withoutEnglish = new SpellingCorrector(vocabulary, new SpellingOptions());
        var corrector = new SpellingCorrector(vocabulary, new SpellingOptions(), englishWords: real.Knowledge.EnglishWords);

        Assert.NotNull(withoutEnglish.Correct(word));
        Assert.Null(corrector.Correct(word));
    }

    [Fact]
    public void Ask_EnglishWordNearAKnowledgeWord_KeepsTheCustomersWord()
    {
        var answer = real.Engine.Ask("printer keeps showing offline status");

        Assert.DoesNotContain(answer.Corrections, c => c.StartsWith("status", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("migr", "migrate")] // the group's most frequent word it begins
    [InlineData("announc", "announced")]
    public void Correct_DomainWordCutShort_IsCompleted(string typed, string expected)
    {
        var corrector = new SpellingCorrector(
            ["migrate", "migrate", "migration", "announced", "announced", "announcement"], new SpellingOptions(),
            domainWords: new HashSet<string> { "migrate", "migration", "announced", "announcement" });

        Assert.Equal(expected, corrector.Correct(typed));
    }

    [Fact]
    public void Correct_CutShortBelowTheCompletionLength_GivesNull()
    {
        var corrector = new SpellingCorrector(["migrate"], new SpellingOptions(), domainWords: new HashSet<string> { "migrate" });

        Assert.Null(corrector.Correct("mig"));
    }

    private static readonly HashSet<string> Domain = ["banned", "offer", "price"];
    private static readonly HashSet<string> Everyday = ["rice", "price", "offer"];

    private SpellingCorrector RealCorrector() => new(real.VocabularyWords(), new SpellingOptions());

    private IEnumerable<string> DocumentWords() => real.Engine.Index.Documents
        .SelectMany(d => d.Questions.Append(d.Title).Append(d.Text).Concat(d.Tags))
        .SelectMany(text => TextNormalizer.Words(TextNormalizer.Normalize(text)));
}
