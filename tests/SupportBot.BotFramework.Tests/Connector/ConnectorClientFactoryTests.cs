using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SupportBot.BotFramework.Connector;
using SupportBot.BotFramework.Schema;
using SupportBot.BotFramework.Tests.TestSupport;

namespace SupportBot.BotFramework.Tests.Connector;

public sealed class ConnectorClientFactoryTests
{
    [Fact]
    public void Create_ServiceUrlOwnedInProcess_ReturnsInProcessClient()
    {
        var inProcess = new InProcessConnector("http://127.0.0.1:5000/directline/");
        var factory = Create(inProcess);

        Assert.Same(inProcess.Client, factory.Create("http://127.0.0.1:5000/directline/"));
        Assert.IsType<ConnectorClient>(factory.Create("https://smba.trafficmanager.net/amer/"));
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("/relative/path")]
    [InlineData("ftp://example.test/")]
    public void Create_InvalidServiceUrl_Throws(string serviceUrl)
    {
        Assert.Throws<ArgumentException>(() => Create().Create(serviceUrl));
    }

    private static ConnectorClientFactory Create(params IInProcessConnector[] inProcess) => new(
        new TestHttpClientFactory(),
        new StaticTokenProvider(null),
        inProcess,
        Options.Create(new ConnectorClientOptions()),
        TimeProvider.System,
        NullLogger<ConnectorClient>.Instance);

    private sealed class InProcessConnector(string serviceUrl) : IInProcessConnector, IConnectorClient
    {
        public IConnectorClient Client => this;

        public string ServiceUrl => serviceUrl;

        public bool Owns(string url) => string.Equals(url, serviceUrl, StringComparison.Ordinal);

        public Task<ResourceResponse?> SendToConversationAsync(string conversationId, Activity activity, CancellationToken cancellationToken = default) =>
            Task.FromResult<ResourceResponse?>(new ResourceResponse("1"));

        public Task<ResourceResponse?> ReplyToActivityAsync(string conversationId, string activityId, Activity activity, CancellationToken cancellationToken = default) =>
            Task.FromResult<ResourceResponse?>(new ResourceResponse("1"));

        public Task<ResourceResponse?> UpdateActivityAsync(string conversationId, string activityId, Activity activity, CancellationToken cancellationToken = default) =>
            Task.FromResult<ResourceResponse?>(new ResourceResponse("1"));

        public Task DeleteActivityAsync(string conversationId, string activityId, CancellationToken cancellationToken = default) => Task.CompletedTask;
    }
}
