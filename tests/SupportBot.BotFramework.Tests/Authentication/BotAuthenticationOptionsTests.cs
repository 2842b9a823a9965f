using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SupportBot.BotFramework.Authentication;

namespace SupportBot.BotFramework.Tests.Authentication;

public sealed class BotAuthenticationOptionsTests
{
    [Fact]
    public void AddBotFramework_SdkConfigurationKeys_BoundToOptions()
    {
        var options = Resolve(new()
        {
            ["MicrosoftAppId"] = "app",
            ["MicrosoftAppPassword"] = "pw",
            ["MicrosoftAppType"] = "SingleTenant",
            ["MicrosoftAppTenantId"] = "tenant",
            ["ClockSkew"] = "00:02:00",
        });

        Assert.Equal("app", options.MicrosoftAppId);
        Assert.Equal(BotAppType.SingleTenant, options.AppType);
        Assert.Equal(TimeSpan.FromMinutes(2), options.ClockSkew);
        Assert.Equal(new Uri("https://login.microsoftonline.com/tenant"), options.TokenAuthority);
        Assert.False(options.IsAnonymous);
    }

    [Fact]
    public void AddBotFramework_NothingConfigured_AnonymousWithProtocolDefaults()
    {
        var options = Resolve(new() { ["MicrosoftAppType"] = "" });

        Assert.True(options.IsAnonymous);
        Assert.Equal(BotAppType.MultiTenant, options.AppType);
        Assert.Equal("https://login.botframework.com/v1/.well-known/openidconfiguration", options.ChannelOpenIdMetadataUrl.AbsoluteUri);
        Assert.Equal("https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration", options.EmulatorOpenIdMetadataUrl.AbsoluteUri);
        Assert.Equal("https://api.botframework.com", options.ChannelIssuer);
        Assert.Equal(TimeSpan.FromMinutes(5), options.ClockSkew);
        Assert.True(options.RequireHttpsMetadata);
        Assert.Equal(new Uri("https://login.microsoftonline.com/botframework.com"), options.TokenAuthority);
    }

    [Theory]
    [InlineData("SingleTenant", "pw", null, "MicrosoftAppTenantId is required when MicrosoftAppType is SingleTenant.")]
    [InlineData("SingleTenant", null, "tenant", "MicrosoftAppPassword is required when MicrosoftAppType is SingleTenant.")]
    [InlineData("MultiTenant", null, null, "MicrosoftAppPassword is required when MicrosoftAppId is set and MicrosoftAppType is MultiTenant.")]
    [InlineData("UserAssignedMSI", "pw", "tenant", "MicrosoftAppPassword must be empty when MicrosoftAppType is UserAssignedMSI.")]
    [InlineData("UserAssignedMSI", null, null, "MicrosoftAppTenantId is required when MicrosoftAppType is UserAssignedMSI.")]
    [InlineData("Federated", "pw", null, "MicrosoftAppType 'Federated' is not one of MultiTenant, SingleTenant, UserAssignedMSI.")]
    public void AddBotFramework_IncompleteConfiguration_FailureNamesTheKey(string appType, string? password, string? tenant, string expected)
    {
        var exception = Assert.Throws<OptionsValidationException>(() => Resolve(new()
        {
            ["MicrosoftAppId"] = "app",
            ["MicrosoftAppType"] = appType,
            ["MicrosoftAppPassword"] = password,
            ["MicrosoftAppTenantId"] = tenant,
        }));

        Assert.Contains(expected, exception.Failures);
    }

    [Fact]
    public void AddBotFramework_PasswordWithoutAppId_Fails()
    {
        var exception = Assert.Throws<OptionsValidationException>(() => Resolve(new() { ["MicrosoftAppPassword"] = "pw" }));

        Assert.Contains(exception.Failures, f => f.StartsWith("MicrosoftAppId is required", StringComparison.Ordinal));
    }

    [Fact]
    public void AddBotFramework_ManagedIdentityWithoutAppId_Fails()
    {
        // Authentication can never be disabled for a managed identity.
        var exception = Assert.Throws<OptionsValidationException>(() => Resolve(new() { ["MicrosoftAppType"] = "UserAssignedMSI" }));

        Assert.Contains("MicrosoftAppId is required when MicrosoftAppType is UserAssignedMSI.", exception.Failures);
    }

    private static BotAuthenticationOptions Resolve(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var provider = new ServiceCollection().AddLogging().AddBotFramework(configuration).BuildServiceProvider();
        return provider.GetRequiredService<IOptions<BotAuthenticationOptions>>().Value;
    }
}
