using SupportBot.Engine.Analysis;

namespace SupportBot.Engine.Tests.Analysis;

public sealed class MessageFocusTests
{
    private static readonly Func<string, bool> Pleasantry = s => s is "hi" or "hello" or "thanks" or "thank you" or "how are you" or "dear team";

    [Fact]
    public void Readings_OneShortQuestion_IsItsOnlyReading()
    {
        Assert.Equal(["when did updates stop"], MessageFocus.Readings("when did updates stop", Pleasantry));
    }

    [Fact]
    public void Readings_GreetingStoryAndQuestion_MostFocusedFirst()
    {
        var readings = MessageFocus.Readings("Hi. I use Kaspersky at home. When did updates stop? Thanks.", Pleasantry);

        Assert.Equal(
            ["When did updates stop?", "I use Kaspersky at home. When did updates stop?", "Hi. I use Kaspersky at home. When did updates stop? Thanks."],
            readings);
    }

    [Theory]
    [InlineData("My nephew says Kaspersky is closing down. Is that right?", "Kaspersky is closing down. Is that right?")]
    [InlineData("Our accountant asked if Kaspersky is on a blacklist. Which list?", "Kaspersky is on a blacklist. Which list?")]
    [InlineData("I read that the updates stopped. When was that?", "the updates stopped. When was that?")]
    public void Readings_WhoSaidItAtTheStart_IsAReadingWithoutThem(string message, string reported)
    {
        var readings = MessageFocus.Readings(message, Pleasantry);

        Assert.Contains(reported, readings);
        Assert.Equal(message, readings[^1]);
    }

    [Theory]
    [InlineData("I recall hearing that the military banned it. When was that?", "the military banned it. When was that?")]
    public void Readings_RememberedHearsay_IsAReadingWithoutTheTeller(string message, string reported)
    {
        Assert.Contains(reported, MessageFocus.Readings(message, Pleasantry));
    }

    [Theory]
    [InlineData("caller wants to know if they can still buy kaspersky", "they can still buy kaspersky")]
    [InlineData("customer on the line asking why kaspersky got banned", "why kaspersky got banned")]
    [InlineData("my friend in europe says they dont like kaspersky there", "they dont like kaspersky there")]
    public void Readings_OneRelayedClause_IsTheMessageThenItWithoutTheTeller(string message, string relayed)
    {
        // The message first: its teller may name the topic ("in europe").
        Assert.Equal([message, relayed], MessageFocus.Readings(message, Pleasantry));
    }

    [Fact]
    public void Readings_OneClauseADeviceSays_IsItsOnlyReading()
    {
        // "my printer says offline": the printer is what it is about, not who told.
        Assert.Equal(["my printer says offline"], MessageFocus.Readings("my printer says offline", Pleasantry));
    }

    [Fact]
    public void Readings_SalutationOpeningASentence_IsAReadingWithoutIt()
    {
        var readings = MessageFocus.Readings("Dear team, I read about a free offer. What was it?", Pleasantry);

        Assert.Contains("I read about a free offer. What was it?", readings);
    }

    [Fact]
    public void Readings_NoOneSaysAnything_HasNoHearsayReading()
    {
        const string message = "What did Kaspersky say about leaving? When was that?";

        Assert.Equal(["What did Kaspersky say about leaving?", message], MessageFocus.Readings(message, Pleasantry));
    }

    [Fact]
    public void Readings_QuestionInTheLastClause_IsAReadingOfItsOwn()
    {
        var readings = MessageFocus.Readings("hi, I run a dental office and we use kaspersky on 5 pcs, when exactly do the updates stop coming?", Pleasantry);

        Assert.Equal("when exactly do the updates stop coming?", readings[0]);
        Assert.Equal("hi, I run a dental office and we use kaspersky on 5 pcs, when exactly do the updates stop coming?", readings[^1]);
    }

    [Fact]
    public void Readings_TwoQuestionsJoinedByAnd_EachIsAReadingInOrder()
    {
        var readings = MessageFocus.Readings("why was it banned and when did the wind down start", Pleasantry);

        Assert.Equal(["why was it banned", "when did the wind down start", "why was it banned when did the wind down start", "why was it banned and when did the wind down start"], readings);
    }

