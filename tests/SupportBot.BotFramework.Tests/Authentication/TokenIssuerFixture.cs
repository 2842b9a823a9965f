using SupportBot.BotFramework.Tests.TestSupport;

namespace SupportBot.BotFramework.Tests.Authentication;

/// <summary>One metadata/JWKS server for a test class.</summary>
public sealed class TokenIssuerFixture : IAsyncLifetime
{
    internal TestTokenIssuer Issuer { get; private set; } = null!;

    public async Task InitializeAsync() => Issuer = await TestTokenIssuer.StartAsync();

    public async Task DisposeAsync() => await Issuer.DisposeAsync();
}
