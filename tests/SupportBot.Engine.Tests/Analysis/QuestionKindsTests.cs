using SupportBot.Engine.Analysis;

namespace SupportBot.Engine.Tests.Analysis;

public sealed class QuestionKindsTests
{
    [Theory]
    [InlineData("when did kaspersky leave", QuestionKind.When)]
    [InlineData("kaspersky updates stopped when", QuestionKind.When)]
    [InlineData("what date did the wind down begin", QuestionKind.When)]
    [InlineData("which year was the military ban", QuestionKind.When)]
    [InlineData("why was kaspersky banned", QuestionKind.Why)]
    [InlineData("how come kaspersky left", QuestionKind.Why)]
    [InlineData("what was the reason for the ban", QuestionKind.Why)]
    [InlineData("i wonder why they left", QuestionKind.Why)]
    [InlineData("how long did kaspersky operate in the us", QuestionKind.HowLong)]
    [InlineData("how much time did customers get to switch", QuestionKind.HowLong)]
    [InlineData("how long ago did the wind down start", QuestionKind.When)]
    [InlineData("since when is kaspersky in the us", QuestionKind.HowLong)]
    [InlineData("since when has kaspersky been in america", QuestionKind.HowLong)]
    [InlineData("since when did updates stop", QuestionKind.When)]
    [InlineData("how much did the us matter to revenue", QuestionKind.HowMany)]
    [InlineData("is kaspersky leaving because of russia", QuestionKind.Why)]
    [InlineData("what does washington have against kaspersky", QuestionKind.Why)]
    [InlineData("who banned kaspersky", QuestionKind.Who)]
    [InlineData("which us government agency banned it", QuestionKind.Who)]
    [InlineData("where is kaspersky based", QuestionKind.Where)]
    [InlineData("what country is kaspersky from", QuestionKind.Where)]
    [InlineData("how many staff lost their jobs", QuestionKind.HowMany)]
    [InlineData("what percent of revenue came from the us", QuestionKind.HowMany)]
    [InlineData("number of endpoints", QuestionKind.HowMany)]
    [InlineData("us layoffs count", QuestionKind.HowMany)] // an agent's keyword lookup
    [InlineData("is kaspersky leaving the us", QuestionKind.None)]
    [InlineData("kaspersky refund", QuestionKind.None)]
    [InlineData("", QuestionKind.None)]
    public void Of_NormalisedQuestion_GivesTheKindAskedFor(string normalized, QuestionKind expected)
    {
        Assert.Equal(expected, QuestionKinds.Of(normalized));
    }

    [Fact]
    public void Of_WhenJoiningAClause_IsNotAskingForADate()
    {
        // "when it left" says which gift is meant; the question asks what was given.
        Assert.Equal(QuestionKind.None, QuestionKinds.Of("what did kaspersky give customers when it left"));
    }

    [Fact]
    public void Of_KindNounAfterWhatIs_IsAnAdjectiveOfTheSubject()
    {
        // "what was kaspersky's official statement" asks for the statement, not for an official.
        Assert.Equal(QuestionKind.None, QuestionKinds.Of("what was kasperskys official statement on leaving"));
        Assert.Equal(QuestionKind.Who, QuestionKinds.Of("which us official explained the ban"));
    }

    [Fact]
    public void Of_TwoQuestionsInOne_GivesBothKinds()
    {
        Assert.Equal(QuestionKind.Why | QuestionKind.When, QuestionKinds.Of("why was it banned and when did it start"));
    }

    [Fact]
    public void Of_RandomText_NeverThrows()
    {
        var random = new Random(20260101);
        const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789 ";
        string[] words = ["what", "which", "how", "when", "why", "who", "where", "number", "of", "many", "come"];
        for (var i = 0; i < 2000; i++)
        {
            var text = string.Join(' ', Enumerable.Range(0, random.Next(0, 8)).Select(_ => random.Next(3) == 0
                ? new string(Enumerable.Range(0, random.Next(1, 8)).Select(_ => Alphabet[random.Next(Alphabet.Length)]).ToArray())
                : words[random.Next(words.Length)]));

            var kind = QuestionKinds.Of(TextNormalizer.Normalize(text));

            Assert.True(kind >= QuestionKind.None && (int)kind < 32, text);
        }
    }
}
