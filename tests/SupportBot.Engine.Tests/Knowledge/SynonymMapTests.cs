using SupportBot.Engine.Knowledge;
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
    public void Read_EverydayGroup_MatchesLikeAnyGroupAndIsMarked()
    {
        var problems = new List<KnowledgeProblem>();
        var map = SynonymMap.Read("synonyms.txt", "everyday: laptop, pc, computer\nban, prohibition\n", problems);

        Assert.Empty(problems);
        Assert.Equal(["laptop", "pc", "computer"], map.Lookup("pc")!);
        Assert.True(map.IsEveryday("computer"));
        Assert.False(map.IsEveryday("ban"));
        Assert.False(map.IsEveryday("weather"));
        Assert.True(map.Searchable(_ => true).IsEveryday("laptop"));
    }

    [Fact]
    public void Read_PlaceGroup_MatchesLikeAnyGroupAndIsMarked()
    {
        var problems = new List<KnowledgeProblem>();
        var map = SynonymMap.Read("synonyms.txt", "place: uk, britain\n  PLACE:canada, canadian\neveryday: laptop, pc\nban, prohibition\n", problems);

        Assert.Empty(problems);
        Assert.Equal(["uk", "britain"], map.Lookup("britain")!);
        Assert.True(map.IsPlace("uk"));
        Assert.True(map.IsPlace("canadian"));
        Assert.False(map.IsPlace("laptop"));
        Assert.False(map.IsEveryday("uk"));
        Assert.False(map.IsPlace("ban"));
        Assert.True(map.Searchable(_ => true).IsPlace("britain"));
    }

    [Fact]
    public void Searchable_GroupWithNoMemberInTheKnowledgeBase_KeepsItsFirst()
    {
        var searchable = real.Knowledge.Synonyms.Searchable(_ => false);

        Assert.Equal(["kaspersky"], searchable.Lookup("kasperski")!);
    }
}
