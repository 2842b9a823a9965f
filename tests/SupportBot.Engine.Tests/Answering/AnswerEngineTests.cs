using System.Text;
using SupportBot.Engine.Analysis;
using SupportBot.Engine.Answering;
using SupportBot.Engine.Indexing;
using SupportBot.Engine.Knowledge;
using SupportBot.Engine.Tests.Analysis;
using SupportBot.Engine.Tests.Support;

namespace SupportBot.Engine.Tests.Answering;

public sealed class AnswerEngineTests(RealKnowledge real) : IClassFixture<RealKnowledge>
{
    private static readonly string[] Kinds = [AnswerKinds.Faq, AnswerKinds.Passage, AnswerKinds.SmallTalk, AnswerKinds.Clarify, AnswerKinds.Fallback];

    // ---- faq ----

    [Theory]
    [InlineData("When did Kaspersky stop providing updates?")]
    [InlineData("when did kaspersky updates stop")]
    [InlineData("last day for kaspersky virus definitions in the USA")]
    public void Ask_WhenUpdatesStopped_AnswersFaqWithTheCutoffDateAndSources(string question)
    {
        var answer = real.Engine.Ask(question);

        AssertValid(answer, question);
        Assert.Equal(AnswerKinds.Faq, answer.Kind);
        Assert.Contains("September 29, 2024", answer.Text, StringComparison.Ordinal);
        Assert.NotEmpty(answer.Sources);
        foreach (var source in answer.Sources)
        {
            var passage = real.Knowledge.PassagesById[source.PassageId];
            var article = real.Knowledge.ArticlesById[passage.ArticleId];
            var articleText = File.ReadAllText(Path.Combine(RepoPaths.Articles, article.Id + ".md"));
            Assert.Equal(article.Title, source.Title);
            Assert.True(TextChecks.ContainsLoosely(articleText, source.Quote), $"\"{source.Quote}\" is not in {article.Id}.md");
            Assert.True(TextChecks.ContainsLoosely(passage.Text, source.Quote), $"\"{source.Quote}\" is not in {passage.Id}");
        }

        Assert.NotEmpty(answer.FollowUps);
        Assert.DoesNotContain(answer.FollowUps, f => f.Id == answer.DocumentId);
    }

    [Fact]
    public void Ask_EveryAnswerableFaqsOwnQuestion_AnswersThatFaq()
    {
        var misses = new List<string>();
        foreach (var faq in real.Knowledge.Faqs.Where(f => !f.Abstain))
        {
            var answer = real.Engine.Ask(faq.Question);
            AssertValid(answer, faq.Question);
            if (answer.Kind != AnswerKinds.Faq || answer.DocumentId != faq.Id)
            {
                misses.Add($"{faq.Id}: \"{faq.Question}\" got {answer.Kind} {answer.DocumentId}");
            }
            else
            {
                Assert.Equal(faq.Answer, answer.Text);
            }
        }

        Assert.True(misses.Count == 0, string.Join(Environment.NewLine, misses));
    }

    [Fact]
    public void Ask_GreetingFollowedByAQuestion_AnswersTheQuestion()
    {
        var answer = real.Engine.Ask("hi! when did kaspersky updates stop?");

        Assert.Equal(AnswerKinds.Faq, answer.Kind);
        Assert.Contains("September 29, 2024", answer.Text, StringComparison.Ordinal);
    }

    // ---- passage ----

    [Theory]
    [InlineData("how do companies and governments grapple with international relations and data protection")]
    [InlineData("international relations and digital security")]
    public void Ask_QuestionOnlyAPassageAnswers_AnswersWithThatPassageHighlighted(string question)
    {
        // The closing paragraph of the second article: no FAQ entry rests on it.
        var passage = real.Knowledge.PassagesById.Values.Single(p => p.Text.Contains("grapple with the implications of international relations", StringComparison.Ordinal));
        Assert.DoesNotContain(real.Knowledge.Faqs, f => f.Sources.Any(s => s.PassageId == passage.Id));

        var answer = real.Engine.Ask(question);

        AssertValid(answer, question);
        Assert.Equal(AnswerKinds.Passage, answer.Kind);
        Assert.Equal(passage.Id, answer.DocumentId);
        Assert.Equal(passage.Text, answer.Text);
        var source = Assert.Single(answer.Sources);
        Assert.Equal(real.Knowledge.ArticlesById[passage.ArticleId].Title, source.Title);
        Assert.Equal(passage.Text, source.Quote);
        Assert.NotNull(answer.HighlightedText);
        Assert.Equal(passage.Text, TextChecks.Unmarked(answer.HighlightedText));
        Assert.NotEmpty(TextChecks.MarkedFragments(answer.HighlightedText));
    }

    // ---- small talk ----

