using Microsoft.Extensions.Options;

namespace SupportBot.Privacy;

/// <summary>How long customer records are kept (configuration section <c>Privacy</c>).</summary>
public sealed class PrivacyOptions
{
    public const string SectionName = "Privacy";

    /// <summary>
    /// How long question-log entries and feedback are kept; older ones are deleted. Default 30 days
    /// (<c>30.00:00:00</c>); at least one hour.
    /// </summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How often expired records are deleted (also once at start-up). Default one hour; at least one second.</summary>
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromHours(1);
}

internal sealed class PrivacyOptionsValidator : IValidateOptions<PrivacyOptions>
{
    internal static readonly TimeSpan MinRetention = TimeSpan.FromHours(1);
    internal static readonly TimeSpan MinPurgeInterval = TimeSpan.FromSeconds(1);

    public ValidateOptionsResult Validate(string? name, PrivacyOptions options)
    {
        var failures = new List<string>();
        if (options.Retention < MinRetention)
        {
            failures.Add($"{PrivacyOptions.SectionName}:{nameof(PrivacyOptions.Retention)} must be at least {MinRetention:c} (e.g. 30.00:00:00 for 30 days), not {options.Retention:c}.");
        }

        if (options.PurgeInterval < MinPurgeInterval)
        {
            failures.Add($"{PrivacyOptions.SectionName}:{nameof(PrivacyOptions.PurgeInterval)} must be at least {MinPurgeInterval:c}, not {options.PurgeInterval:c}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
