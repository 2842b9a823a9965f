using SupportBot.BotFramework.DirectLine;
using SupportBot.BotFramework.Tests.TestSupport;

namespace SupportBot.BotFramework.Tests.DirectLine;

/// <summary>The single-instance revocation list: from when, until when, by token and by conversation.</summary>
public sealed class InMemoryDirectLineRevocationsTests
{
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2024, 10, 1, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task RevokeToken_RefusedFromEffectiveTimeUntilExpiry_OthersUntouched()
    {
        var revocations = new InMemoryDirectLineRevocations(_time);
        var now = _time.GetUtcNow();

        await revocations.RevokeTokenAsync("jti-1", now.AddMinutes(1), now.AddMinutes(30), default);

        Assert.False(await revocations.IsRevokedAsync("jti-1", "c1", default));
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.True(await revocations.IsRevokedAsync("jti-1", "c1", default));
        Assert.False(await revocations.IsRevokedAsync("jti-2", "c1", default));
        Assert.False(await revocations.IsRevokedAsync(null, "c1", default));
        _time.Advance(TimeSpan.FromMinutes(29));
        Assert.False(await revocations.IsRevokedAsync("jti-1", "c1", default));
    }

    [Fact]
    public async Task RevokeConversation_EveryTokenOfItRefusedAtOnce()
    {
        var revocations = new InMemoryDirectLineRevocations(_time);

        await revocations.RevokeConversationAsync("c1", _time.GetUtcNow().AddMinutes(30), default);

        Assert.True(await revocations.IsRevokedAsync("any", "c1", default));
        Assert.True(await revocations.IsRevokedAsync(null, "c1", default));
        Assert.False(await revocations.IsRevokedAsync("any", "c2", default));
    }
}
