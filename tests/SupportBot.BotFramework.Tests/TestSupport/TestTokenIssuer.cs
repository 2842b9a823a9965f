using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace SupportBot.BotFramework.Tests.TestSupport;

/// <summary>
/// Plays both issuers on a Kestrel loopback server: ABS (<c>/channel/...</c>, keys with
/// <c>endorsements</c>) and Entra (<c>/emulator/...</c>), each with an OpenID metadata document and a
/// JWKS, and signs tokens with their RSA keys.
/// </summary>
internal sealed class TestTokenIssuer : IAsyncDisposable
{
    public const string AppId = "00000000-0000-0000-0000-000000000001";
    public const string ChannelIssuer = "https://api.botframework.com";
    public const string EmulatorIssuerV1 = "https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/";
    public const string EmulatorIssuerV2 = "https://login.microsoftonline.com/d6d49420-f39b-4df7-a1dc-d59a935871db/v2.0";

    private readonly LoopbackServer _server;
    private volatile string _channelJwks;
    private readonly string _emulatorJwks;
    private int _channelKeyFetches;

    private TestTokenIssuer(LoopbackServer server, TestKey channelKey, TestKey emulatorKey)
    {
        _server = server;
        ChannelKey = channelKey;
        EmulatorKey = emulatorKey;
        _channelJwks = Jwks(channelKey);
        _emulatorJwks = Jwks(emulatorKey);
    }

    /// <summary>The ABS signing key, endorsed for webchat, directline and emulator (not msteams).</summary>
    public TestKey ChannelKey { get; }

    public TestKey EmulatorKey { get; }

    public Uri ChannelMetadataUrl => new($"{_server.BaseUrl}/channel/.well-known/openidconfiguration");

    public Uri EmulatorMetadataUrl => new($"{_server.BaseUrl}/emulator/.well-known/openid-configuration");

    public int ChannelKeyFetches => Volatile.Read(ref _channelKeyFetches);

    public static async Task<TestTokenIssuer> StartAsync()
    {
        TestTokenIssuer? issuer = null;
        var server = await LoopbackServer.StartAsync(app =>
        {
            app.MapGet("/channel/.well-known/openidconfiguration", (HttpContext c) => Metadata(c, ChannelIssuer, "/channel/keys"));
            app.MapGet("/channel/keys", () =>
            {
                Interlocked.Increment(ref issuer!._channelKeyFetches);
                return Results.Text(issuer._channelJwks, "application/json");
            });
            app.MapGet("/emulator/.well-known/openid-configuration", (HttpContext c) => Metadata(c, "https://login.microsoftonline.com/{tenantid}/v2.0", "/emulator/keys"));
            app.MapGet("/emulator/keys", () => Results.Text(issuer!._emulatorJwks, "application/json"));
        });
        issuer = new TestTokenIssuer(
            server,
            TestKey.Create("channel-key-1", ["webchat", "directline", "emulator"]),
            TestKey.Create("emulator-key-1", null));
        return issuer;
    }

    /// <summary>Replaces the ABS key set (key rollover).</summary>
    public void PublishChannelKeys(params TestKey[] keys) => _channelJwks = Jwks(keys);

    public static string CreateToken(TestKey key, string issuer, IDictionary<string, object> claims, DateTimeOffset now, TimeSpan? lifetime = null, DateTimeOffset? notBefore = null)
    {
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Claims = claims,
            IssuedAt = now.UtcDateTime,
            NotBefore = (notBefore ?? now).UtcDateTime,
            Expires = (now + (lifetime ?? TimeSpan.FromHours(1))).UtcDateTime,
            SigningCredentials = new SigningCredentials(key.SecurityKey, SecurityAlgorithms.RsaSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    /// <summary>A valid ABS channel token for <see cref="AppId"/> and a serviceUrl.</summary>
    public string CreateChannelToken(DateTimeOffset now, string serviceUrl, string audience = AppId) =>
        CreateToken(ChannelKey, ChannelIssuer, new Dictionary<string, object> { ["aud"] = audience, ["serviceurl"] = serviceUrl }, now);

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private static IResult Metadata(HttpContext context, string issuer, string keysPath)
    {
        var baseUrl = $"{context.Request.Scheme}://{context.Request.Host}";
        var document = new JsonObject
        {
            ["issuer"] = issuer,
            ["authorization_endpoint"] = "https://invalid.example/authorize",
            ["jwks_uri"] = baseUrl + keysPath,
            ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
            ["token_endpoint_auth_methods_supported"] = new JsonArray("private_key_jwt"),
        };
        return Results.Text(document.ToJsonString(), "application/json");
    }

    private static string Jwks(params TestKey[] keys)
    {
        var array = new JsonArray();
        foreach (var key in keys)
        {
            array.Add(key.ToJwk());
        }

        return new JsonObject { ["keys"] = array }.ToJsonString();
    }
}

/// <summary>An RSA key with a kid and optional endorsements.</summary>
internal sealed class TestKey
{
    private TestKey(string keyId, RSAParameters parameters, IReadOnlyList<string>? endorsements)
    {
        KeyId = keyId;
        Parameters = parameters;
        Endorsements = endorsements;
        SecurityKey = new RsaSecurityKey(parameters) { KeyId = keyId };
    }

    public string KeyId { get; }

    public RSAParameters Parameters { get; }

    public IReadOnlyList<string>? Endorsements { get; }

    public RsaSecurityKey SecurityKey { get; }

    public static TestKey Create(string keyId, IReadOnlyList<string>? endorsements)
    {
        using var rsa = RSA.Create(2048);
        return new TestKey(keyId, rsa.ExportParameters(includePrivateParameters: true), endorsements);
    }

    /// <summary>A different private key published under the same kid: signatures by it must fail.</summary>
    public TestKey Impostor() => Create(KeyId, Endorsements);

    public JsonObject ToJwk()
    {
        var jwk = new JsonObject
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["kid"] = KeyId,
            ["n"] = Base64UrlEncoder.Encode(Parameters.Modulus),
            ["e"] = Base64UrlEncoder.Encode(Parameters.Exponent),
        };
        if (Endorsements is not null)
        {
            jwk["endorsements"] = new JsonArray(Endorsements.Select(e => (JsonNode)JsonValue.Create(e)!).ToArray());
        }

        return jwk;
    }
}
