using SupportBot.Engine.Answering;
using SupportBot.Engine.Knowledge;

namespace SupportBot.Engine.Tests.Answering;

public sealed class IntentPhrasesTests
{
    private static readonly SmallTalkIntent Greeting = new("greeting", ["hi", "hi there", "good morning"], ["Hello!"]);
    private static readonly SmallTalkIntent Thanks = new("thanks", ["thanks", "hi there", "thank you so much"], ["You're welcome."]);

    [Fact]
    public void LongestAt_SeveralLengths_TheLongestPhraseWins()
    {
        var phrases = new IntentPhrases([Greeting, Thanks], intent => intent.Patterns);

        Assert.Equal((Thanks, 4), phrases.LongestAt(["thank", "you", "so", "much", "bot"], 0, 4));
        Assert.Equal((Greeting, 1), phrases.LongestAt(["ok", "hi", "bot"], 1, 4));
    }

    [Fact]
    public void LongestAt_PhraseOfTwoIntents_TheFirstIntentListingIt()
    {
        var phrases = new IntentPhrases([Greeting, Thanks], intent => intent.Patterns);

        Assert.Equal((Greeting, 2), phrases.LongestAt(["hi", "there"], 0, 4));
    }

    [Fact]
    public void LongestAt_NoPhraseStartsThere_NoIntent()
    {
        var phrases = new IntentPhrases([Greeting, Thanks], intent => intent.Patterns);

        Assert.Equal((null, 0), phrases.LongestAt(["is", "kaspersky", "leaving"], 0, 4));
        Assert.Equal((null, 0), phrases.LongestAt(["good", "evening"], 0, 4));
        Assert.Equal((null, 0), phrases.LongestAt(["thank", "you", "so", "much"], 0, 3));
        Assert.Equal((null, 0), phrases.LongestAt(["hi"], 1, 4));
    }

    [Fact]
    public void LongestAt_RandomWords_SameAsSearchingEveryIntentInOrder()
    {
        var random = new Random(20241124);
        string[] vocabulary = ["hi", "there", "thanks", "thank", "you", "so", "much", "good", "morning", "bye", "ok", "kaspersky"];
        var intents = Enumerable.Range(0, 4).Select(i => new SmallTalkIntent(
            $"intent{i}",
            Enumerable.Range(0, 6).Select(_ => string.Join(' ', Enumerable.Range(0, random.Next(1, 4)).Select(_ => vocabulary[random.Next(vocabulary.Length)]))).ToList(),
            ["reply"])).ToList();
        var phrases = new IntentPhrases(intents, intent => intent.Patterns);

        for (var i = 0; i < 2000; i++)
        {
            var words = Enumerable.Range(0, random.Next(1, 6)).Select(_ => vocabulary[random.Next(vocabulary.Length)]).ToArray();
            var start = random.Next(words.Length);
            var longest = random.Next(0, 5);

            Assert.Equal(Reference(intents, words, start, longest), phrases.LongestAt(words, start, longest));
        }
    }

    /// <summary>The plain way, as it was done before: every length, longest first, every intent's list in order.</summary>
    private static (SmallTalkIntent?, int) Reference(List<SmallTalkIntent> intents, string[] words, int start, int longest)
    {
        for (var n = Math.Min(longest, words.Length - start); n >= 1; n--)
        {
            var phrase = string.Join(' ', words, start, n);
            if (intents.FirstOrDefault(intent => intent.Patterns.Contains(phrase, StringComparer.Ordinal)) is { } found)
            {
                return (found, n);
            }
        }

        return (null, 0);
    }
}
