using System.Buffers.Text;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using SupportBot.BotFramework.DirectLine;
using SupportBot.BotFramework.Tests.TestSupport;

namespace SupportBot.BotFramework.Tests.DirectLine;

/// <summary>Tokens: what they carry, when they expire, and that nothing but our own signature passes.</summary>
public sealed class DirectLineTokenCodecTests
{
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2024, 10, 1, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Issue_ThenCheck_SameClaims_AndAJwtWithTheUserClaimWebChatReads()
    {
        var codec = Codec();
        var expires = _time.GetUtcNow().AddMinutes(30);

        var token = codec.Issue(new DirectLineClaims(DirectLineScopes.Conversation, "conv-1", "dl_ada", "Ada", expires));

        Assert.Equal(TokenCheck.Valid, codec.Check(token, out var claims));
        Assert.Equal(new DirectLineClaims(DirectLineScopes.Conversation, "conv-1", "dl_ada", "Ada", expires), claims! with { TokenId = null });
        Assert.Matches("^[A-Za-z0-9_-]{16}$", claims.TokenId);
        var parts = token.Split('.');
        Assert.Equal(3, parts.Length);
        Assert.Equal("""{"alg":"HS256","typ":"JWT"}""", Encoding.UTF8.GetString(Base64Url.DecodeFromChars(parts[0])));
        Assert.Equal("dl_ada", JsonNode.Parse(Base64Url.DecodeFromChars(parts[1]))!["user"]!.GetValue<string>());
    }

    [Fact]
    public void Check_AtExpiry_Expired()
    {
        var codec = Codec();
        var token = codec.Issue(new DirectLineClaims(DirectLineScopes.Conversation, "conv-1", null, null, _time.GetUtcNow().AddMinutes(30)));

        _time.Advance(TimeSpan.FromMinutes(30) - TimeSpan.FromSeconds(1));
        Assert.Equal(TokenCheck.Valid, codec.Check(token, out _));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(TokenCheck.Expired, codec.Check(token, out _));
    }

    [Fact]
    public void Check_PayloadChangedToAnotherConversation_Invalid()
    {
        var codec = Codec();
        var parts = codec.Issue(new DirectLineClaims(DirectLineScopes.Conversation, "conv-1", null, null, _time.GetUtcNow().AddMinutes(30))).Split('.');
        var payload = JsonNode.Parse(Base64Url.DecodeFromChars(parts[1]))!;
        payload["conv"] = "conv-2";

        var forged = $"{parts[0]}.{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload.ToJsonString()))}.{parts[2]}";

        Assert.Equal(TokenCheck.Invalid, codec.Check(forged, out _));
    }

    [Fact]
    public void Check_SignedWithAnotherKey_Invalid()
    {
        var token = Codec().Issue(new DirectLineClaims(DirectLineScopes.Conversation, "conv-1", null, null, _time.GetUtcNow().AddMinutes(30)));

        Assert.Equal(TokenCheck.Invalid, Codec().Check(token, out _));
    }

    [Fact]
    public void Check_ConfiguredKey_TokensSurviveARestart()
    {
        var key = Convert.ToBase64String(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray());
        var token = Codec(key).Issue(new DirectLineClaims(DirectLineScopes.Conversation, "conv-1", null, null, _time.GetUtcNow().AddMinutes(30)));

        Assert.Equal(TokenCheck.Valid, Codec(key).Check(token, out _));
    }

    [Fact]
    public void Check_AlgNone_Invalid()
    {
        var header = Base64Url.EncodeToString("""{"alg":"none","typ":"JWT"}"""u8);
        var payload = Base64Url.EncodeToString("""{"scope":"conversation","conv":"conv-1","exp":9999999999}"""u8);

        Assert.Equal(TokenCheck.Invalid, Codec().Check($"{header}.{payload}.", out _));
    }

    [Fact]
    public void Check_RandomInput_NeverThrows()
    {
        var codec = Codec();
        var valid = codec.Issue(new DirectLineClaims(DirectLineScopes.Conversation, "conv-1", null, null, _time.GetUtcNow().AddMinutes(30)));
        var random = new Random(20240929);
        const string alphabet = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.-_+/=!é";
        for (var i = 0; i < 3_000; i++)
        {
            var text = i % 2 == 0
                ? new string(Enumerable.Range(0, random.Next(0, 120)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray())
                : valid[..random.Next(valid.Length)] + alphabet[random.Next(alphabet.Length)] + valid[random.Next(valid.Length)..];

            var result = codec.Check(text, out _);

            Assert.True(result == TokenCheck.Invalid || text == valid, text);
        }
    }

    [Fact]
    public void Issue_SameClaimsTwice_EachTokenHasItsOwnId()
    {
        var codec = Codec();
        var claims = new DirectLineClaims(DirectLineScopes.Conversation, "conv-1", null, null, _time.GetUtcNow().AddMinutes(30));

        codec.Check(codec.Issue(claims), out var first);
        codec.Check(codec.Issue(claims), out var second);

        Assert.NotEqual(first!.TokenId, second!.TokenId);
    }

    private DirectLineTokenCodec Codec(string? key = null) =>
        new(new ConfiguredSigningKey(Options.Create(new DirectLineOptions { TokenSigningKey = key })), _time);
}
