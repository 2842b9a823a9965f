using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using SupportBot.BotFramework.Authentication;
using SupportBot.BotFramework.Schema;
using SupportBot.BotFramework.Tests.TestSupport;

namespace SupportBot.BotFramework.Tests.Authentication;

public sealed class ChannelTokenValidatorTests(TokenIssuerFixture fixture) : IClassFixture<TokenIssuerFixture>
{
    private const string ServiceUrl = "https://dl.example.test/";
    private readonly TestTokenIssuer _issuer = fixture.Issuer;
    private readonly ManualTimeProvider _time = new(TimeProvider.System.GetUtcNow());

    [Fact]
    public async Task AuthenticateAsync_ValidChannelToken_Succeeds()
    {
        var result = await Validate(Bearer(_issuer.CreateChannelToken(_time.GetUtcNow(), ServiceUrl)), Activity("webchat"));

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.False(result.IsAnonymous);
        Assert.Equal("urn:botframework:azure", result.CallerId);
        Assert.Equal(TestTokenIssuer.AppId, result.Identity!.FindFirst("aud")!.Value);
    }

    [Fact]
    public async Task AuthenticateAsync_ChannelTokenWithEmptyChannelId_SkipsEndorsementCheck()
    {
        var result = await Validate(Bearer(_issuer.CreateChannelToken(_time.GetUtcNow(), ServiceUrl)), Activity(channelId: null));

        Assert.True(result.Succeeded, result.FailureReason);
    }

    [Fact]
    public async Task AuthenticateAsync_UntrustedIssuer_Fails()
    {
        var token = TestTokenIssuer.CreateToken(_issuer.ChannelKey, "https://evil.example.test", Claims(), _time.GetUtcNow());

        var result = await Validate(Bearer(token), Activity("webchat"));

        Assert.False(result.Succeeded);
        Assert.Equal("token issuer is not trusted", result.FailureReason);
    }

    [Fact]
    public async Task AuthenticateAsync_WrongAudience_Fails()
    {
        var token = _issuer.CreateChannelToken(_time.GetUtcNow(), ServiceUrl, audience: "11111111-1111-1111-1111-111111111111");

        var result = await Validate(Bearer(token), Activity("webchat"));

        Assert.Equal("invalid audience", result.FailureReason);
    }

    [Fact]
    public async Task AuthenticateAsync_ExpiredBeyondClockSkew_Fails()
    {
        var token = _issuer.CreateChannelToken(_time.GetUtcNow(), ServiceUrl);
        _time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(6));

        var result = await Validate(Bearer(token), Activity("webchat"));

