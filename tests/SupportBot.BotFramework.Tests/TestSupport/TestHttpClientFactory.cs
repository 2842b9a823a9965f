namespace SupportBot.BotFramework.Tests.TestSupport;

/// <summary>An IHttpClientFactory without DI, optionally over a given handler.</summary>
internal sealed class TestHttpClientFactory(HttpMessageHandler? handler = null) : IHttpClientFactory
{
    public HttpClient CreateClient(string name) =>
        handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
}