    [Fact]
    public void Readings_TwoQuestionSentences_EachIsAReadingInOrder()
    {
        var readings = MessageFocus.Readings("Why did you wait so long? When was the ban announced?", Pleasantry);

        Assert.Equal("Why did you wait so long?", readings[0]);
        Assert.Equal("When was the ban announced?", readings[1]);
    }

    [Fact]
    public void Readings_QuestionAfterAColon_IsAReadingOfItsOwn()
    {
        var readings = MessageFocus.Readings("For my notes: which department announced the ban?", Pleasantry);

        Assert.Equal("which department announced the ban?", readings[0]);
    }

    [Theory]
    [InlineData("the sanctioned kaspersky people, where are they based", "where are they based")]
    [InlineData("My husband says Kaspersky worked for the government. Is that true?", "Is that true?")]
    [InlineData("Our company uses Kaspersky threat intelligence feeds. Are those affected by the ban?", "Are those affected by the ban?")]
    public void Readings_QuestionPointingBack_IsNeverReadAlone(string message, string leaning)
    {
        Assert.DoesNotContain(leaning, MessageFocus.Readings(message, Pleasantry));
    }

    [Theory]
    [InlineData(
        "I always worry about the people who work there. Are many Americans losing their jobs at Kaspersky because of this?",
        "Are many Americans losing their jobs at Kaspersky because of this?")]
    [InlineData(
        "Forgive me, I am new to these chats. Is Kaspersky giving its programs away because they are leaving?",
        "Is Kaspersky giving its programs away because they are leaving?")]
    public void Readings_PronounAfterWhatItMayStandFor_IsReadAlone(string message, string question)
    {
        // The clause names something before "this"/"they": it is a whole question, not one leaning on the story.
        Assert.Equal(question, MessageFocus.Readings(message, Pleasantry)[0]);
    }

    [Theory]
    [InlineData("For the background section of my report: in which city is Kaspersky based?", "in which city is Kaspersky based?")]
    [InlineData("quick one, for what reason was it banned", "for what reason was it banned")]
    public void Readings_QuestionOpeningWithAPreposition_IsAReadingOfItsOwn(string message, string question)
    {
        Assert.Equal(question, MessageFocus.Readings(message, Pleasantry)[0]);
    }

    [Fact]
    public void Readings_DemonstrativeBeforeANoun_DoesNotPointBack()
    {
        var readings = MessageFocus.Readings("My brother mentioned sanctions. What were those sanctions?", Pleasantry);

        Assert.Equal("What were those sanctions?", readings[0]);
    }

