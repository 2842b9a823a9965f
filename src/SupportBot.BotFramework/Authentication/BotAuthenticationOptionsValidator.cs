using Microsoft.Extensions.Options;

namespace SupportBot.BotFramework.Authentication;

/// <summary>Start-up checks whose messages name the configuration key to fix.</summary>
internal sealed class BotAuthenticationOptionsValidator : IValidateOptions<BotAuthenticationOptions>
{
    public ValidateOptionsResult Validate(string? name, BotAuthenticationOptions options)
    {
        var failures = new List<string>();
        if (!BotAuthenticationOptions.TryParseAppType(options.MicrosoftAppType, out var appType))
        {
            return ValidateOptionsResult.Fail(
                $"MicrosoftAppType '{options.MicrosoftAppType}' is not one of MultiTenant, SingleTenant, UserAssignedMSI.");
        }

        var hasPassword = !string.IsNullOrEmpty(options.MicrosoftAppPassword);
        var hasTenant = !string.IsNullOrWhiteSpace(options.MicrosoftAppTenantId);

        if (options.IsAnonymous)
        {
            // A managed identity can never run unauthenticated, and a secret without an id is a typo,
            // not a request for anonymous mode.
            if (appType == BotAppType.UserAssignedMSI)
            {
                failures.Add("MicrosoftAppId is required when MicrosoftAppType is UserAssignedMSI.");
            }

            if (hasPassword)
            {
                failures.Add("MicrosoftAppId is required when MicrosoftAppPassword is set (leave both empty for anonymous mode).");
            }
        }
        else
        {
            switch (appType)
            {
                case BotAppType.MultiTenant when !hasPassword:
                    failures.Add("MicrosoftAppPassword is required when MicrosoftAppId is set and MicrosoftAppType is MultiTenant.");
                    break;
                case BotAppType.SingleTenant:
                    if (!hasPassword)
                    {
                        failures.Add("MicrosoftAppPassword is required when MicrosoftAppType is SingleTenant.");
                    }

                    if (!hasTenant)
                    {
                        failures.Add("MicrosoftAppTenantId is required when MicrosoftAppType is SingleTenant.");
                    }

                    break;
                case BotAppType.UserAssignedMSI:
                    if (hasPassword)
                    {
                        failures.Add("MicrosoftAppPassword must be empty when MicrosoftAppType is UserAssignedMSI.");
                    }

                    if (!hasTenant)
                    {
                        failures.Add("MicrosoftAppTenantId is required when MicrosoftAppType is UserAssignedMSI.");
                    }

                    break;
            }
        }

        RequireAbsolute(failures, nameof(options.ChannelOpenIdMetadataUrl), options.ChannelOpenIdMetadataUrl);
        RequireAbsolute(failures, nameof(options.EmulatorOpenIdMetadataUrl), options.EmulatorOpenIdMetadataUrl);
        RequireAbsolute(failures, nameof(options.TokenAuthorityHost), options.TokenAuthorityHost);

        if (string.IsNullOrWhiteSpace(options.ChannelIssuer))
        {
            failures.Add("ChannelIssuer must not be empty.");
        }

        if (string.IsNullOrWhiteSpace(options.OAuthScope))
        {
            failures.Add("OAuthScope must not be empty.");
        }

        if (options.ClockSkew < TimeSpan.Zero || options.ClockSkew > TimeSpan.FromMinutes(10))
        {
            failures.Add("ClockSkew must be between 00:00:00 and 00:10:00.");
        }

        if (options.MetadataRefreshInterval <= TimeSpan.Zero || options.MetadataRefreshInterval > TimeSpan.FromHours(24))
        {
            failures.Add("MetadataRefreshInterval must be positive and at most 24 hours.");
        }

        if (options.UnknownKeyRefreshInterval < TimeSpan.Zero)
        {
            failures.Add("UnknownKeyRefreshInterval must not be negative.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void RequireAbsolute(List<string> failures, string key, Uri? value)
    {
        if (value is null || !value.IsAbsoluteUri || (value.Scheme != Uri.UriSchemeHttps && value.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add($"{key} must be an absolute http(s) URL.");
        }
    }
}