    [Theory]
    [InlineData("hi", "greeting")]
    [InlineData("Hello there!", "greeting")]
    [InlineData("nice to meet you", "greeting")]
    [InlineData("Is anyone actually there?!", "greeting")] // a word of tone inside the pattern
    [InlineData("Are you even a real person??", "identity")]
    [InlineData("Who built this assistant?", "identity")]
    [InlineData("Are you a real person or one of those computer programs my son told me about?", "identity")]
    [InlineData("helo, good day", "greeting")]
    [InlineData("Sorry for my bad English.", "help")]
    [InlineData("Appreciate the quick replies, that helps with my budget.", "thanks")] // each clause a thank-you
    [InlineData("hello there, i hope someone can help me", "help")]
    [InlineData("Thank you so much, sweetheart. You were more patient than the man at the shop.", "thanks")]
    [InlineData("Hi, I'm a student journalist working on a piece.", "greeting")]
    [InlineData("I'm writing an essay for class, may I ask you a few questions?", "help")] // tells, then asks only small talk
    [InlineData("thanks", "thanks")]
    [InlineData("Thank you so much!", "thanks")]
    [InlineData("lol", "thanks")]
    [InlineData("good bot", "thanks")]
    [InlineData("bye", "goodbye")]
    [InlineData("who are you", "identity")]
    [InlineData("Are you a bot?", "identity")]
    [InlineData("what can you do", "help")]
    public void Ask_SmallTalk_RepliesWithTheIntentsText(string question, string intent)
    {
        var answer = real.Engine.Ask(question);

        AssertValid(answer, question);
        Assert.Equal(AnswerKinds.SmallTalk, answer.Kind);
        Assert.Equal(intent, answer.Intent);
        Assert.Contains(answer.Text, real.Knowledge.Responses.Intents.Single(i => i.Name == intent).Replies);
        Assert.Empty(answer.Sources);
        Assert.False(answer.OffersHandoff);
    }

    [Theory]
    [InlineData("heyyy", "greeting")]
    [InlineData("hiii there", "greeting")]
    [InlineData("thanksss", "thanks")]
    [InlineData("byeee", "goodbye")]
    [InlineData("cooool", "thanks")]
    public void Ask_SmallTalkWithStretchedLetters_IsRecognised(string question, string intent)
    {
        AssertSmallTalk(question, intent);
    }

    [Theory]
    [InlineData("Thank you so much for your help, you've been very patient", "thanks")]
    [InlineData("Hi there, I'm a reporter. Who am I speaking with?", "identity")]
    [InlineData("Sorry, my English is not so good", "help")]
    [InlineData("ok talk to you later", "goodbye")]
    [InlineData("hlp", "help")]
    [InlineData("thnks", "thanks")]
    [InlineData("hii", "greeting")]
    [InlineData("goodnight", "goodbye")]
    [InlineData("Please answer me with easy words.", "help")]
    [InlineData("Who is make you??", "identity")]
    [InlineData("I live in Ohio. Pleased to meet with you.", "greeting")]
    [InlineData("Thank you, that makes me feel a lot better.", "thanks")]
    [InlineData("Thank you for your patience. I really appreciate the clear explanations. Have a wonderful evening!", "goodbye")]
    [InlineData("hello my name is priya", "greeting")] // "name" is an everyday word, though the tag "names" stems to it
    [InlineData("Honestly, you're not helping me at all.", "complaint")]
    public void Ask_SmallTalkInTheCustomersOwnWords_IsRecognisedByItsCues(string question, string intent)
    {
        AssertSmallTalk(question, intent);
    }

    [Theory]
    [InlineData("thnak you", "thanks")] // two letters swapped
    [InlineData("great, apreciate it", "thanks")] // a letter missing
    [InlineData("ok goodbey then", "goodbye")]
    [InlineData("what do u do", "help")]
    [InlineData("hello, how are you tody?", "greeting")] // a filler word misspelt
    [InlineData("you there?", "greeting")]
    [InlineData("hey, quick one: am I talking to a human agent?", "identity")]
    [InlineData("great, that's just what I needed. You can close the ticket.", "goodbye")]
    public void Ask_SmallTalkWithATypo_IsRecognised(string question, string intent)
    {
        AssertSmallTalk(question, intent);
    }

    [Theory]
    [InlineData("you're useless")]
    [InlineData("THIS IS A WASTE OF MY TIME")]
    [InlineData("Are you just a useless bot??")]
    public void Ask_Complaint_SaysSorryAndOffersAPerson(string question)
    {
        var answer = real.Engine.Ask(question);

        AssertValid(answer, question);
        Assert.Equal(AnswerKinds.SmallTalk, answer.Kind);
        Assert.Equal(ResponseTexts.Complaint, answer.Intent);
        Assert.True(answer.OffersHandoff);
        Assert.Contains(real.Knowledge.Responses.Intents.Single(i => i.Name == ResponseTexts.Complaint).Replies, answer.Text.StartsWith);
        Assert.EndsWith(real.Knowledge.Responses.HandoffFor(new AnswerEngineOptions().SupportContact), answer.Text, StringComparison.Ordinal);
        Assert.NotEmpty(answer.FollowUps);
    }

    [Theory]
    [InlineData("ugh, you're useless. when did updates stop?", "updates-stopped")]
    [InlineData("is kaspersky useless now", "existing-software-after-cutoff")] // the software, not the bot
    public void Ask_ComplaintWordsWithADomainQuestion_AnswersTheQuestion(string question, string expectedId)
    {
        AssertAnsweredBy(question, expectedId);
    }

