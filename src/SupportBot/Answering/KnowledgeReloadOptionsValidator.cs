using Microsoft.Extensions.Options;

namespace SupportBot.Answering;

/// <summary>Start-up checks of <see cref="KnowledgeReloadOptions"/>; each message names the key to fix.</summary>
internal sealed class KnowledgeReloadOptionsValidator : IValidateOptions<KnowledgeReloadOptions>
{
    internal const int MinSecretLength = 16;
    private const string Section = KnowledgeReloadOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, KnowledgeReloadOptions options)
    {
        var failures = new List<string>();
        if (options.PollInterval < TimeSpan.FromMilliseconds(100) || options.PollInterval > TimeSpan.FromHours(1))
        {
            failures.Add($"{Section}:{nameof(options.PollInterval)} must be from 100 ms to 1 hour (e.g. 00:00:05).");
        }

        if (options.Debounce < TimeSpan.Zero || options.Debounce > TimeSpan.FromMinutes(10))
        {
            failures.Add($"{Section}:{nameof(options.Debounce)} must be from 0 to 10 minutes (e.g. 00:00:02).");
        }

        // A short shared secret on an endpoint that rebuilds the index is a denial-of-service lever.
        if (!string.IsNullOrEmpty(options.ReloadSecret) && options.ReloadSecret.Trim().Length < MinSecretLength)
        {
            failures.Add($"{Section}:{nameof(options.ReloadSecret)} must be at least {MinSecretLength} characters (e.g. from `openssl rand -base64 32`), or empty to turn the endpoint off.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
