using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using SupportBot.BotFramework.Authentication;

namespace SupportBot.BotFramework.Tests.Authentication;

public sealed class EndorsementsTests
{
    private const string Jwks = """
        {"keys":[{"kty":"RSA","use":"sig","kid":"k1","n":"sXchDaQebHnPiGvyDOAT4saGEUetSyo9MKLOoWFsueri23bOdgWp4Dy1WlUzewbgBHod5pcM9H95GQRV3JDXboIRROSBigeC5yjU1hGzHHyXss8UDprecbAYxknTcQkhslANGRUZmdTOQ5qTRsLAt6BTYuyvVRdhS8exSZEy_c4gs_7svlJJQ4H9_NxsiIoLwAEk7-Q3UXERGYw_75IDrGA84-lA_-Ct4eTlXHBIY2EaV7t7LjJaynVJCpkv4LKjTTAumiGUIuQhrNhZLuF_RJLqHpM2kgWFLU7-VTdL1VbC2tejvcI2BlMkEpk1BzBZI0KQB0GaDWFLN-aEAw3vRw","e":"AQAB",
          "endorsements":["msteams","webchat"]}]}
        """;

    [Fact]
    public void Read_KeyParsedByIdentityModel_ReturnsEndorsements()
    {
        var key = new JsonWebKeySet(Jwks).Keys.Single();

        Assert.Equal(["msteams", "webchat"], Endorsements.Read(key));
    }

    [Fact]
    public void Read_KeyInOpenIdConfiguration_ReturnsEndorsements()
    {
        // The path the validator takes: metadata's JsonWebKeySet, as filled by the configuration retriever.
        var configuration = new OpenIdConnectConfiguration { JsonWebKeySet = new JsonWebKeySet(Jwks) };

        Assert.Equal(["msteams", "webchat"], Endorsements.Read(configuration.JsonWebKeySet.Keys.Single()));
    }

    [Fact]
    public void Read_KeyWithoutEndorsements_ReturnsEmpty()
    {
        Assert.Empty(Endorsements.Read(new JsonWebKey("""{"kty":"RSA","kid":"k2","n":"AQAB","e":"AQAB"}""")));
    }

    [Theory]
    [InlineData("msteams", true)]
    [InlineData("webchat", true)]
    [InlineData("MSTEAMS", false)]
    [InlineData("directline", false)]
    [InlineData("", true)]
    [InlineData(null, true)]
    public void Allows_ChannelAgainstEndorsements_OrdinalMembership(string? channelId, bool expected)
    {
        Assert.Equal(expected, Endorsements.Allows(["msteams", "webchat"], channelId));
    }

    [Fact]
    public void Allows_NoEndorsements_Unrestricted()
    {
        Assert.True(Endorsements.Allows([], "msteams"));
    }
}
