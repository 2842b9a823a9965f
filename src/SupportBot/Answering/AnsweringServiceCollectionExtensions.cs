using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SupportBot.Engine.Answering;

namespace SupportBot.Answering;

/// <summary>Registers the answer engine of the host.</summary>
public static class AnsweringServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="IAnswerEngineProvider"/> (loaded in the background from <c>Knowledge:Path</c> with the
    /// <c>Answering</c>, <c>Search</c> and <c>Spelling</c> sections, then reloaded when the folder changes per
    /// <see cref="KnowledgeReloadOptions"/>), the middleware that holds one knowledge version per request, and
    /// binds and validates <see cref="AnswerEngineOptions"/> (also the host's own: support contact, longest question).
    /// Map the operators' reload endpoint with <see cref="KnowledgeAdminApi.MapKnowledgeAdminApi"/>.
    /// </summary>
    public static IServiceCollection AddAnswering(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<AnswerEngineOptions>()
            .Bind(configuration.GetSection(AnswerEngineOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AnswerEngineOptions>, AnswerEngineOptionsValidator>());
        services.AddOptions<KnowledgeReloadOptions>()
            .Bind(configuration.GetSection(KnowledgeReloadOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<KnowledgeReloadOptions>, KnowledgeReloadOptionsValidator>());
        services.AddSingleton<AnswerEngineProvider>();
        services.TryAddSingleton<IAnswerEngineProvider>(sp => sp.GetRequiredService<AnswerEngineProvider>());
        services.AddSingleton<KnowledgeReloader>();
        services.AddTransient<IStartupFilter, EngineLeaseStartupFilter>();
        services.AddHostedService<AnswerEngineLoader>();
        return services;
    }
}
