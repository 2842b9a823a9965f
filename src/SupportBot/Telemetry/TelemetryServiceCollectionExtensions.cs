using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SupportBot.BotFramework.Builder;
using SupportBot.BotFramework.Connector;
using SupportBot.BotFramework.DirectLine;
using SupportBot.Privacy;

namespace SupportBot.Telemetry;

/// <summary>Registers correlation ids, the bot's metrics and spans, and their OTLP export.</summary>
public static class TelemetryServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="SupportBotTelemetry"/>, the correlation id middleware (first in the pipeline), the
    /// observed Bot Framework adapter, Connector factory and Direct Line store, and the OTLP export with
    /// <see cref="TelemetryOptions"/> (section <c>Telemetry</c>, falling back to the standard
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>/<c>OTEL_EXPORTER_OTLP_PROTOCOL</c>), validated at start-up. Call after
    /// the bot and the Direct Line service are registered.
    /// </summary>
    public static IServiceCollection AddTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<TelemetryOptions>()
            .Bind(configuration.GetSection(TelemetryOptions.SectionName))
            .PostConfigure(options =>
            {
                if (string.IsNullOrWhiteSpace(options.OtlpEndpoint))
                {
                    options.OtlpEndpoint = configuration[TelemetryOptions.EndpointVariable];
                }

                if (string.IsNullOrWhiteSpace(options.Protocol))
                {
                    options.Protocol = configuration[TelemetryOptions.ProtocolVariable];
                }
            })
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TelemetryOptions>, TelemetryOptionsValidator>());

        services.AddMetrics();
        services.TryAddSingleton<DirectLineConversationTracker>();
        services.TryAddSingleton<SupportBotTelemetry>();
        services.AddTransient<IStartupFilter, CorrelationStartupFilter>();

        services.Replace(ServiceDescriptor.Singleton<BotAdapter, TelemetryBotAdapter>());
        services.Decorate<IConnectorClientFactory>((inner, sp) => new TelemetryConnectorClientFactory(inner, sp.GetRequiredService<SupportBotTelemetry>()));
        services.Decorate<IDirectLineStore>((inner, sp) => new DirectLineConversationTracker.TrackingStore(inner, sp.GetRequiredService<DirectLineConversationTracker>()));

        services.AddHostedService<TelemetryExporter>();
        return services;
    }
}