        Assert.Equal("token expired", result.FailureReason);
    }

    [Fact]
    public async Task AuthenticateAsync_ExpiredWithinClockSkew_Succeeds()
    {
        var token = _issuer.CreateChannelToken(_time.GetUtcNow(), ServiceUrl);
        _time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(4));

        var result = await Validate(Bearer(token), Activity("webchat"));

        Assert.True(result.Succeeded, result.FailureReason);
    }

    [Fact]
    public async Task AuthenticateAsync_NotYetValid_Fails()
    {
        var now = _time.GetUtcNow();
        var token = TestTokenIssuer.CreateToken(
            _issuer.ChannelKey, TestTokenIssuer.ChannelIssuer, Claims(), now, TimeSpan.FromHours(1), notBefore: now.AddMinutes(10));

        var result = await Validate(Bearer(token), Activity("webchat"));

        Assert.Equal("token not yet valid", result.FailureReason);
    }

    [Fact]
    public async Task AuthenticateAsync_SignedByOtherKeyWithSameKid_Fails()
    {
        var token = TestTokenIssuer.CreateToken(_issuer.ChannelKey.Impostor(), TestTokenIssuer.ChannelIssuer, Claims(), _time.GetUtcNow());

        var result = await Validate(Bearer(token), Activity("webchat"));

        Assert.False(result.Succeeded);
        Assert.Equal("invalid signature", result.FailureReason);
    }

    [Fact]
    public async Task AuthenticateAsync_UnsignedAlgNoneToken_Fails()
    {
        var now = _time.GetUtcNow();
        var payload = $$"""
            {"iss":"{{TestTokenIssuer.ChannelIssuer}}","aud":"{{TestTokenIssuer.AppId}}","serviceurl":"{{ServiceUrl}}",
             "nbf":{{now.ToUnixTimeSeconds()}},"exp":{{now.AddHours(1).ToUnixTimeSeconds()}}}
            """;
        var token = new JsonWebTokenHandler().CreateToken(payload);
        Assert.Equal("none", new JsonWebToken(token).Alg);

        var result = await Validate(Bearer(token), Activity("webchat"));

        Assert.False(result.Succeeded);
    }

    [Fact]
    public async Task AuthenticateAsync_KeyNotEndorsedForChannel_Fails()
    {
        // The test key is endorsed for webchat, directline and emulator only.
        var result = await Validate(Bearer(_issuer.CreateChannelToken(_time.GetUtcNow(), ServiceUrl)), Activity("msteams"));

        Assert.Equal("signing key is not endorsed for the activity's channelId", result.FailureReason);
    }

    [Fact]
    public async Task AuthenticateAsync_ServiceUrlClaimMismatch_Fails()
    {
        var token = _issuer.CreateChannelToken(_time.GetUtcNow(), "https://other.example.test/");

        var result = await Validate(Bearer(token), Activity("webchat"));

        Assert.Equal("serviceurl claim does not match the activity's serviceUrl", result.FailureReason);
    }

    [Fact]
    public async Task AuthenticateAsync_ServiceUrlClaimMissing_Fails()
    {
        var token = TestTokenIssuer.CreateToken(
            _issuer.ChannelKey, TestTokenIssuer.ChannelIssuer, new Dictionary<string, object> { ["aud"] = TestTokenIssuer.AppId }, _time.GetUtcNow());

        var result = await Validate(Bearer(token), Activity("webchat"));

        Assert.Equal("serviceurl claim does not match the activity's serviceUrl", result.FailureReason);
    }

    [Fact]
    public async Task AuthenticateAsync_MissingHeader_Fails()
    {
        var result = await Validate(null, Activity("webchat"));

        Assert.Equal("missing Authorization header", result.FailureReason);
    }

    [Theory]
    [InlineData("Bearer")]
    [InlineData("bearer {0}")]
    [InlineData("Basic {0}")]
    [InlineData("Bearer  {0}")]
    [InlineData("Bearer {0} extra")]
    public async Task AuthenticateAsync_MalformedHeader_Fails(string format)
    {
        var header = string.Format(System.Globalization.CultureInfo.InvariantCulture, format, _issuer.CreateChannelToken(_time.GetUtcNow(), ServiceUrl));

        var result = await Validate(header, Activity("webchat"));

        Assert.Equal("Authorization header is not 'Bearer <token>'", result.FailureReason);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("a.b.c")]
    [InlineData("eyJhbGciOiJSUzI1NiJ9.@@@.abc")]
    public async Task AuthenticateAsync_GarbledToken_Fails(string token)
    {
        var result = await Validate(Bearer(token), Activity("webchat"));

        Assert.False(result.Succeeded);
        Assert.Equal("token is not a well-formed JWT", result.FailureReason);
    }

    [Fact]
    public async Task AuthenticateAsync_EmulatorV1TokenWithAppId_Succeeds()
    {
        var token = EmulatorToken(TestTokenIssuer.EmulatorIssuerV1, new() { ["ver"] = "1.0", ["appid"] = TestTokenIssuer.AppId });

        var result = await Validate(Bearer(token), Activity("emulator", "http://localhost:56789"));

        Assert.True(result.Succeeded, result.FailureReason);
    }

    [Fact]
    public async Task AuthenticateAsync_EmulatorV2TokenWithAzp_Succeeds()
    {
        var token = EmulatorToken(TestTokenIssuer.EmulatorIssuerV2, new() { ["ver"] = "2.0", ["azp"] = TestTokenIssuer.AppId });

        var result = await Validate(Bearer(token), Activity("emulator", "http://localhost:56789"));

        Assert.True(result.Succeeded, result.FailureReason);
    }

    [Fact]
    public async Task AuthenticateAsync_EmulatorTokenForOtherApp_Fails()
    {
        var token = EmulatorToken(TestTokenIssuer.EmulatorIssuerV1, new() { ["ver"] = "1.0", ["appid"] = "22222222-2222-2222-2222-222222222222" });

        var result = await Validate(Bearer(token), Activity("emulator"));

        Assert.Equal("appid claim does not match MicrosoftAppId", result.FailureReason);
    }

    [Fact]
    public async Task AuthenticateAsync_EmulatorV2TokenWithAppIdOnlyInAppidClaim_Fails()
    {
        // A v2 token names the app in azp; appid is not looked at.
        var token = EmulatorToken(TestTokenIssuer.EmulatorIssuerV2, new() { ["ver"] = "2.0", ["appid"] = TestTokenIssuer.AppId });

        var result = await Validate(Bearer(token), Activity("emulator"));

        Assert.Equal("azp claim does not match MicrosoftAppId", result.FailureReason);
    }

    [Fact]
    public async Task AuthenticateAsync_EmulatorTokenWithUnknownVersion_Fails()
    {
        var token = EmulatorToken(TestTokenIssuer.EmulatorIssuerV1, new() { ["ver"] = "3.0", ["appid"] = TestTokenIssuer.AppId });

        var result = await Validate(Bearer(token), Activity("emulator"));

        Assert.Equal("unsupported token version", result.FailureReason);
    }

    [Fact]
    public async Task AuthenticateAsync_EmulatorTokenSignedByChannelKey_Fails()
    {
        // Each path trusts only its own metadata's keys.
        var token = TestTokenIssuer.CreateToken(
            _issuer.ChannelKey, TestTokenIssuer.EmulatorIssuerV1, new Dictionary<string, object> { ["ver"] = "1.0", ["appid"] = TestTokenIssuer.AppId }, _time.GetUtcNow());

        var result = await Validate(Bearer(token), Activity("emulator"));

        Assert.False(result.Succeeded);
    }

    [Fact]
    public async Task AuthenticateAsync_ConfiguredTenantIssuer_Succeeds()
    {
        const string tenant = "33333333-3333-3333-3333-333333333333";
        var token = EmulatorToken($"https://login.microsoftonline.com/{tenant}/v2.0", new() { ["ver"] = "2.0", ["azp"] = TestTokenIssuer.AppId });

        var withTenant = await Validate(Bearer(token), Activity("emulator"), o =>
        {
            o.MicrosoftAppType = "SingleTenant";
            o.MicrosoftAppTenantId = tenant;
        });
        var withoutTenant = await Validate(Bearer(token), Activity("emulator"));

        Assert.True(withTenant.Succeeded, withTenant.FailureReason);
        Assert.Equal("token issuer is not trusted", withoutTenant.FailureReason);
    }

    [Fact]
    public async Task AuthenticateAsync_AnonymousMode_AcceptsWithoutHeader()
    {
        var result = await Validate(null, Activity("emulator"), o => o.MicrosoftAppId = "");

        Assert.True(result.Succeeded);
        Assert.True(result.IsAnonymous);
        Assert.Null(result.CallerId);
        Assert.False(result.Identity!.IsAuthenticated);
    }

    [Fact]
    public async Task AuthenticateAsync_KeyRolledOverAfterAnHour_RefetchesForUnknownKid()
    {
        using var validator = CreateValidator();
        var fetchesBefore = _issuer.ChannelKeyFetches;
        var first = await validator.AuthenticateAsync(Bearer(_issuer.CreateChannelToken(_time.GetUtcNow(), ServiceUrl)), Activity("webchat"), default);
        Assert.True(first.Succeeded, first.FailureReason);

        var rolled = TestKey.Create("channel-key-2", ["webchat"]);
        _issuer.PublishChannelKeys(_issuer.ChannelKey, rolled);
        try
        {
            _time.Advance(TimeSpan.FromMinutes(61));
            var tokenWithNewKey = TestTokenIssuer.CreateToken(rolled, TestTokenIssuer.ChannelIssuer, Claims(), _time.GetUtcNow());
            var second = await validator.AuthenticateAsync(Bearer(tokenWithNewKey), Activity("webchat"), default);

            Assert.True(second.Succeeded, second.FailureReason);
            Assert.Equal(fetchesBefore + 2, _issuer.ChannelKeyFetches);
        }
        finally
        {
            _issuer.PublishChannelKeys(_issuer.ChannelKey);
        }
    }

    [Fact]
    public async Task AuthenticateAsync_UnknownKidWithinAnHourOfLastFetch_DoesNotRefetch()
    {
        // As the SDK: an unknown kid refetches keys only if the last fetch is over an hour old, so junk
        // tokens cannot make us hammer the issuer.
        using var validator = CreateValidator();
        var fetchesBefore = _issuer.ChannelKeyFetches;
        var stranger = TestKey.Create("never-published", ["webchat"]);

        var first = await validator.AuthenticateAsync(Bearer(StrangerToken()), Activity("webchat"), default);
        _time.Advance(TimeSpan.FromMinutes(59));
        var second = await validator.AuthenticateAsync(Bearer(StrangerToken()), Activity("webchat"), default);
        var fetchesWithinTheHour = _issuer.ChannelKeyFetches - fetchesBefore;
        _time.Advance(TimeSpan.FromMinutes(2));
        var third = await validator.AuthenticateAsync(Bearer(StrangerToken()), Activity("webchat"), default);

        Assert.Equal("signing key not found", first.FailureReason);
        Assert.Equal("signing key not found", second.FailureReason);
        Assert.Equal("signing key not found", third.FailureReason);
        Assert.Equal(1, fetchesWithinTheHour);
        Assert.Equal(fetchesBefore + 2, _issuer.ChannelKeyFetches);

        string StrangerToken() => TestTokenIssuer.CreateToken(stranger, TestTokenIssuer.ChannelIssuer, Claims(), _time.GetUtcNow());
    }

    [Fact]
    public async Task AuthenticateAsync_KeysOlderThanRefreshInterval_Refetched()
    {
        using var validator = CreateValidator();
        var fetchesBefore = _issuer.ChannelKeyFetches;
        await validator.AuthenticateAsync(Bearer(_issuer.CreateChannelToken(_time.GetUtcNow(), ServiceUrl)), Activity("webchat"), default);
        _time.Advance(TimeSpan.FromHours(23));
        await validator.AuthenticateAsync(Bearer(_issuer.CreateChannelToken(_time.GetUtcNow(), ServiceUrl)), Activity("webchat"), default);
        var fetchesWithinADay = _issuer.ChannelKeyFetches - fetchesBefore;
        _time.Advance(TimeSpan.FromHours(2));

        var result = await validator.AuthenticateAsync(Bearer(_issuer.CreateChannelToken(_time.GetUtcNow(), ServiceUrl)), Activity("webchat"), default);

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Equal(1, fetchesWithinADay);
        Assert.Equal(fetchesBefore + 2, _issuer.ChannelKeyFetches);
    }

    private static string Bearer(string token) => "Bearer " + token;

    private static Dictionary<string, object> Claims() => new() { ["aud"] = TestTokenIssuer.AppId, ["serviceurl"] = ServiceUrl };

    private static Activity Activity(string? channelId, string serviceUrl = ServiceUrl) =>
        new() { Type = ActivityTypes.Message, ChannelId = channelId, ServiceUrl = serviceUrl, Conversation = new() { Id = "c1" } };

    private string EmulatorToken(string issuer, Dictionary<string, object> claims)
    {
        claims["aud"] = TestTokenIssuer.AppId;
        return TestTokenIssuer.CreateToken(_issuer.EmulatorKey, issuer, claims, _time.GetUtcNow());
    }

    private async Task<ChannelAuthenticationResult> Validate(string? header, Activity activity, Action<BotAuthenticationOptions>? configure = null)
    {
        using var validator = CreateValidator(configure);
        return await validator.AuthenticateAsync(header, activity, default);
    }

    private ChannelTokenValidator CreateValidator(Action<BotAuthenticationOptions>? configure = null)
    {
        var options = new BotAuthenticationOptions
        {
            MicrosoftAppId = TestTokenIssuer.AppId,
            MicrosoftAppPassword = "secret",
            ChannelOpenIdMetadataUrl = _issuer.ChannelMetadataUrl,
            EmulatorOpenIdMetadataUrl = _issuer.EmulatorMetadataUrl,
            RequireHttpsMetadata = false,
        };
        configure?.Invoke(options);
        return new ChannelTokenValidator(Options.Create(options), new TestHttpClientFactory(), _time, NullLogger<ChannelTokenValidator>.Instance);
    }
}
