using SupportBot.Engine.Tests.Support;

namespace SupportBot.Engine.Tests.Knowledge;

public sealed class SynonymMapTests(RealKnowledge real) : IClassFixture<RealKnowledge>
{
    [Fact]
    public void Searchable_PhraseTheKnowledgeBaseLacks_IsStillRecognisedButNotSearchedFor()
    {
        var all = real.Knowledge.Synonyms;
        var searchable = all.Searchable(member => member != "pull the plug");

        Assert.Contains("pull the plug", all.Lookup("pull the plug")!);
        var group = searchable.Lookup("pull the plug")!;
        Assert.DoesNotContain("pull the plug", group);
        Assert.Contains("wind down", group);
        Assert.Equal(all.MaxPhraseWords, searchable.MaxPhraseWords);
    }

    [Fact]
    public void Searchable_GroupWithNoMemberInTheKnowledgeBase_KeepsItsFirst()
    {
        var searchable = real.Knowledge.Synonyms.Searchable(_ => false);

        Assert.Equal(["kaspersky"], searchable.Lookup("kasperski")!);
    }
}
