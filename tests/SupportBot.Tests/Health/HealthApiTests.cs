using System.Net;
using System.Text.Json.Nodes;
using SupportBot.Answering;
using SupportBot.Engine.Answering;
using SupportBot.Tests.Api;
using SupportBot.Tests.Support;

namespace SupportBot.Tests.Health;

public sealed class HealthApiTests
{
    [Fact]
    public async Task Probes_WhileTheIndexLoads_HealthzUpReadyzAndApi503()
    {
        await using var host = await BotHost.StartAsync(services: s => s.AddSingleton<IAnswerEngineProvider, NeverReady>(), waitUntilReady: false);

        using var healthz = await host.Http.GetAsync("/healthz");
        using var readyz = await host.Http.GetAsync("/readyz");
        using var ask = await host.Http.PostAsync("/api/ask", new StringContent("""{"question":"when did updates stop"}""", System.Text.Encoding.UTF8, "application/json"));
        using var search = await host.Http.GetAsync("/api/search?q=offer");

        Assert.Equal(HttpStatusCode.OK, healthz.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, readyz.StatusCode);
        var notReady = JsonNode.Parse(await readyz.Content.ReadAsStringAsync())!;
        Assert.Equal("Unhealthy", notReady["status"]!.GetValue<string>());
        Assert.Equal("knowledge index loading", notReady["checks"]!["knowledge-index"]!["description"]!.GetValue<string>());
        await AgentsApiTests.AssertProblem(ask, HttpStatusCode.ServiceUnavailable);
        await AgentsApiTests.AssertProblem(search, HttpStatusCode.ServiceUnavailable);
        BotHost.DeleteData(host.DataFolder);
    }

    [Fact]
    public async Task Probes_OnceLoaded_BothHealthyAsJsonWithTheKnowledgeVersion()
    {
        await using var host = await BotHost.StartAsync();

        using var healthz = await host.Http.GetAsync("/healthz");
        using var readyz = await host.Http.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, healthz.StatusCode);
        Assert.Equal(HttpStatusCode.OK, readyz.StatusCode);
        Assert.Equal("application/json", readyz.Content.Headers.ContentType!.MediaType);
        Assert.Equal("Healthy", JsonNode.Parse(await healthz.Content.ReadAsStringAsync())!["status"]!.GetValue<string>());
        var ready = JsonNode.Parse(await readyz.Content.ReadAsStringAsync())!;
        Assert.Equal("Healthy", ready["status"]!.GetValue<string>());
        var knowledge = ready["checks"]!["knowledge-index"]!;
        var version = knowledge["data"]!["version"]!.GetValue<string>();
        Assert.Equal(KnowledgeFingerprint.Compute(Path.Combine(CliRunner.RepoRoot, "knowledge")), version);
        Assert.Equal($"knowledge version {version} loaded", knowledge["description"]!.GetValue<string>());
        Assert.True(knowledge["data"]!["faqCount"]!.GetValue<int>() > 0);
        Assert.True(knowledge["data"]!["loadedAt"]!.GetValue<DateTimeOffset>() > DateTimeOffset.UnixEpoch);
        Assert.Equal("Healthy", ready["checks"]!["storage"]!["status"]!.GetValue<string>());
        Assert.Equal("memory", ready["checks"]!["storage"]!["data"]!["provider"]!.GetValue<string>());
        BotHost.DeleteData(host.DataFolder);
    }

    private sealed class NeverReady : IAnswerEngineProvider
    {
        public bool IsReady => false;

        public AnswerEngine? Current => null;

        public Task<AnswerEngine> GetAsync(CancellationToken cancellationToken) => Task.Delay(Timeout.Infinite, cancellationToken).ContinueWith<AnswerEngine>(_ => throw new OperationCanceledException(), TaskScheduler.Default);
    }
}
