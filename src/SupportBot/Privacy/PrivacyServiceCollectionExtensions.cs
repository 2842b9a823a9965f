using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SupportBot.BotFramework.DirectLine;
using SupportBot.Storage;

namespace SupportBot.Privacy;

/// <summary>Registers redaction in front of every customer-data sink and the retention purge.</summary>
public static class PrivacyServiceCollectionExtensions
{
    /// <summary>
    /// ASP.NET Core's request lines ("Request starting GET …?t=…") include query strings, which carry Direct
    /// Line stream tokens and search text, at Information and below; this category is capped at Warning
    /// whatever the configuration says (the correlation middleware writes its own request line without the query).
    /// </summary>
    public const string HostingDiagnosticsCategory = "Microsoft.AspNetCore.Hosting.Diagnostics";

    /// <summary>
    /// Wraps the registered <see cref="IQuestionLog"/>, <see cref="IFeedbackStore"/>,
    /// <see cref="IConversationStateStore"/> and <see cref="IDirectLineStore"/> (whichever implementations the
    /// storage settings chose) so customer text is redacted by <see cref="PiiRedactor"/> before it is written,
    /// caps <see cref="HostingDiagnosticsCategory"/> logging at Warning, and adds the retention purge with <see cref="PrivacyOptions"/> (section <c>Privacy</c>), validated at
    /// start-up. Call after the stores and the Direct Line service are registered.
    /// </summary>
    public static IServiceCollection AddPrivacy(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<PrivacyOptions>().Bind(configuration.GetSection(PrivacyOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PrivacyOptions>, PrivacyOptionsValidator>());

        // Added after the configuration's rules, so it wins over a general "Microsoft.AspNetCore": "Information".
        services.Configure<LoggerFilterOptions>(filters => filters.AddFilter(HostingDiagnosticsCategory, LogLevel.Warning));

        services.Decorate<IQuestionLog>((inner, _) => new RedactingQuestionLog(inner));
        services.Decorate<IFeedbackStore>((inner, _) => new RedactingFeedbackStore(inner));
        services.Decorate<IConversationStateStore>((inner, _) => new RedactingConversationStateStore(inner));
        services.Decorate<IDirectLineStore>((inner, _) => new RedactingDirectLineStore(inner));

        services.TryAddSingleton<RetentionService>();
        services.AddHostedService(sp => sp.GetRequiredService<RetentionService>());
        return services;
    }
}
