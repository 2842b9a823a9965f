using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace SupportBot.Tests.Support;

/// <summary>
/// Plays Azure Bot Service's identity side on loopback: the channel OpenID metadata and signing keys (RSA,
/// generated here, with endorsements) over HTTP, and the Entra token endpoint the bot gets its outbound
/// token from over HTTPS (MSAL insists), with a self-signed certificate the host is told to trust.
/// </summary>
internal sealed class ChannelAuthority : IAsyncDisposable
{
    public const string AppId = "6f1c2a00-1111-4222-8333-444455556666";
    public const string AppPassword = "test-secret-not-real";
    public const string Issuer = "https://api.botframework.com";
    public const string OutboundToken = "outbound-token-from-fake-entra";

    private readonly ConcurrentQueue<string> _tokenRequests = new();
    private WebApplication _metadata = null!;
    private WebApplication _tokens = null!;

    private ChannelAuthority(X509Certificate2 certificate) => Certificate = certificate;

    /// <summary>The key the metadata publishes, endorsed for these channels.</summary>
    public RsaSecurityKey SigningKey { get; } = CreateKey("channel-key-1");

    /// <summary>A key the metadata does not publish (for bad signatures).</summary>
    public RsaSecurityKey UnknownKey { get; } = CreateKey("channel-key-1");

    public static IReadOnlyList<string> Endorsements { get; } = ["msteams", "webchat", "directline", "emulator"];

    public X509Certificate2 Certificate { get; }

    public string MetadataUrl { get; private set; } = "";

    public string TokenAuthorityHost { get; private set; } = "";

    /// <summary>Form bodies of the token requests MSAL made.</summary>
    public IReadOnlyList<string> TokenRequests => _tokenRequests.ToList();

