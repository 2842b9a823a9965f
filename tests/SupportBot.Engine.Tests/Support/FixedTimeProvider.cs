namespace SupportBot.Engine.Tests.Support;

/// <summary>A clock stopped at one moment, so date checks do not depend on when the tests run.</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    /// <summary>"Today" for these tests: well after every 2024 date in the sources.</summary>
    public static FixedTimeProvider Today { get; } = new(new DateTimeOffset(2026, 11, 21, 9, 30, 0, TimeSpan.Zero));

    public override DateTimeOffset GetUtcNow() => now;
}