    [Fact]
    public void Readings_ClauseThatAsksNothing_StaysWithTheQuestionBeforeIt()
    {
        // "norton or bitdefender" is what makes this out of scope: no reading may drop it.
        var readings = MessageFocus.Readings("which antivirus should i switch to, norton or bitdefender?", Pleasantry);

        Assert.All(readings, r => Assert.Contains("bitdefender", r, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("As a US company, are we allowed to do business with Kaspersky?", "US company")]
    [InlineData("for a small business, when did updates stop", "small business")]
    public void Readings_ShortPhraseInFrontOfTheQuestion_StaysWithIt(string message, string fronted)
    {
        Assert.All(MessageFocus.Readings(message, Pleasantry), r => Assert.Contains(fronted, r, StringComparison.Ordinal));
        Assert.Empty(MessageFocus.AskingClauses(message, Pleasantry));
    }

    [Fact]
    public void AskingClauses_SecondQuestionAfterCommaAndConjunction_IsAClauseOfItsOwn()
    {
        var clauses = MessageFocus.AskingClauses("how many staff lost their jobs, and how much revenue came from the us?", Pleasantry);

        Assert.Equal(["how many staff lost their jobs", "and how much revenue came from the us?"], clauses);
    }

    [Fact]
    public void AskingClauses_SecondQuestionAfterConjunctionAndPreposition_IsAClauseOfItsOwn()
    {
        var clauses = MessageFocus.AskingClauses("when did kaspersky start to close, and until when can i get updates?", Pleasantry);

        Assert.Equal(["when did kaspersky start to close", "and until when can i get updates?"], clauses);
    }

    [Fact]
    public void AskingClauses_FrontedPhraseThenTwoQuestions_KeepsThePhraseWithTheFirst()
    {
        var clauses = MessageFocus.AskingClauses("as a reseller, can we still sell kaspersky and when did the ban start", Pleasantry);

        Assert.Equal(["as a reseller, can we still sell kaspersky", "when did the ban start"], clauses);
    }

    [Theory]
    [InlineData("Hello! I'm writing a report for school.", "hello")]
    [InlineData("Thank you. That was all.", "thank you")]
    [InlineData("Thank you, I will pass this along to our IT team.", "thank you")]
    [InlineData("Hi, I'm a reporter working on a story. Just introducing myself.", "hi")]
    [InlineData("Hello - I'm the IT department for a dental office", "hello")]
    [InlineData("Hello! I just made a cup of tea. How are you?", "hello")] // the only question is small talk too
    public void PleasantryOfStatement_PleasantryAndNoQuestion_GivesThePleasantry(string message, string expected)
    {
        Assert.Equal(expected, MessageFocus.PleasantryOfStatement(message, Pleasantry));
    }

    [Theory]
    [InlineData("Hi! How do I cook rice?")]
    [InlineData("Hi! When did updates stop")]
    [InlineData("I'm writing a report. It is about Kaspersky.")]
    [InlineData("hello")]
    [InlineData("Hi, my laptop is very slow.")] // trouble: a request for help, not a greeting
    [InlineData("Hello, my printer won't print.")]
    [InlineData("Hi. My printer has been offline for days!")]
    public void PleasantryOfStatement_QuestionOrNoPleasantry_GivesNull(string message)
    {
        Assert.Null(MessageFocus.PleasantryOfStatement(message, Pleasantry));
    }

    [Theory]
    [InlineData("Dear team, I was curious how long Kaspersky had been in the US. Thanks so much.")]
    [InlineData("Hello, I'd be grateful if you could explain what the trade list means. Many thanks.")]
    [InlineData("Hi. I would like to know whether the updates stopped. Thank you.")]
    public void PleasantryOfStatement_QuestionAskedWithoutAQuestionMark_GivesNull(string message)
    {
        // A letter that asks politely is a question: replying to its greeting or thanks alone ignores what it asks.
        Assert.Null(MessageFocus.PleasantryOfStatement(message, Pleasantry));
    }

    [Theory]
    [InlineData("I was curious how long Kaspersky had been in the US.")]
    [InlineData("Could you explain why it was banned.")]
    [InlineData("I'd like to know whether the updates stopped.")]
    [InlineData("I wonder what Kaspersky said")]
    public void IsQuestion_PoliteFrameAroundAQuestionWord_IsAQuestion(string sentence)
    {
        Assert.True(MessageFocus.IsQuestion(sentence));
    }

    [Theory]
    [InlineData("seriously why did kaspersky leave")]
    [InlineData("ok so when did the updates stop")]
    [InlineData("honestly, what happens now")]
    public void IsQuestion_ToneBeforeTheQuestionWord_IsAQuestion(string sentence)
    {
        Assert.True(MessageFocus.IsQuestion(sentence));
    }

    [Theory]
    [InlineData("I know Kaspersky left the US.")]
    [InlineData("ok so that is it")]
    [InlineData("I was curious about it for a while.")]
    [InlineData("Thanks for explaining.")]
    public void IsQuestion_StatementWithAVerbOfKnowing_IsNotAQuestion(string sentence)
    {
        Assert.False(MessageFocus.IsQuestion(sentence));
    }

    [Fact]
    public void Readings_RandomText_NeverThrowsAndAlwaysEndsWithTheMessage()
    {
        var random = new Random(7202024);
        const string Alphabet = "abcdefghij ,;.!?-and when why or";
        for (var i = 0; i < 2000; i++)
        {
            var message = new string(Enumerable.Range(0, random.Next(0, 60)).Select(_ => Alphabet[random.Next(Alphabet.Length)]).ToArray());

            var readings = MessageFocus.Readings(message, Pleasantry);

            Assert.Equal(message, readings[^1]);
            Assert.Equal(readings.Count, readings.Distinct().Count());
        }
    }
}
