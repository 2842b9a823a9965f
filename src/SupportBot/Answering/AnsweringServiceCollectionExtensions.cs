using Microsoft.Extensions.DependencyInjection.Extensions;
using SupportBot.Engine.Answering;

namespace SupportBot.Answering;

/// <summary>Registers the answer engine of the host.</summary>
public static class AnsweringServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="IAnswerEngineProvider"/> (loaded in the background from <c>Knowledge:Path</c> with the
    /// <c>Answering</c>, <c>Search</c> and <c>Spelling</c> sections) and binds <see cref="AnswerEngineOptions"/>
    /// for the host's own use (support contact, longest question).
    /// </summary>
    public static IServiceCollection AddAnswering(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<AnswerEngineOptions>()
            .Bind(configuration.GetSection(AnswerEngineOptions.SectionName))
            .Validate(o => !string.IsNullOrWhiteSpace(o.SupportContact), $"{AnswerEngineOptions.SectionName}:{nameof(AnswerEngineOptions.SupportContact)} must not be empty.")
            .Validate(o => o.MaxQuestionLength > 0, $"{AnswerEngineOptions.SectionName}:{nameof(AnswerEngineOptions.MaxQuestionLength)} must be positive.")
            .ValidateOnStart();
        services.AddSingleton<AnswerEngineProvider>();
        services.TryAddSingleton<IAnswerEngineProvider>(sp => sp.GetRequiredService<AnswerEngineProvider>());
        services.AddHostedService<AnswerEngineLoader>();
        return services;
    }
}
