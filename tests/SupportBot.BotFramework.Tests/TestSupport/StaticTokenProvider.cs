using SupportBot.BotFramework.Authentication;

namespace SupportBot.BotFramework.Tests.TestSupport;

/// <summary>Hands out a fixed outbound token (null = anonymous).</summary>
internal sealed class StaticTokenProvider(string? token) : IBotTokenProvider
{
    public Task<string?> GetAccessTokenAsync(CancellationToken cancellationToken) => Task.FromResult(token);
}
