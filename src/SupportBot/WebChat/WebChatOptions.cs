using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Options;

namespace SupportBot.WebChat;

/// <summary>
/// The website chat: who may call the page's token endpoint and what may embed the pages (configuration section
/// <c>WebChat</c>). How often a client may ask for a token is <c>RateLimits:Conversations</c>.
/// </summary>
public sealed class WebChatOptions
{
    public const string SectionName = "WebChat";

    /// <summary>
    /// Other sites (origins such as <c>https://www.example.com</c>) whose pages may call the token endpoint
    /// directly. Empty (the default): only the host's own pages, which is all the embed snippet needs.
    /// </summary>
    [SuppressMessage("Usage", "CA2227", Justification = "Bound from configuration.")]
    public IList<string> AllowedOrigins { get; set; } = [];

    /// <summary>
    /// Sites that may show the chat page in a frame (the embed snippet), as CSP <c>frame-ancestors</c> sources.
    /// Default <c>*</c>, so the one-line embed works on any site out of the box; list your own sites in
    /// production. The agents' page is never frameable.
    /// </summary>
    [SuppressMessage("Usage", "CA2227", Justification = "Bound from configuration.")]
    public IList<string> FrameAncestors { get; set; } = ["*"];
}

/// <summary>
/// Production mode (configuration section <c>DirectLine</c>): with <see cref="AzureSecret"/> set, the page's
/// token comes from Azure Bot Service's Direct Line instead of the built-in one.
/// </summary>
public sealed class AzureDirectLineOptions
{
    public const string SectionName = "DirectLine";

    /// <summary>The Direct Line secret of the Azure Bot resource's channel. Never sent to a browser or logged.</summary>
    public string? AzureSecret { get; set; }

    /// <summary>Azure's Direct Line base, including <c>/v3/directline</c> (regional ones differ). Default the global one.</summary>
    public Uri AzureEndpoint { get; set; } = new("https://directline.botframework.com/v3/directline");

    /// <summary>How long the token exchange with Azure may take. Default 10 seconds.</summary>
    public TimeSpan AzureTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public bool UsesAzure => !string.IsNullOrWhiteSpace(AzureSecret);
}

internal sealed class WebChatOptionsValidator : IValidateOptions<WebChatOptions>
{
    public ValidateOptionsResult Validate(string? name, WebChatOptions options)
    {
        var failures = new List<string>();
        for (var i = 0; i < options.AllowedOrigins.Count; i++)
        {
            if (!Uri.TryCreate(options.AllowedOrigins[i], UriKind.Absolute, out var origin) || origin.AbsolutePath != "/" || origin.Scheme is not ("http" or "https"))
            {
                failures.Add($"{WebChatOptions.SectionName}:{nameof(WebChatOptions.AllowedOrigins)}:{i} must be an origin such as https://www.example.com.");
            }
        }

        for (var i = 0; i < options.FrameAncestors.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(options.FrameAncestors[i]) || options.FrameAncestors[i].Any(c => c is ';' or ',' or '\'' or '"' || char.IsWhiteSpace(c)))
            {
                failures.Add($"{WebChatOptions.SectionName}:{nameof(WebChatOptions.FrameAncestors)}:{i} must be one CSP source such as https://www.example.com or *.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

internal sealed class AzureDirectLineOptionsValidator : IValidateOptions<AzureDirectLineOptions>
{
    public ValidateOptionsResult Validate(string? name, AzureDirectLineOptions options)
    {
        if (!options.UsesAzure)
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        if (!options.AzureEndpoint.IsAbsoluteUri || options.AzureEndpoint.Scheme is not ("https" or "http"))
        {
            failures.Add($"{AzureDirectLineOptions.SectionName}:{nameof(AzureDirectLineOptions.AzureEndpoint)} must be an absolute http(s) URL ending in /v3/directline.");
        }

        if (options.AzureTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{AzureDirectLineOptions.SectionName}:{nameof(AzureDirectLineOptions.AzureTimeout)} must be positive.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
