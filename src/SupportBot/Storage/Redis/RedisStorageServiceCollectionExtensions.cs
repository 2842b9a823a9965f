using Microsoft.Extensions.DependencyInjection.Extensions;
using SupportBot.BotFramework.DirectLine;

namespace SupportBot.Storage.Redis;

/// <summary>Registers the Redis stores (<c>Storage:Provider=redis</c>).</summary>
internal static class RedisStorageServiceCollectionExtensions
{
    /// <summary>
    /// Conversation state, feedback, the question log and the Direct Line's conversations, revocations and (unless
    /// <c>DirectLine:TokenSigningKey</c> is set) signing key, all in Redis. Registered before the Direct Line
    /// adds its in-memory defaults, so these win; anything registered earlier still wins over these.
    /// </summary>
    public static IServiceCollection AddRedisStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton<RedisConnection>();
        services.TryAddSingleton<RedisCalls>();
        services.TryAddSingleton<IConversationStateStore, RedisConversationStateStore>();
        services.TryAddSingleton<IFeedbackStore, RedisFeedbackStore>();
        services.TryAddSingleton<IQuestionLog, RedisQuestionLog>();
        services.TryAddSingleton<IDirectLineStore, RedisDirectLineStore>();
        services.TryAddSingleton<IDirectLineRevocations, RedisDirectLineRevocations>();
        if (string.IsNullOrEmpty(configuration[$"{DirectLineOptions.SectionName}:{nameof(DirectLineOptions.TokenSigningKey)}"]))
        {
            services.TryAddSingleton<IDirectLineSigningKey, RedisSigningKey>();
        }

        services.AddHostedService<RedisStartup>();
        return services;
    }
}
