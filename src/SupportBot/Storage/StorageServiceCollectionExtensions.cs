using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace SupportBot.Storage;

/// <summary>Registers the host's stores.</summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="IFeedbackStore"/> and <see cref="IQuestionLog"/> (SQLite at <c>Storage:DatabasePath</c>)
    /// and <see cref="IConversationStateStore"/> (in memory, or SQLite with <c>Storage:ConversationState=Sqlite</c>),
    /// validated and created at start-up. Stores registered before this call win, so another implementation
    /// of the same interfaces can be plugged in.
    /// </summary>
    public static IServiceCollection AddSupportStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>());

        services.TryAddSingleton<SqliteSupportStore>();
        services.TryAddSingleton<InMemoryConversationStateStore>();
        services.TryAddSingleton<IFeedbackStore>(sp => sp.GetRequiredService<SqliteSupportStore>());
        services.TryAddSingleton<IQuestionLog>(sp => sp.GetRequiredService<SqliteSupportStore>());
        services.TryAddSingleton<IConversationStateStore>(sp =>
            string.Equals(sp.GetRequiredService<IOptions<StorageOptions>>().Value.ConversationState, StorageKinds.Sqlite, StringComparison.OrdinalIgnoreCase)
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
