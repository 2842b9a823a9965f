using System.Net;
using System.Text;
using SupportBot.Hosting;
using SupportBot.Tests.Support;

namespace SupportBot.Tests.Hosting;

public sealed class SupportBotHostTests
{
    [Fact]
    public async Task Build_NoUrlsConfigured_ListensWhereTheEmulatorExpects()
    {
        await using var app = SupportBotHost.Build([]);

        Assert.Equal("http://localhost:3978", app.Configuration[WebHostDefaults.ServerUrlsKey]);
    }

    [Fact]
    public async Task Build_UrlsGiven_Kept()
    {
        await using var app = SupportBotHost.Build(["serve", "--urls", "http://127.0.0.1:5123"]);

        Assert.Equal("http://127.0.0.1:5123", app.Configuration[WebHostDefaults.ServerUrlsKey]);
    }

    [Theory]
    [InlineData("url", "http://127.0.0.1:1")]
    [InlineData("http_ports", "8080")]
    [InlineData("Kestrel:Endpoints:Http:Url", "http://127.0.0.1:1")]
    public void HasConfiguredUrls_AnyWayOfChoosingAddresses_True(string key, string value)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key == "url" ? "urls" : key] = value }).Build();

        Assert.True(SupportBotHost.HasConfiguredUrls(configuration));
        Assert.False(SupportBotHost.HasConfiguredUrls(new ConfigurationBuilder().Build()));
    }

    /// <summary>
    /// The program itself, with no verb and with <c>serve</c>, from a folder that is not the repository: the
    /// embedded defaults (knowledge next to the program, data/supportbot.db under the current folder), --urls
    /// and environment variables all apply, and anonymous mode is announced exactly once.
    /// </summary>
    [Theory]
    [InlineData("")]
    [InlineData("serve")]
    public async Task Program_NoVerbOrServe_RunsTheHostWithDefaultsUrlsAndEnvironment(string verb)
    {
        var folder = Path.Combine(Path.GetTempPath(), "supportbot-process-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        await using var channel = await FakeChannel.StartAsync();
        using var process = HostProcess.Start(
            [.. verb.Length == 0 ? [] : new[] { verb }, "--urls", "http://127.0.0.1:0"],
            folder,
            new Dictionary<string, string> { ["Answering__SupportContact"] = "the process-test desk" });

        var baseUrl = await process.ListeningAsync(TimeSpan.FromSeconds(60));
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz")).StatusCode);
        await WaitReadyAsync(http);

        var handoff = Payloads.WebChatMessage(channel.ServiceUrl, "Talk to a person");
        using var response = await http.PostAsync("/api/messages", new StringContent(handoff.ToJsonString(), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.EndsWith("the process-test desk", Assert.Single(channel.Messages).Text, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(folder, "data", "supportbot.db")), process.Output);
        Assert.Single(process.Output.Split('\n'), l => l.Contains("authentication is disabled", StringComparison.Ordinal));
        process.Dispose();
        BotHost.DeleteData(folder);
    }

    [Fact]
    public void Program_UnusableKnowledge_StopsWithAFailureExitCode()
    {
        var folder = Path.Combine(Path.GetTempPath(), "supportbot-process-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(folder, "knowledge"));

        var result = CliRunner.Run(["serve", "--urls", "http://127.0.0.1:0", "--knowledge", Path.Combine(folder, "knowledge")], workingDirectory: folder);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("knowledge could not be loaded", result.Stdout + result.Stderr, StringComparison.Ordinal);
        BotHost.DeleteData(folder);
    }

    [Theory]
    [InlineData("Bot:MaxSearchResults", "0")]
    [InlineData("Bot:HandoffButton", " ")]
    [InlineData("Storage:ConversationState", "Redis")]
    [InlineData("Storage:Provider", "postgres")]
    [InlineData("Storage:Provider", "redis")]
    [InlineData("Api:MaxTop", "0")]
    [InlineData("Answering:SupportContact", "")]
    [InlineData("Answering:FaqThreshold", "1.5")]
    [InlineData("Answering:QuestionKindMismatchFactor", "-0.2")]
    [InlineData("Answering:PlaceMismatchFactor", "1.5")]
    [InlineData("Answering:GapTieMargin", "2")]
    [InlineData("Answering:GapLackedWordShare", "-0.1")]
    [InlineData("Answering:PhrasingShare", "0.9")]
    [InlineData("Answering:UnknownWordWeight", "-1")]
    [InlineData("Answering:MaxAnswersPerMessage", "0")]
    [InlineData("MicrosoftAppPassword", "secret-without-an-app-id")]
    public async Task Start_InvalidOption_FailsNamingTheKey(string key, string value)
    {
        var error = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(
            () => BotHost.StartAsync(new Dictionary<string, string?> { [key] = value }));

        Assert.Contains(key.Split(':')[^1], error.Message, StringComparison.Ordinal);
    }

    private static async Task WaitReadyAsync(HttpClient http)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!(await http.GetAsync("/readyz", timeout.Token)).IsSuccessStatusCode)
        {
            await Task.Delay(50, timeout.Token);
        }
    }
}
