using Microsoft.Extensions.Options;

namespace SupportBot.Api;

/// <summary>Limits of the agents' JSON API (configuration section <c>Api</c>).</summary>
public sealed class AgentsApiOptions
{
    public const string SectionName = "Api";

    /// <summary>Results of <c>/api/search</c> when <c>top</c> is not given. Default 10.</summary>
    public int DefaultTop { get; set; } = 10;

    /// <summary>Largest accepted <c>top</c>. Default 50.</summary>
    public int MaxTop { get; set; } = 50;

    /// <summary>
    /// Largest accepted <c>/api/ask</c> body. Default 64 KiB: a 2,000-character question written entirely
    /// as <c>\uXXXX</c> escapes is about 12 KB.
    /// </summary>
    public int MaxBodyBytes { get; set; } = 64 * 1024;
}

internal sealed class AgentsApiOptionsValidator : IValidateOptions<AgentsApiOptions>
{
    public ValidateOptionsResult Validate(string? name, AgentsApiOptions options)
    {
        var failures = new List<string>();
        if (options.MaxTop < 1)
        {
            failures.Add($"{AgentsApiOptions.SectionName}:{nameof(AgentsApiOptions.MaxTop)} must be at least 1.");
        }

        if (options.DefaultTop < 1 || options.DefaultTop > options.MaxTop)
        {
            failures.Add($"{AgentsApiOptions.SectionName}:{nameof(AgentsApiOptions.DefaultTop)} must be between 1 and {nameof(AgentsApiOptions.MaxTop)}.");
        }

        if (options.MaxBodyBytes < 1024)
        {
            failures.Add($"{AgentsApiOptions.SectionName}:{nameof(AgentsApiOptions.MaxBodyBytes)} must be at least 1024.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
