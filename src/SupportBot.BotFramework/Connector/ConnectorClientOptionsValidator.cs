using Microsoft.Extensions.Options;

namespace SupportBot.BotFramework.Connector;

/// <summary>Start-up range checks; messages name the configuration key.</summary>
internal sealed class ConnectorClientOptionsValidator : IValidateOptions<ConnectorClientOptions>
{
    private const string Section = "BotFramework:Connector";

    public ValidateOptionsResult Validate(string? name, ConnectorClientOptions options)
    {
        var failures = new List<string>();
        if (options.MaxRetryAttempts is < 0 or > 10)
        {
            failures.Add($"{Section}:{nameof(options.MaxRetryAttempts)} must be between 0 and 10.");
        }

        if (options.BaseDelay <= TimeSpan.Zero || options.BaseDelay > options.MaxDelay)
        {
            failures.Add($"{Section}:{nameof(options.BaseDelay)} must be positive and not above {nameof(options.MaxDelay)}.");
        }

        // Polly's own bounds: delays up to a day.
        if (options.MaxDelay > TimeSpan.FromDays(1))
        {
            failures.Add($"{Section}:{nameof(options.MaxDelay)} must be at most one day.");
        }

        // Polly's own lower bounds: timeouts of at least 10 ms.
        if (options.AttemptTimeout < TimeSpan.FromMilliseconds(10) || options.AttemptTimeout > options.TotalTimeout)
        {
            failures.Add($"{Section}:{nameof(options.AttemptTimeout)} must be at least 10 ms and not above {nameof(options.TotalTimeout)}.");
        }

        // The budget bounds how long a turn (and the channel's inbound request) can wait on a failing channel.
        if (options.TotalTimeout < TimeSpan.FromMilliseconds(10) || options.TotalTimeout > TimeSpan.FromMinutes(10))
        {
            failures.Add($"{Section}:{nameof(options.TotalTimeout)} must be from 10 ms to 10 minutes.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
