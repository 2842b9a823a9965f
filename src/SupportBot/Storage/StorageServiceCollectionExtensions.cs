using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SupportBot.Storage.Redis;

namespace SupportBot.Storage;

/// <summary>Registers the host's stores.</summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="IConversationStateStore"/>, <see cref="IFeedbackStore"/> and <see cref="IQuestionLog"/> as
    /// <c>Storage:Provider</c> says: <c>memory</c> (state in memory, the rest in SQLite at <c>Storage:DatabasePath</c>),
    /// <c>sqlite</c> (all three in SQLite) or <c>redis</c> (all three, and the Direct Line's state, in Redis at
    /// <c>Storage:ConnectionString</c>), validated and created at start-up. Call before <c>AddWebChat</c> so the
    /// Redis Direct Line store wins. Stores registered before this call win, so another implementation of the
    /// same interfaces can be plugged in.
    /// </summary>
    public static IServiceCollection AddSupportStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(StorageOptions.SectionName);
        services.AddOptions<StorageOptions>().Bind(section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>>(
            new StorageOptionsValidator(legacyConversationStateKey: section["ConversationState"] is not null)));
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<StorageFailures>();

        // An unknown provider registers the default here and fails validation at start-up, naming the key.
        var provider = StorageProviders.Parse(section[nameof(StorageOptions.Provider)] ?? StorageProviders.Memory);
        if (provider == StorageProvider.Redis)
        {
            return services.AddRedisStorage(configuration);
        }

        services.TryAddSingleton<SqliteSupportStore>();
        services.TryAddSingleton<InMemoryConversationStateStore>();
        services.TryAddSingleton<IFeedbackStore>(sp => sp.GetRequiredService<SqliteSupportStore>());
        services.TryAddSingleton<IQuestionLog>(sp => sp.GetRequiredService<SqliteSupportStore>());
        services.TryAddSingleton<IConversationStateStore>(sp => provider == StorageProvider.Sqlite
            ? sp.GetRequiredService<SqliteSupportStore>()
            : sp.GetRequiredService<InMemoryConversationStateStore>());
        services.AddHostedService<StorageInitializer>();
        return services;
    }
}

/// <summary>Creates the database at start-up, so an unusable path stops the host before it takes traffic.</summary>
internal sealed class StorageInitializer(SqliteSupportStore store, ILogger<StorageInitializer> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        store.Initialize();
        Log.DatabaseReady(logger, store.Path);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
