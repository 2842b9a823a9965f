using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.IdentityModel.Tokens;
using SupportBot.BotFramework;
using SupportBot.Storage;
using SupportBot.Tests.Support;

namespace SupportBot.Tests.Bot;

/// <summary>
/// The host with a MicrosoftAppId: every activity must carry a valid channel token (checked against OpenID
/// metadata and keys served by the test), replies carry the bot's own token from a fake Entra endpoint, and
/// a bad token gets 401 with nothing processed. The library's own tests cover every claim; these show the host
/// is wired to them.
/// </summary>
public sealed class AuthenticationTests : IAsyncLifetime
{
    private FakeChannel _channel = null!;
    private ChannelAuthority _authority = null!;
    private BotHost _host = null!;

    public async Task InitializeAsync()
    {
        _channel = await FakeChannel.StartAsync();
        _authority = await ChannelAuthority.StartAsync();
        var thumbprint = _authority.Certificate.Thumbprint;
        _host = await BotHost.StartAsync(_authority.HostSettings(), services =>
            services.AddHttpClient(BotFrameworkHttpClients.Token).ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler
            {
                // Trust exactly the fake Entra's self-signed certificate, nothing else.
                ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate?.Thumbprint == thumbprint,
            }));
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _authority.DisposeAsync();
        await _channel.DisposeAsync();
        BotHost.DeleteData(_host.DataFolder);
    }

    [Fact]
    public async Task ValidChannelToken_AnsweredWithTheBotsOutboundToken()
    {
        var inbound = Payloads.TeamsPersonal(_channel.ServiceUrl, "when did updates stop");

        using var response = await _host.PostActivityAsync(inbound, _authority.CreateToken(_channel.ServiceUrl));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["typing", "message"], _channel.Requests.Select(r => r.Type));
        Assert.All(_channel.Requests, r => Assert.Equal($"Bearer {ChannelAuthority.OutboundToken}", r.Authorization));
        ReplyAssert.Addressed(_channel.Messages[0], inbound);

        var tokenRequest = Assert.Single(_authority.TokenRequests);
        Assert.StartsWith("/botframework.com/oauth2/v2.0/token?", tokenRequest, StringComparison.Ordinal);
        Assert.Contains("grant_type=client_credentials", tokenRequest, StringComparison.Ordinal);
        Assert.Contains($"client_id={ChannelAuthority.AppId}", tokenRequest, StringComparison.Ordinal);
        Assert.Contains("scope=https%3A%2F%2Fapi.botframework.com%2F.default", tokenRequest, StringComparison.Ordinal);
        Assert.DoesNotContain(_host.Logs.Lines, l => l.Message.Contains(ChannelAuthority.OutboundToken, StringComparison.Ordinal));
    }

    public static TheoryData<string> BadTokens => new()
    {
        "missing",
        "not a bearer",
        "garbage",
        "wrong issuer",
        "wrong audience",
        "expired",
        "not yet valid",
        "bad signature",
        "alg none",
        "HS256",
        "serviceUrl mismatch",
        "channel not endorsed",
    };

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task InvalidToken_401AndNothingProcessed(string problem)
    {
        var inbound = Payloads.TeamsPersonal(_channel.ServiceUrl, "when did updates stop");
        var url = _channel.ServiceUrl;
        string? header = problem switch
        {
            "missing" => null,
            "not a bearer" => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("user:pass")),
            "garbage" => "Bearer not.a.jwt",
            "wrong issuer" => Bearer(_authority.CreateToken(url, issuer: "https://sts.example.test/")),
            "wrong audience" => Bearer(_authority.CreateToken(url, audience: "00000000-0000-0000-0000-00000000beef")),
            "expired" => Bearer(_authority.CreateToken(url, expiresIn: TimeSpan.FromMinutes(-10))),
            "not yet valid" => Bearer(_authority.CreateToken(url, notBeforeIn: TimeSpan.FromMinutes(10), expiresIn: TimeSpan.FromHours(1))),
            "bad signature" => Bearer(_authority.CreateToken(url, key: _authority.UnknownKey)),
            "alg none" => Bearer(ChannelAuthority.CreateUnsignedToken(url)),
            "HS256" => Bearer(_authority.CreateToken(url, key: new SymmetricSecurityKey(new byte[32]) { KeyId = "channel-key-1" }, algorithm: SecurityAlgorithms.HmacSha256)),
            "serviceUrl mismatch" => Bearer(_authority.CreateToken("https://attacker.example.test/")),
            "channel not endorsed" => Bearer(_authority.CreateToken(url)),
            _ => throw new ArgumentOutOfRangeException(nameof(problem)),
        };
        if (problem == "channel not endorsed")
        {
            inbound["channelId"] = "skype";
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new StringContent(inbound.ToJsonString(), Encoding.UTF8, "application/json") };
        if (header is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", header);
        }

        using var response = await _host.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(_channel.Requests);
        Assert.Empty(await _host.Services.GetRequiredService<IQuestionLog>().RecentAsync(10, default));
        Assert.Empty(_authority.TokenRequests);
    }

    private static string Bearer(string token) => new AuthenticationHeaderValue("Bearer", token).ToString();
}
