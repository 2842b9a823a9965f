using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SupportBot.BotFramework.Authentication;
using SupportBot.BotFramework.Builder;
using SupportBot.BotFramework.Connector;

namespace SupportBot.BotFramework;

/// <summary>Registers the Bot Framework protocol services.</summary>
public static class BotFrameworkServiceCollectionExtensions
{
    /// <summary>Configuration section of <see cref="ConnectorClientOptions"/>.</summary>
    public const string ConnectorSection = "BotFramework:Connector";

    /// <summary>Configuration section of <see cref="BotAdapterOptions"/>.</summary>
    public const string AdapterSection = "BotFramework:Adapter";

    // Connector answers are small ResourceResponses or error bodies; cap what a misbehaving service can make us buffer.
    private const int MaxConnectorResponseBytes = 1024 * 1024;

    /// <summary>
    /// Adds <see cref="BotAdapter"/> (also as <see cref="IBotFrameworkHttpAdapter"/>),
    /// <see cref="IChannelTokenValidator"/>, <see cref="IBotTokenProvider"/>, <see cref="IConnectorClientFactory"/>
    /// and their options, validated at start-up. <see cref="BotAuthenticationOptions"/> binds from the keys
    /// of <paramref name="configuration"/> itself (<c>MicrosoftAppId</c>, … as the SDK reads them);
    /// <see cref="ConnectorClientOptions"/> from <c>BotFramework:Connector</c> and
    /// <see cref="BotAdapterOptions"/> from <c>BotFramework:Adapter</c>. Registers
    /// <see cref="TimeProvider.System"/> unless a TimeProvider is already registered.
    /// </summary>
    public static IServiceCollection AddBotFramework(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.TryAddSingleton(TimeProvider.System);

        services.AddOptions<BotAuthenticationOptions>().Bind(configuration).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BotAuthenticationOptions>, BotAuthenticationOptionsValidator>());
        services.AddOptions<ConnectorClientOptions>().Bind(configuration.GetSection(ConnectorSection)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ConnectorClientOptions>, ConnectorClientOptionsValidator>());
        services.AddOptions<BotAdapterOptions>()
            .Bind(configuration.GetSection(AdapterSection))
            .Validate(o => o.MaxRequestBodyBytes > 0, $"{AdapterSection}:{nameof(BotAdapterOptions.MaxRequestBodyBytes)} must be positive.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.TurnErrorMessage), $"{AdapterSection}:{nameof(BotAdapterOptions.TurnErrorMessage)} must not be empty.")
            .ValidateOnStart();

        services.AddHttpClient(BotFrameworkHttpClients.OpenIdMetadata);
        services.AddHttpClient(BotFrameworkHttpClients.Token);
        services.AddHttpClient(BotFrameworkHttpClients.Connector, client =>
        {
            // Timeouts are the resilience pipeline's job (per attempt and per call), not HttpClient's.
            client.Timeout = Timeout.InfiniteTimeSpan;
            client.MaxResponseContentBufferSize = MaxConnectorResponseBytes;
        });

        services.TryAddSingleton<IChannelTokenValidator, ChannelTokenValidator>();
        services.TryAddSingleton<IBotTokenProvider, MsalBotTokenProvider>();
        services.TryAddSingleton<IConnectorClientFactory, ConnectorClientFactory>();
        services.TryAddSingleton<BotAdapter>();
        services.TryAddSingleton<IBotFrameworkHttpAdapter>(sp => sp.GetRequiredService<BotAdapter>());
        services.AddHostedService<AuthenticationModeLogger>();
        return services;
    }
}