    public static async Task<ChannelAuthority> StartAsync()
    {
        var authority = new ChannelAuthority(CreateCertificate());

        var metadata = WebApplication.CreateSlimBuilder();
        metadata.WebHost.UseUrls("http://127.0.0.1:0");
        metadata.Logging.ClearProviders();
        authority._metadata = metadata.Build();
        authority._metadata.MapGet("/v1/.well-known/openidconfiguration", (HttpContext context) => Results.Text(new JsonObject
        {
            ["issuer"] = Issuer,
            ["authorization_endpoint"] = "https://invalid.example/authorize",
            ["jwks_uri"] = $"http://{context.Request.Host}/v1/.well-known/keys",
            ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
            ["token_endpoint_auth_methods_supported"] = new JsonArray("private_key_jwt"),
        }.ToJsonString(), "application/json"));
        authority._metadata.MapGet("/v1/.well-known/keys", () => Results.Text(authority.Jwks(), "application/json"));
        await authority._metadata.StartAsync();
        authority.MetadataUrl = authority._metadata.Urls.First().TrimEnd('/') + "/v1/.well-known/openidconfiguration";

        var tokens = WebApplication.CreateSlimBuilder();
        tokens.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(authority.Certificate)));
        tokens.Logging.ClearProviders();
        authority._tokens = tokens.Build();
        authority._tokens.Run(authority.HandleTokenEndpointAsync);
        await authority._tokens.StartAsync();
        authority.TokenAuthorityHost = authority._tokens.Urls.First().TrimEnd('/');
        return authority;
    }

    /// <summary>Configuration for a host that authenticates against this authority.</summary>
    public Dictionary<string, string?> HostSettings() => new()
    {
        ["MicrosoftAppId"] = AppId,
        ["MicrosoftAppPassword"] = AppPassword,
        ["ChannelOpenIdMetadataUrl"] = MetadataUrl,
        ["RequireHttpsMetadata"] = "false",
        ["TokenAuthorityHost"] = TokenAuthorityHost,
    };

    /// <summary>A channel token as ABS signs it, with knobs for each way it can be wrong.</summary>
    public string CreateToken(
        string serviceUrl,
        string issuer = Issuer,
        string audience = AppId,
        TimeSpan? expiresIn = null,
        TimeSpan? notBeforeIn = null,
        SecurityKey? key = null,
        string algorithm = SecurityAlgorithms.RsaSha256)
    {
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var expires = now + (expiresIn ?? TimeSpan.FromHours(1));
        var notBefore = now + (notBeforeIn ?? TimeSpan.FromMinutes(-5));
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = notBefore < expires ? notBefore : expires.AddMinutes(-1),
            NotBefore = notBefore < expires ? notBefore : expires.AddMinutes(-1),
            Expires = expires,
            Claims = new Dictionary<string, object> { ["serviceurl"] = serviceUrl },
            SigningCredentials = new SigningCredentials(key ?? SigningKey, algorithm),
        });
    }

    /// <summary>An unsigned token (<c>alg: none</c>) with otherwise valid claims.</summary>
    public static string CreateUnsignedToken(string serviceUrl)
    {
        var now = TimeProvider.System.GetUtcNow();
        static string Encode(JsonObject json) => Base64UrlEncoder.Encode(json.ToJsonString());
        return Encode(new JsonObject { ["alg"] = "none", ["typ"] = "JWT" }) + "." + Encode(new JsonObject
        {
            ["iss"] = Issuer,
            ["aud"] = AppId,
            ["serviceurl"] = serviceUrl,
            ["nbf"] = now.AddMinutes(-5).ToUnixTimeSeconds(),
            ["exp"] = now.AddHours(1).ToUnixTimeSeconds(),
        }) + ".";
    }

    public async ValueTask DisposeAsync()
    {
        await _metadata.StopAsync();
        await _metadata.DisposeAsync();
        await _tokens.StopAsync();
        await _tokens.DisposeAsync();
        Certificate.Dispose();
    }

    private string Jwks() => new JsonObject
    {
        ["keys"] = new JsonArray(new JsonObject
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["kid"] = SigningKey.KeyId,
            ["n"] = Base64UrlEncoder.Encode(SigningKey.Parameters.Modulus),
            ["e"] = Base64UrlEncoder.Encode(SigningKey.Parameters.Exponent),
            ["endorsements"] = new JsonArray(Endorsements.Select(e => (JsonNode)JsonValue.Create(e)!).ToArray()),
        }),
    }.ToJsonString();

    // MSAL's client-credentials request; anything else it asks (instance discovery) is answered so that it
    // trusts this host as its own authority.
    private async Task HandleTokenEndpointAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        if (path.EndsWith("/oauth2/v2.0/token", StringComparison.Ordinal))
        {
            using var reader = new StreamReader(context.Request.Body);
            _tokenRequests.Enqueue(path + "?" + await reader.ReadToEndAsync());
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync($$"""{"token_type":"Bearer","expires_in":3600,"ext_expires_in":3600,"access_token":"{{OutboundToken}}"}""");
            return;
        }

        if (path.EndsWith("/discovery/instance", StringComparison.Ordinal))
        {
            var host = context.Request.Host.Value;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(new JsonObject
            {
                ["tenant_discovery_endpoint"] = $"https://{host}/botframework.com/v2.0/.well-known/openid-configuration",
                ["api-version"] = "1.1",
                ["metadata"] = new JsonArray(new JsonObject
                {
                    ["preferred_network"] = host,
                    ["preferred_cache"] = host,
                    ["aliases"] = new JsonArray(host),
                }),
            }.ToJsonString());
            return;
        }

        context.Response.StatusCode = StatusCodes.Status404NotFound;
    }

    private static RsaSecurityKey CreateKey(string keyId)
    {
        using var rsa = RSA.Create(2048);
        return new RsaSecurityKey(rsa.ExportParameters(includePrivateParameters: true)) { KeyId = keyId };
    }

    private static X509Certificate2 CreateCertificate()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        using var certificate = request.CreateSelfSigned(TimeProvider.System.GetUtcNow().AddMinutes(-5), TimeProvider.System.GetUtcNow().AddDays(1));
        // Kestrel on Linux needs the private key in an exportable PKCS#12 form.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }
}
