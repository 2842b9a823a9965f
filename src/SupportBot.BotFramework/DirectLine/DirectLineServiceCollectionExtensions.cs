using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SupportBot.BotFramework.Connector;

namespace SupportBot.BotFramework.DirectLine;

/// <summary>Registers the self-hosted Direct Line 3.0 service.</summary>
public static class DirectLineServiceCollectionExtensions
{
    /// <summary>How often idle conversations are swept.</summary>
    private static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Adds the service (options from section <c>DirectLine</c>, validated at start-up), its in-memory
    /// <see cref="IDirectLineStore"/> and <see cref="IDirectLineRevocations"/> and its configured (or random)
    /// <see cref="IDirectLineSigningKey"/>, unless others are registered first, the in-process connector that
    /// brings the bot's replies back, <see cref="IDirectLineTokenIssuer"/>, the idle sweep and the CORS
    /// policy <see cref="DirectLineApi.CorsPolicy"/>. Needs <c>AddBotFramework</c> and an <c>IBot</c>.
    /// </summary>
    public static IServiceCollection AddDirectLine(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        if (services.Any(d => d.ServiceType == typeof(DirectLineService)))
        {
            return services;
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<DirectLineOptions>().Bind(configuration.GetSection(DirectLineOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DirectLineOptions>, DirectLineOptionsValidator>());

        services.TryAddSingleton<InMemoryDirectLineStore>();
        services.TryAddSingleton<IDirectLineStore>(sp => sp.GetRequiredService<InMemoryDirectLineStore>());
        services.TryAddSingleton<IDirectLineRevocations, InMemoryDirectLineRevocations>();
        services.TryAddSingleton<IDirectLineSigningKey, ConfiguredSigningKey>();
        services.AddSingleton<DirectLineTokenCodec>();
        services.AddSingleton<DirectLineCredentials>();
        services.AddSingleton<DirectLineConnector>();
        services.AddSingleton<IInProcessConnector>(sp => sp.GetRequiredService<DirectLineConnector>());
        services.AddSingleton<DirectLineService>();
        services.AddSingleton<IDirectLineTokenIssuer>(sp => sp.GetRequiredService<DirectLineService>());
        services.AddSingleton<DirectLineStreams>();
        services.AddHostedService<DirectLineSweeper>();

        // Bearer tokens, no cookies: any origin may call, with the headers DirectLineJS and Web Chat send.
        services.AddCors(cors => cors.AddPolicy(DirectLineApi.CorsPolicy, policy => policy
            .AllowAnyOrigin()
            .WithMethods("GET", "POST", "OPTIONS")
            .WithHeaders("Authorization", "Content-Type", "Accept", "x-ms-bot-agent")
            .SetPreflightMaxAge(TimeSpan.FromMinutes(10))));
        return services;
    }

    /// <summary>Forgets idle conversations every minute, so memory is returned even if nobody touches them again.</summary>
    private sealed class DirectLineSweeper(IDirectLineStore store, TimeProvider time, ILogger<DirectLineSweeper> logger) : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            using var timer = new PeriodicTimer(SweepInterval, time);
            try
            {
                while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
                {
                    try
                    {
                        await store.RemoveIdleAsync(stoppingToken).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        // A store that is briefly unreachable (e.g. Redis) must not end the sweeping for good.
                        Log.SweepFailed(logger, ex);
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
            }
        }
    }
}
