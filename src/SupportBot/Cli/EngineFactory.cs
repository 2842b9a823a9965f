using Microsoft.Extensions.Options;
using SupportBot.Answering;
using SupportBot.Engine.Analysis;
using SupportBot.Engine.Answering;
using SupportBot.Engine.Indexing;
using SupportBot.Engine.Knowledge;

namespace SupportBot.Cli;

/// <summary>Where the knowledge folder is, bound from the <c>Knowledge</c> configuration section.</summary>
public sealed class KnowledgeOptions
{
    public const string SectionName = "Knowledge";

    /// <summary>
    /// The knowledge folder. Default: <c>./knowledge</c> when it exists (running from the repository),
    /// else the copy built next to the program.
    /// </summary>
    public string? Path { get; set; }

    public string ResolvePath()
    {
        if (!string.IsNullOrWhiteSpace(Path))
        {
            return System.IO.Path.GetFullPath(Path);
        }

        var local = System.IO.Path.GetFullPath("knowledge");
        return Directory.Exists(local) ? local : System.IO.Path.Combine(AppContext.BaseDirectory, "knowledge");
    }
}

/// <summary>Builds an <see cref="AnswerEngine"/> from configuration, for the CLI verbs and the host alike.</summary>
public static class EngineFactory
{
    /// <summary>Configuration as the host sees it: appsettings.json next to the program, then environment variables (Search__DatabasePath=…), then overrides.</summary>
    public static IConfiguration Configuration(string[]? overrides = null) => new ConfigurationBuilder()
        .SetBasePath(AppContext.BaseDirectory)
        .AddJsonFile("appsettings.json", optional: true)
        .AddEnvironmentVariables()
        .AddCommandLine(overrides ?? [])
        .Build();

    public static AnswerEngine Create(IConfiguration configuration, TimeProvider time, string? knowledgePath = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var path = knowledgePath ?? Bind<KnowledgeOptions>(configuration, KnowledgeOptions.SectionName).ResolvePath();
        var answering = Bind<AnswerEngineOptions>(configuration, AnswerEngineOptions.SectionName);
        if (new AnswerEngineOptionsValidator().Validate(null, answering) is { Failed: true } invalid)
        {
            throw new OptionsValidationException(AnswerEngineOptions.SectionName, typeof(AnswerEngineOptions), invalid.Failures);
        }

        var knowledge = KnowledgeLoader.Load(path, time);
        return new AnswerEngine(
            knowledge,
            answering,
            Bind<SearchIndexOptions>(configuration, SearchIndexOptions.SectionName),
            Bind<SpellingOptions>(configuration, "Spelling"));
    }

    internal static T Bind<T>(IConfiguration configuration, string section) where T : new()
    {
        var options = new T();
        configuration.GetSection(section).Bind(options);
        return options;
    }
}
