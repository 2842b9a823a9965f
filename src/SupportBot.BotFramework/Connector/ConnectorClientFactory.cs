using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using SupportBot.BotFramework.Authentication;

namespace SupportBot.BotFramework.Connector;

/// <inheritdoc/>
internal sealed class ConnectorClientFactory : IConnectorClientFactory
{
    /// <summary>Name of the HttpClient Connector calls use.</summary>
    public const string HttpClientName = "SupportBot.BotFramework.Connector";

    private readonly IHttpClientFactory _httpClientFactory;
    private readonly IBotTokenProvider _tokens;
    private readonly IEnumerable<IInProcessConnector> _inProcess;
    private readonly ConnectorClientOptions _options;
    private readonly ILogger<ConnectorClient> _logger;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
    private readonly TimeProvider _time;

    public ConnectorClientFactory(
        IHttpClientFactory httpClientFactory,
        IBotTokenProvider tokens,
        IEnumerable<IInProcessConnector> inProcess,
        IOptions<ConnectorClientOptions> options,
        TimeProvider time,
        ILogger<ConnectorClient> logger)
    {
        _httpClientFactory = httpClientFactory;
        _tokens = tokens;
        _inProcess = inProcess;
        _options = options.Value;
        _logger = logger;
        _time = time;
        _pipeline = ConnectorResilience.Create(_options, time, logger);
    }

    /// <inheritdoc/>
    public IConnectorClient Create(string serviceUrl)
    {
        ArgumentException.ThrowIfNullOrEmpty(serviceUrl);
        foreach (var connector in _inProcess)
        {
            if (connector.Owns(serviceUrl))
            {
                return connector.Client;
            }
        }

        if (!Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException("The serviceUrl must be an absolute http(s) URL.", nameof(serviceUrl));
        }

        return new ConnectorClient(uri, _httpClientFactory.CreateClient(HttpClientName), _tokens, _pipeline, _time, _logger);
    }
}
