using Microsoft.Extensions.Configuration;
using SupportBot.Answering;
using SupportBot.Api;
using SupportBot.Bot;
using SupportBot.BotFramework;
using SupportBot.BotFramework.Authentication;
using SupportBot.BotFramework.Builder;
using SupportBot.BotFramework.Connector;
using SupportBot.BotFramework.DirectLine;
using SupportBot.Cli;
using SupportBot.Engine.Analysis;
using SupportBot.Engine.Answering;
using SupportBot.Engine.Indexing;
using SupportBot.Limits;
using SupportBot.Privacy;
using SupportBot.Storage;
using SupportBot.Telemetry;
using SupportBot.WebChat;

namespace SupportBot.Tests.Deployment;

/// <summary>
/// Whether a setting named in a deployment file is one the app reads: the key (Section:Key, or Section__Key as an
/// environment variable) must bind to a property of the options class of its section, with its value, the way the
/// host binds it; ASP.NET Core's and .NET's own variables and Logging are the framework's.
/// </summary>
internal static class KnownSettings
{
    private static readonly (string Section, Func<object> Create)[] Sections =
    [
        (string.Empty, () => new BotAuthenticationOptions()),
        (BotFrameworkServiceCollectionExtensions.AdapterSection, () => new BotAdapterOptions()),
        (BotFrameworkServiceCollectionExtensions.ConnectorSection, () => new ConnectorClientOptions()),
        (DirectLineOptions.SectionName, () => new DirectLineOptions()),
        (AzureDirectLineOptions.SectionName, () => new AzureDirectLineOptions()),
        (WebChatOptions.SectionName, () => new WebChatOptions()),
        (StorageOptions.SectionName, () => new StorageOptions()),
        (KnowledgeOptions.SectionName, () => new KnowledgeOptions()),
        (KnowledgeReloadOptions.SectionName, () => new KnowledgeReloadOptions()),
        (PrivacyOptions.SectionName, () => new PrivacyOptions()),
        (TelemetryOptions.SectionName, () => new TelemetryOptions()),
        (RateLimitsOptions.SectionName, () => new RateLimitsOptions()),
        (AnswerEngineOptions.SectionName, () => new AnswerEngineOptions()),
        (SearchIndexOptions.SectionName, () => new SearchIndexOptions()),
        ("Spelling", () => new SpellingOptions()),
        (AgentsApiOptions.SectionName, () => new AgentsApiOptions()),
        (BotOptions.SectionName, () => new BotOptions()),
    ];

    private static readonly string[] FrameworkPrefixes = ["ASPNETCORE_", "DOTNET_", "Logging:"];

    /// <summary>Section:Key from an environment variable name (Section__Key).</summary>
    public static string FromEnvironmentName(string name) => name.Replace("__", ":", StringComparison.Ordinal);

    /// <summary>
    /// Null when <paramref name="key"/> with <paramref name="value"/> (null when not known here, e.g. a secret) binds;
    /// else why not.
    /// </summary>
    public static string? Check(string key, string? value)
    {
        if (FrameworkPrefixes.Any(p => key.StartsWith(p, StringComparison.Ordinal)))
        {
            return null;
        }

        var errors = new List<string>();
        foreach (var (section, create) in Sections)
        {
            var relative = section.Length == 0 ? key : key.StartsWith(section + ":", StringComparison.OrdinalIgnoreCase) ? key[(section.Length + 1)..] : null;
            if (relative is null || (section.Length == 0 && relative.Contains(':', StringComparison.Ordinal)))
            {
                continue;
            }

            var configuration = new ConfigurationBuilder().AddInMemoryCollection([new(relative, value)]).Build();
            var options = create();
            try
            {
                configuration.Bind(options, o => o.ErrorOnUnknownConfiguration = true);
                return null;
            }
            catch (InvalidOperationException e)
            {
                errors.Add($"{options.GetType().Name}: {e.Message}");
            }
        }

        return $"{key} is not a setting of the app ({(errors.Count == 0 ? "no options class has its section" : string.Join("; ", errors))})";
    }
}
