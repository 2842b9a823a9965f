using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SupportBot.BotFramework;
using SupportBot.BotFramework.Builder;

namespace SupportBot.Bot;

/// <summary>Registers and maps the chat bot.</summary>
public static class BotServiceCollectionExtensions
{
    /// <summary>The messaging endpoint Azure Bot Service, Teams and the Emulator post activities to.</summary>
    public const string MessagingEndpoint = "/api/messages";

    /// <summary>
    /// Adds the Bot Framework protocol (authentication from <c>MicrosoftAppId</c>…, the adapter, the Connector
    /// client) and the bot with its <see cref="BotOptions"/> (section <c>Bot</c>), validated at start-up.
    /// </summary>
    public static IServiceCollection AddSupportBot(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddBotFramework(configuration);
        services.AddOptions<BotOptions>().Bind(configuration.GetSection(BotOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BotOptions>, BotOptionsValidator>());
        services.AddSingleton<SupportReplies>();
        services.AddSingleton<SupportConversation>();
        services.AddSingleton<SupportMessagingExtension>();
        services.AddSingleton<IBot, SupportBotHandler>();
        services.AddSingleton<IConversationStateResetter, ConversationStateResetter>();
        return services;
    }

    /// <summary>
    /// Maps <c>/api/messages</c> for every method: the adapter itself answers non-POST with 405, bad bodies
    /// with 400 and unauthenticated requests with 401, as the protocol asks.
    /// </summary>
    public static IEndpointRouteBuilder MapBotApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.Map(MessagingEndpoint, (HttpContext context, IBotFrameworkHttpAdapter adapter, IBot bot) =>
            adapter.ProcessAsync(context.Request, context.Response, bot, context.RequestAborted));
        return endpoints;
    }
}