    [Fact]
    public void Ask_EnglishWordOneLetterFromASmallTalkWord_IsNotReadAsIt()
    {
        // "held" is a word of its own, not a typo of "help" ("help me" is a pattern).
        Assert.Equal(AnswerKinds.Fallback, real.Engine.Ask("held me").Kind);
    }

    [Theory]
    [InlineData("when did kaspersky officially exit the us")]
    [InlineData("when did kaspersky officially start leaving america")]
    public void Ask_MannerAdverb_DoesNotPullAWhenQuestionToAnEntryWithoutADate(string question)
    {
        // "officially" stems like "official statement": as a topic word it pulled these to Kaspersky's statement.
        var answer = real.Engine.Ask(question);

        Assert.Equal(AnswerKinds.Faq, answer.Kind);
        Assert.NotEqual("kaspersky-statement", answer.DocumentId);
        Assert.Contains("2024", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("is my antivirus still good")]
    [InlineData("is my antivirus still ok to use")]
    public void Ask_WhetherSomethingStillWorks_SaysWhenUpdatesStopped(string question)
    {
        // Without "still" these name only "antivirus", and the replacement gap ("what antivirus should i use") took them.
        var answer = real.Engine.Ask(question);

        Assert.Equal(AnswerKinds.Faq, answer.Kind);
        Assert.Contains("September 29, 2024", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("did us federal agencies ever run kaspersky", "government-customer")]
    [InlineData("what does washington have against kaspersky", "why-banned")]
    public void Ask_GovernmentAndKaspersky_UsingItIsNotHoldingSomethingAgainstIt(string question, string expectedId)
    {
        AssertAnsweredBy(question, expectedId);
    }

    [Theory]
    [InlineData("can i keep using kaspersky")] // ties the gap for updates through a VPN ("keep kaspersky updating")
    [InlineData("can i keep using kasp")]
    public void Ask_AnswerTyingAKnownGap_IsAnswered(string question)
    {
        AssertAnsweredBy(question, "existing-software-after-cutoff");
    }

    [Theory]
    [InlineData("info on kasp exit pls", "is-kaspersky-leaving")] // not how customers were informed
    [InlineData("i need info about the layoffs", "layoffs")]
    [InlineData("layoffs count", "layoffs")] // not "is kaspersky still doing its job"
    public void Ask_AskingForInformation_IsAnsweredOnItsTopic(string question, string expectedId)
    {
        // "information" names no topic, and it stems like "informed".
        AssertAnsweredBy(question, expectedId);
    }

    [Theory]
    [InlineData("were twelve kaspersky leaders sanctioned", "treasury-sanctions")]
    [InlineData("did fewer than fifty people lose their jobs", "layoffs")]
    [InlineData("was about ten percent of kaspersky income from the us", "revenue")]
    public void Ask_FigureSpelledOut_FindsTheEntryWithTheFigure(string question, string expectedId)
    {
        // "twelve" matched only the gap for the sanctioned leaders' names, whose phrasing spells it out.
        AssertAnsweredBy(question, expectedId);
    }

    [Theory]
    [InlineData("when did kaspersky updates stop in australia")]
    [InlineData("did britain ban kaspersky from military computers")]
    [InlineData("how much of kaspersky's income came from canada")]
    [InlineData("is the free offer available to customers in europe")]
    public void Ask_UsFactAskedOfAnotherPlace_FallsBack(string question)
    {
        // Every word but the place matches an entry about the US, whose date or figure is not that place's.
        var answer = real.Engine.Ask(question);

        AssertValid(answer, question);
        Assert.Equal(AnswerKinds.Fallback, answer.Kind);
    }

    [Fact]
    public void Ask_UsFactAskedOfTheUs_IsAnswered()
    {
        AssertAnsweredBy("when did kaspersky updates stop in america", "updates-stopped");
    }

    [Theory]
    [InlineData("laptop won't turn on")]
    [InlineData("can hackers see my webcam")]
    [InlineData("my pc keeps crashing")]
    [InlineData("windows update keeps failing")] // another product's updates, not Kaspersky's
    [InlineData("how do i update windows")]
    [InlineData("my graphics driver update failed")]
    public void Ask_OnlyEverydayTechWords_FallsBack(string question)
    {
        // "laptop" and "hackers" are synonym-group words, but every tech-support question has them.
        Assert.Equal(AnswerKinds.Fallback, real.Engine.Ask(question).Kind);
    }

    [Theory]
    [InlineData("is my laptop still protected", "still-protected")]
    [InlineData("is my pc safe now", "still-protected")]
    [InlineData("how many devices were protected", "endpoints")]
    public void Ask_EverydayTechWordWithAWordOfTheSubject_IsAnswered(string question, string expectedId)
    {
        AssertAnsweredBy(question, expectedId);
    }

    [Theory]
    [InlineData("how do i scan my computer with kaspersky", "using-kaspersky")]
    [InlineData("how can i switch off kasperskys automatic renewal", "cancel-subscription")] // not buying or renewing
    [InlineData("what city is kaspersky's american office in", "company-facts-not-covered")] // not its headquarters
    [InlineData("when did russia invade ukraine", "ukraine-war-date")] // not the war's impact on Kaspersky
    [InlineData("i need the names of the 12 people sanctioned by the treasury", "sanctioned-names")] // the sanctions entry only says it has no names
    [InlineData("which court ruled on kaspersky's challenge to the ban", "court-proceedings")] // not that it planned to challenge it
    [InlineData("did the senate vote to ban kaspersky", "lawmakers-role")] // not the Commerce Department's ban
    [InlineData("do kaspersky's laid off us workers get severance", "staff-after-layoffs")] // not how many were laid off
    [InlineData("will kaspersky ever return to the american market", "kaspersky-return")] // not how long it was on that market
    [InlineData("will my kaspersky account be deleted now", "customer-data-after-exit")]
    [InlineData("at what hour on september 29 did kaspersky updates end", "time-of-day")] // not the date alone
    [InlineData("where do i type the code to get kaspersky free for six months", "free-offer-claim")] // not what the offer was
    public void Ask_WhatTheSourcesDoNotCover_IsItsKnownGap(string question, string gapId)
    {
        var answer = real.Engine.Ask(question);

        Assert.Equal(AnswerKinds.Fallback, answer.Kind);
        Assert.Equal(gapId, answer.DocumentId);
    }

    [Theory]
    [InlineData("what did kaspersky say they could still provide to americans", "still-allowed")]
    [InlineData("which dept banned kaspersky", "ban-announced")]
    [InlineData("who prohibited kaspersky software sales", "ban-announced")] // selling, not revenue
    [InlineData("numbr of kasp employees laid off", "layoffs")] // a typo of the word that asks for a figure
    [InlineData("caller wants to know if they can still buy kaspersky", "buy-or-renew")] // an agent relaying
    [InlineData("customer on the line asking why kaspersky got banned", "why-banned")] // "customer" is the teller, not the topic
    public void Ask_ReportedSpeechOrShorthand_IsReadForWhatIsAsked(string question, string expectedId)
    {
        AssertAnsweredBy(question, expectedId);
    }

    [Theory]
    [InlineData("Dear team, I was curious how long Kaspersky had been serving customers in the United States. Thanks ever so much.", "years-in-us")]
    [InlineData("Hello, I'd be grateful if you could explain what the trade-restrictions list means for Kaspersky. Many thanks.", "trade-restrictions-list")]
    [InlineData("Dear support team, I came across a mention of free security products for customers. Would you be so kind as to explain what was offered? Kind regards.", "free-offer")]
    public void Ask_LetterAskingWithoutAQuestionMark_AnswersWhatItAsks(string question, string expectedId)
    {
        // The greeting and the thanks around it are not what the letter is about.
        AssertAnsweredBy(question, expectedId);
    }

    [Theory]
    [InlineData("what did kaspersky itself say about leaving the us", "kaspersky-statement")] // "itself" only stresses who said it
    [InlineData("what's kaspersky's official line on leaving", "kaspersky-statement")]
    [InlineData("which presidential administration banned kaspersky in federal agencies", "federal-ban-2017")]
    public void Ask_WordingForAnEntrysTopic_FindsThatEntry(string question, string expectedId)
    {
        AssertAnsweredBy(question, expectedId);
    }

    [Theory]
    [InlineData("does kaspersky work on my operating system")]
    [InlineData("which operating systems does kaspersky support")]
    public void Ask_OperatingSystem_IsNotAboutKasperskysUsOperations(string question)
    {
        Assert.Equal(AnswerKinds.Fallback, real.Engine.Ask(question).Kind);
    }

    [Theory]
    [InlineData("is kaspersky compensating people who bought it")]
    [InlineData("anything for us customers to make up for the hassle")]
    public void Ask_CompensationForTheExit_IsTheFreeOfferNotTheRefundGap(string question)
    {
        // The sources never mention refunds; what customers were given for their trouble is the free offer.
        var answer = real.Engine.Ask(question);

        Assert.Equal(AnswerKinds.Faq, answer.Kind);
        Assert.Matches("(six|6) months", answer.Text);
    }

    [Fact]
    public void Ask_NoQuestionKind_IsNotForAnEntryThatOnlyEverAnswersOne()
    {
        // The date gap's phrasings all ask "when"; a question that asks no "when" is about something else.
        AssertAnsweredBy("so what does russia's war have to do with my antivirus", "ukraine-war-impact");
    }

    [Theory]
    [InlineData("translate hello into spanish")] // a request of its own around the cue
    [InlineData("How do I cook rice? thanks")] // a question with no cue of its own
    [InlineData("can you help me fix my printer")]
    [InlineData("I need help fixing my printer")]
    public void Ask_SmallTalkCueAroundAnOutOfScopeRequest_FallsBack(string question)
    {
        Assert.Equal(AnswerKinds.Fallback, real.Engine.Ask(question).Kind);
    }

    [Fact]
    public void Ask_SmallTalkCueWithADomainQuestion_AnswersTheQuestion()
    {
        var answer = real.Engine.Ask("thanks, when did the updates stop?");

        Assert.Equal(AnswerKinds.Faq, answer.Kind);
        Assert.Contains("September 29, 2024", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Ask_GreetingWithAStatementThatAsksNothing_Greets()
    {
        AssertSmallTalk("Hello! I'm writing a report for school and might have a few questions in a minute.", "greeting");
    }

    [Fact]
    public void Ask_GreetingWithAnOutOfScopeQuestion_StillFallsBack()
    {
        var answer = real.Engine.Ask("Hi! How do I cook rice?");

        Assert.Equal(AnswerKinds.Fallback, answer.Kind);
    }

    [Fact]
    public void Ask_SameSmallTalkTwice_GivesTheSameReply()
    {
        Assert.Equal(real.Engine.Ask("hello").Text, real.Engine.Ask("hello").Text);
    }

    // ---- clarify ----

    [Fact]
    public void Ask_TwoFaqsTooCloseToCall_AsksWhichWasMeant()
    {
        using var folder = new KnowledgeFolder { Faq = KnowledgeFolder.DefaultFaq + TwinEntries };
        using var engine = RealKnowledge.CreateEngine(KnowledgeLoader.Load(folder.Write(), FixedTimeProvider.Today));

        var answer = engine.Ask("what colour is the gadget?");

        AssertValid(answer, "what colour is the gadget?", engine.Knowledge);
        Assert.Equal(AnswerKinds.Clarify, answer.Kind);
        Assert.Equal(["gadget-case-colour", "gadget-lid-colour"], answer.FollowUps.Select(f => f.Id).Order());
        Assert.StartsWith("Did you mean", answer.Text, StringComparison.Ordinal);
        Assert.Contains("What colour is the gadget case?", answer.Text, StringComparison.Ordinal);
        Assert.Contains("What colour is the gadget lid?", answer.Text, StringComparison.Ordinal);
        Assert.Empty(answer.Sources);
    }

    [Fact]
    public void Ask_QuestionNamingOneOfTwoCloseFaqs_AnswersThatOne()
    {
        using var folder = new KnowledgeFolder { Faq = KnowledgeFolder.DefaultFaq + TwinEntries };
        using var engine = RealKnowledge.CreateEngine(KnowledgeLoader.Load(folder.Write(), FixedTimeProvider.Today));

        var answer = engine.Ask("what colour is the gadget lid");

        Assert.Equal(AnswerKinds.Faq, answer.Kind);
        Assert.Equal("gadget-lid-colour", answer.DocumentId);
    }

    [Fact]
    public void Ask_TwoCloseFaqsOnOneTopic_AnswersTheBetterRankedInsteadOfGivingUp()
    {
        // The same twins, but sharing a tag: either answers the question, so there is nothing to ask about.
        // "roughly" is unknown here, which keeps the engine below sure, where a close runner-up counts.
        using var folder = new KnowledgeFolder { Faq = KnowledgeFolder.DefaultFaq + TwinEntries.Replace("tags: [lid]", "tags: [case]", StringComparison.Ordinal) };
        using var engine = RealKnowledge.CreateEngine(KnowledgeLoader.Load(folder.Write(), FixedTimeProvider.Today));

        var answer = engine.Ask("what colour is the gadget, roughly?");

        Assert.Equal(AnswerKinds.Faq, answer.Kind);
        Assert.StartsWith("gadget-", answer.DocumentId, StringComparison.Ordinal);
    }

    [Fact]
    public void Ask_WhyQuestionSharingItsWordsWithADateEntry_AnswersWhy()
    {
        // "kicking … out" matches the dates entries' "kick off" as well as the exit's "kicked out".
        var answer = real.Engine.Ask("why are they kicking kaspersky out");

        Assert.Equal(AnswerKinds.Faq, answer.Kind);
        Assert.True(answer.DocumentId is "why-banned" or "why-kaspersky-left", answer.DocumentId);
    }

    [Theory]
    [InlineData("what is happening to kaspersky in the us")]
    [InlineData("whats going on with kaspersky")]
    public void Ask_QuestionNamingOnlyTheSubject_AnswersTheOverviewEntry(string question)
    {
        var answer = real.Engine.Ask(question);

        Assert.Equal(AnswerKinds.Faq, answer.Kind);
        Assert.Equal(real.Knowledge.Responses.Overview, answer.DocumentId);
    }

    [Fact]
    public void Ask_WhyQuestionNamingOnlyTheSubject_IsNotGivenTheOverview()
    {
        var answer = real.Engine.Ask("why was kaspersky banned in the us");

        Assert.Equal("why-banned", answer.DocumentId);
    }

    [Fact]
    public void Ask_StoryThenAQuestionWithOneTellingWord_AnswersIt()
    {
        var answer = real.Engine.Ask("My brother mentioned something at dinner about Kaspersky. What were those sanctions?");

        Assert.Equal("treasury-sanctions", answer.DocumentId);
    }

    [Fact]
    public void Ask_QuestionPointingBackAtSomethingElse_FallsBack()
    {
        // "find" alone would match how customers found out about the exit.
        var answer = real.Engine.Ask("forgot my wifi password, how do i find it");

        Assert.Equal(AnswerKinds.Fallback, answer.Kind);
    }

    [Fact]
    public void Ask_UpdatesInTheCurrentYear_AnswersWhenUpdatesStopped()
    {
        // 2026 is after everything the sources tell: the customer means "now", not a fact dated 2026.
        var answer = real.Engine.Ask("does kaspersky still get virus updates in 2026");

        Assert.Equal(AnswerKinds.Faq, answer.Kind);
        Assert.Contains("September 29, 2024", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("i have kaspersky, what do i do now")]
    [InlineData("what should i be doing about my kaspersky")]
    public void Ask_WhatToDoPutAnyWay_AnswersWhatCustomersWereTold(string question)
    {
        var answer = real.Engine.Ask(question);

        Assert.Equal("what-to-do-now", answer.DocumentId);
    }

    [Fact]
    public void Ask_WhichProductToSwitchTo_FallsBackWithTheRecommendationGap()
    {
        // Shares its words with "do i need to switch antivirus" (what customers were told), but asks which one.
        var answer = real.Engine.Ask("what antivirus should I switch to");

        Assert.Equal(AnswerKinds.Fallback, answer.Kind);
        Assert.Equal("recommended-replacement", answer.DocumentId);
    }

    [Theory]
    [InlineData("is kaspersky banned in australia")]
    [InlineData("can i still buy kaspersky in canada")]
    [InlineData("did italy ban kaspersky")] // only a "Related:" link, page furniture, names Italy
    [InlineData("is kaspersky banned in germany")]
    public void Ask_CountryTheSourcesNeverMention_FallsBackWithTheOtherCountriesGap(string question)
    {
        var answer = real.Engine.Ask(question);

        Assert.Equal(AnswerKinds.Fallback, answer.Kind);
        Assert.Equal("other-countries", answer.DocumentId);
    }

    // ---- fallback ----

    [Theory]
    [InlineData("what's the weather like tomorrow")]
    [InlineData("tell me a joke")]
    [InlineData("how do I reset my iPhone")]
    [InlineData("what is the capital of France")]
    [InlineData("is Norton antivirus any good")]
    [InlineData("how do I cancel my McAfee subscription")]
    [InlineData("whats the weather like in moscow")]
    [InlineData("my printer says offline")]
    [InlineData("how do i back up my files to the cloud")] // "back", "files": words the articles use, none of the domain's
    [InlineData("my screen keeps flashing, what do i do")] // "what do i do" is a way of asking, not the domain
    public void Ask_OutOfScope_FallsBackAndOffersAPerson(string question)
    {
        var answer = real.Engine.Ask(question);

        AssertValid(answer, question);
        Assert.Equal(AnswerKinds.Fallback, answer.Kind);
        Assert.True(answer.OffersHandoff);
        Assert.NotEmpty(answer.FollowUps);
        Assert.Contains(real.Knowledge.Responses.HandoffFor(new AnswerEngineOptions().SupportContact), answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(real.Knowledge.PassagesById.Values, p => answer.Text.Contains(p.Text, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(0.8, AnswerKinds.Faq)]
    [InlineData(0.0, AnswerKinds.Fallback)]
    public void Ask_WhyQuestionNamingLittleElse_IsAnsweredByTheWhyEntryOnlyWhenTheKindCounts(double kindWeight, string expected)
    {
        // "taking away" is in no entry: the question's kind is most of what it shares with the why-entry.
        using var engine = new AnswerEngine(
            real.Knowledge, new AnswerEngineOptions { QuestionKindWeight = kindWeight }, new SearchIndexOptions(), new SpellingOptions());

        var answer = engine.Ask("Why is the government taking away my antivirus?");

        Assert.Equal(expected, answer.Kind);
        Assert.True(expected == AnswerKinds.Fallback || answer.Text.Contains("because", StringComparison.Ordinal), answer.Text);
    }

    [Theory]
    [InlineData(0.25, AnswerKinds.Fallback)]
    [InlineData(2.0, AnswerKinds.Faq)]
    public void Ask_GapHavingAWeightyWordTheAnswerLacks_IsTheGapOnlyWhileTheRuleIsOn(double lackedWordShare, string expected)
    {
        // The layoffs entry ranks first on "laid off" and "staff", but it never speaks of severance; the gap for
        // severance has every word of the question.
        using var engine = new AnswerEngine(
            real.Knowledge, new AnswerEngineOptions { GapLackedWordShare = lackedWordShare }, new SearchIndexOptions(), new SpellingOptions());

        var answer = engine.Ask("how much severance are the laid off kaspersky staff getting");

        Assert.Equal(expected, answer.Kind);
        Assert.Equal(expected == AnswerKinds.Fallback ? "staff-after-layoffs" : "layoffs", answer.DocumentId);
    }

    [Fact]
    public void Ask_NameOfTheKnowledgeBasesOwnWithUnknownWords_AnswersAboutTheName()
    {
        // No "kaspersky", and "position" and "hold" are unknown here; "raimondo", a name English does not have,
        // says what the question is about as surely as the subject would.
        var answer = real.Engine.Ask("What position does Gina Raimondo hold?");

        Assert.Equal(AnswerKinds.Faq, answer.Kind);
        Assert.Equal("gina-raimondo", answer.DocumentId);
    }

    [Theory]
    [InlineData("when was kaspersky first banned in the us")]
    [InlineData("first kaspersky ban was when")]
    public void Ask_FirstBan_AnswersTheFederalBanOf2017(string question)
    {
        var answer = real.Engine.Ask(question);

        Assert.Equal(AnswerKinds.Faq, answer.Kind);
        Assert.Contains("2017", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Ask_TwoQuestionsInOneMessage_AnswersBoth()
    {
        var answer = real.Engine.Ask("why was kaspersky banned and when did the updates stop?");

        AssertValid(answer, "why was kaspersky banned and when did the updates stop?");
        Assert.Equal(AnswerKinds.Faq, answer.Kind);
        Assert.Contains("Russia", answer.Text, StringComparison.Ordinal);
        Assert.Contains("September 29, 2024", answer.Text, StringComparison.Ordinal);
        Assert.Single(answer.AlsoAnswered);
        Assert.NotEqual(answer.DocumentId, answer.AlsoAnswered[0]);
        Assert.Equal(answer.Sources.Distinct().Count(), answer.Sources.Count);
    }

    [Fact]
    public void Ask_TwoQuestionsWithOneAnswersOnlyAllowed_AnswersTheSurest()
    {
        using var engine = new AnswerEngine(
            real.Knowledge, new AnswerEngineOptions { MaxAnswersPerMessage = 1 }, new SearchIndexOptions(), new SpellingOptions());

        var answer = engine.Ask("why was kaspersky banned and when did the updates stop?");

        Assert.Equal(AnswerKinds.Faq, answer.Kind);
        Assert.Empty(answer.AlsoAnswered);
        Assert.Equal(real.Knowledge.FaqsById[answer.DocumentId!].Answer, answer.Text);
    }

    [Fact]
    public void Ask_FirstSentenceNamesNothingOfTheDomain_AnswersTheSentenceThatDoes()
    {
        // "Who even made this call?" alone matches "call" somewhere; only the second sentence names the topic.
        var answer = real.Engine.Ask("Who even made this call? Which part of the government?");

        Assert.Equal(AnswerKinds.Faq, answer.Kind);
        Assert.Contains("Commerce Department", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("?!")]
    [InlineData("the and of it")]
    public void Ask_NothingToGoOn_FallsBackWithSuggestedQuestions(string question)
    {
        var answer = real.Engine.Ask(question);

        AssertValid(answer, question);
        Assert.Equal(AnswerKinds.Fallback, answer.Kind);
        Assert.Equal(real.Knowledge.Responses.Suggested.Take(answer.FollowUps.Count), answer.FollowUps.Select(f => f.Id));
        Assert.NotEmpty(answer.FollowUps);
    }

    [Fact]
    public void Ask_AbstainEntrysOwnQuestion_FallsBackWithItsAnswerAndAPerson()
    {
        var gaps = real.Knowledge.Faqs.Where(f => f.Abstain).ToList();
        Assert.NotEmpty(gaps);

        foreach (var gap in gaps)
        {
            var answer = real.Engine.Ask(gap.Question);

            AssertValid(answer, gap.Question);
            Assert.Equal(AnswerKinds.Fallback, answer.Kind);
            Assert.Equal(gap.Id, answer.DocumentId);
            Assert.StartsWith(gap.Answer, answer.Text, StringComparison.Ordinal);
            Assert.True(answer.OffersHandoff);
            Assert.DoesNotContain(answer.FollowUps, f => f.Id == gap.Id || real.Knowledge.FaqsById[f.Id].Abstain);
        }
    }

    // ---- any input ----

    [Theory]
    [InlineData("did updates stop on ９/２９")]
    [InlineData("٩/٢٩ kaspersky")]
    [InlineData("kaspersky २०२४")]
    public void Ask_NonAsciiDigits_NeverThrows(string question)
    {
        var answer = real.Engine.Ask(question);

        AssertValid(answer, question);
    }

    [Fact]
    public void Ask_RandomInput_NeverThrowsAndAlwaysGivesAValidAnswer()
    {
        var random = new Random(29092024);
        var vocabulary = real.VocabularyWords().Distinct().Order(StringComparer.Ordinal).ToArray();
        string[] syntax = ["\"", "\"\"", "*", "NEAR(", "NEAR(a b, 2)", ")", "(", "AND", "OR", "NOT", "AND OR", "{title}:", "{title questions}:", "title:", "text : x", "^", "-", "+", ":", "'", ";", "--", "/*", "%", "_", "\\", "\0", "\u00ad", "\u200b", "\uE000", "\uE001"];
        for (var i = 0; i < 2000; i++)
        {
            var question = (i % 5) switch
            {
                // A few very long questions; each costs far more than the rest together.
                _ when i % 100 == 7 => Words(random, vocabulary, random.Next(800, 3000)),
                0 => TextNormalizerTests.RandomText(random),
                1 => Words(random, vocabulary, random.Next(1, 12)),
                2 => Mix(random, vocabulary, syntax),
                3 => new string(Enumerable.Range(0, random.Next(0, 40)).Select(_ => " \t.,;:!?\"'()[]{}*-/\\|<>"[random.Next(22)]).ToArray()),
                _ => Mix(random, vocabulary, syntax) + TextNormalizerTests.RandomText(random),
            };

            var thrown = Record.Exception(() =>
            {
                AssertValid(real.Engine.Ask(question), question);
                var results = real.Engine.Search(question, random.Next(1, 20));
                Assert.All(results.Hits, h => Assert.InRange(h.Confidence, 0, 1));
            });
            Assert.True(thrown is null, $"iteration {i}: {System.Text.Json.JsonSerializer.Serialize(question.Length > 300 ? question[..300] : question)}: {thrown}");
        }
    }

    private void AssertValid(Answer answer, string question) => AssertValid(answer, question, real.Knowledge);

    /// <summary>The question is small talk of <paramref name="intent"/>, a valid answer in every other way.</summary>
    private void AssertSmallTalk(string question, string intent)
    {
        var answer = real.Engine.Ask(question);

        AssertValid(answer, question);
        Assert.Equal(AnswerKinds.SmallTalk, answer.Kind);
        Assert.Equal(intent, answer.Intent);
    }

    /// <summary>The question gets the FAQ answer of <paramref name="expectedId"/>, a valid answer in every other way.</summary>
    private void AssertAnsweredBy(string question, string expectedId)
    {
        var answer = real.Engine.Ask(question);

        AssertValid(answer, question);
        Assert.Equal(AnswerKinds.Faq, answer.Kind);
        Assert.Equal(expectedId, answer.DocumentId);
    }

    /// <summary>What holds for every answer: the contract, and that everything it names exists in the knowledge base.</summary>
    private static void AssertValid(Answer answer, string question, KnowledgeBase knowledge)
    {
        Assert.Equal(question, answer.Question);
        Assert.Contains(answer.Kind, Kinds);
        Assert.InRange(answer.Confidence, 0.0, 1.0);
        Assert.False(string.IsNullOrWhiteSpace(answer.Text));
        Assert.False(TextChecks.HasMarkup(answer.Text), answer.Text);
        Assert.All(answer.FollowUps, f => Assert.Equal(knowledge.FaqsById[f.Id].Question, f.Question));
        Assert.All(answer.Sources, s => Assert.True(TextChecks.ContainsLoosely(knowledge.PassagesById[s.PassageId].Text, s.Quote), s.Quote));
        switch (answer.Kind)
        {
            case AnswerKinds.Faq:
                Assert.Equal(
                    string.Join("\n\n", answer.AlsoAnswered.Prepend(answer.DocumentId!).Select(id => knowledge.FaqsById[id].Answer)),
                    answer.Text);
                Assert.NotEmpty(answer.Sources);
                Assert.False(answer.OffersHandoff);
                break;
            case AnswerKinds.Passage:
                Assert.Equal(knowledge.PassagesById[answer.DocumentId!].Text, answer.Text);
                Assert.Single(answer.Sources);
                Assert.False(answer.OffersHandoff);
                break;
            case AnswerKinds.Clarify:
                Assert.Equal(2, answer.FollowUps.Count);
                break;
            case AnswerKinds.Fallback:
                Assert.True(answer.OffersHandoff);
                break;
        }
    }

    private static string Words(Random random, string[] vocabulary, int count) =>
        string.Join(' ', Enumerable.Range(0, count).Select(_ => vocabulary[random.Next(vocabulary.Length)]));

    private static string Mix(Random random, string[] vocabulary, string[] syntax)
    {
        var sb = new StringBuilder();
        for (var j = random.Next(1, 12); j > 0; j--)
        {
            sb.Append(random.Next(2) == 0 ? syntax[random.Next(syntax.Length)] : vocabulary[random.Next(vocabulary.Length)]);
            if (random.Next(3) > 0)
            {
                sb.Append(' ');
            }
        }

        return sb.ToString();
    }

    /// <summary>
    /// Two FAQ entries about different things (no shared tag, neither a follow-up of the other), phrased alike: they
    /// differ only in a word that a question about "the gadget's colour" does not use.
    /// </summary>
    private const string TwinEntries =
        """


        - id: gadget-case-colour
          question: What colour is the gadget case?
          alternates: [gadget colour, colour of the gadget, which colour gadget, gadget colour options, is the gadget colourful]
          answer: Acme says the first thing about it.
          sources:
            - article: sample
              quote: "Support staff in the Springfield office"
          tags: [case]

        - id: gadget-lid-colour
          question: What colour is the gadget lid?
          alternates: [gadget colours, colours of the gadget, which colours gadget, gadget colours on offer, are gadgets colourful]
          answer: Acme says the other thing about it.
          sources:
            - article: sample
              quote: "Support staff in the Springfield office"
          tags: [lid]
        """;
}
