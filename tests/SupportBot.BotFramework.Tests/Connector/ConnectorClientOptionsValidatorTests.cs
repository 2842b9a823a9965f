using SupportBot.BotFramework.Connector;

namespace SupportBot.BotFramework.Tests.Connector;

public sealed class ConnectorClientOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeed() =>
        Assert.True(new ConnectorClientOptionsValidator().Validate(null, new ConnectorClientOptions()).Succeeded);

    [Theory]
    [InlineData(nameof(ConnectorClientOptions.MaxRetryAttempts))]
    [InlineData(nameof(ConnectorClientOptions.BaseDelay))]
    [InlineData(nameof(ConnectorClientOptions.MaxDelay))]
    [InlineData(nameof(ConnectorClientOptions.AttemptTimeout))]
    [InlineData(nameof(ConnectorClientOptions.TotalTimeout))]
    public void Validate_OutOfRange_FailsNamingTheKey(string key)
    {
        var options = new ConnectorClientOptions();
        switch (key)
        {
            case nameof(ConnectorClientOptions.MaxRetryAttempts):
                options.MaxRetryAttempts = 11;
                break;
            case nameof(ConnectorClientOptions.BaseDelay):
                options.BaseDelay = TimeSpan.Zero;
                break;
            case nameof(ConnectorClientOptions.MaxDelay):
                options.MaxDelay = TimeSpan.FromDays(2);
                break;
            case nameof(ConnectorClientOptions.AttemptTimeout):
                options.AttemptTimeout = TimeSpan.FromMilliseconds(5);
                break;
            default:
                options.TotalTimeout = TimeSpan.FromHours(1);
                break;
        }

        var result = new ConnectorClientOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains($"BotFramework:Connector:{key} must", result.FailureMessage, StringComparison.Ordinal);
    }
}
