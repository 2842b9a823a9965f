using SupportBot.Answering;
using SupportBot.Cli;
using SupportBot.Tests.Support;

namespace SupportBot.Tests.Answering;

/// <summary>The provider's reference counting, over real engines (real SQLite indexes).</summary>
public sealed class AnswerEngineProviderTests
{
    private const string Question = "when did kaspersky updates stop?";

    [Fact]
    public async Task Swap_WhileARequestUsesTheOldVersion_OldKeepsAnsweringUntilTheRequestEnds()
    {
        using var provider = new AnswerEngineProvider();
        var old = Load("old");
        var next = Load("new");
        provider.Swap(old);

        var request = provider.BeginScope();
        Assert.Same(old.Engine, provider.Current);
        provider.Swap(next);

        // The request in flight still sees, and can query, the version it started with.
        Assert.False(old.IsReleased);
        Assert.Same(old.Engine, provider.Current);
        Assert.Same(old.Engine, await provider.GetAsync(CancellationToken.None));
        Assert.Equal("faq", old.Engine.Ask(Question).Kind);
        Assert.Equal("new", provider.CurrentVersion!.Id);

        request.Dispose();
        Assert.True(old.IsReleased);
        Assert.False(next.IsReleased);
    }

    [Fact]
    public void Swap_RequestThatNeverUsedTheEngine_HoldsNothing()
    {
        using var provider = new AnswerEngineProvider();
        var old = Load("old");
        provider.Swap(old);

        using (provider.BeginScope())
        {
            provider.Swap(Load("new"));

            // Released at once: a WebSocket held open for hours does not keep a retired index alive.
            Assert.True(old.IsReleased);
            Assert.Equal("new", provider.CurrentVersion!.Id);
        }

    }

    [Fact]
    public void Scope_NextRequestAfterSwap_GetsTheNewVersion()
    {
        using var provider = new AnswerEngineProvider();
        var old = Load("old");
        var next = Load("new");
        provider.Swap(old);
        using (provider.BeginScope())
        {
            Assert.Same(old.Engine, provider.Current);
        }

        provider.Swap(next);
        using (provider.BeginScope())
        {
            Assert.Same(next.Engine, provider.Current);
        }

        Assert.True(old.IsReleased);
    }

    [Fact]
    public void Dispose_ReleasesTheCurrentVersion()
    {
        var current = Load("only");
        var provider = new AnswerEngineProvider();
        provider.Swap(current);

        provider.Dispose();

        Assert.True(current.IsReleased);
        Assert.False(provider.IsReady);
    }

    private static LoadedKnowledge Load(string version)
    {
        var engine = EngineFactory.Create(new ConfigurationBuilder().Build(), TimeProvider.System, Path.Combine(CliRunner.RepoRoot, "knowledge"));
        return new LoadedKnowledge(engine, new KnowledgeVersion(version, DateTimeOffset.UnixEpoch, engine.Knowledge.Faqs.Count, 0));
    }
}
