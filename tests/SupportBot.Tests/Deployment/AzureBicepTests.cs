using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SupportBot.Tests.Deployment;

/// <summary>
/// deployment/azure/main.bicep and its parameters file. The Bicep compiler is not served here (deployment/README.md),
/// so the template is parsed with the tree-sitter Bicep grammar and checked for what a syntax tree shows; these
/// tests add what the app needs: the bot's endpoint, its channels, the settings the container gets, the probes.
/// </summary>
public sealed partial class AzureBicepTests
{
    [Fact]
    public void Template_ParsesAndItsParametersFileMatches()
    {
        DeploymentValidator.Valid("bicep", DeploymentValidator.Bicep, DeploymentValidator.BicepParameters);
    }

    [Theory]
    [InlineData("parent: bot\n  name: 'MsTeamsChannel'", "parent: bots\n  name: 'MsTeamsChannel'", "\"bots\" is not declared")]
    [InlineData("param botSku string = 'F0'", "param botSku string = 'F0", "syntax error")]
    [InlineData("      ingress: {", "      ingress: {{", "syntax error")]
    public void Template_Broken_RejectedWithTheLine(string from, string to, string expected)
    {
        using var temp = new DeploymentValidator.TempFolder();
        var text = File.ReadAllText(DeploymentValidator.Bicep);
        Assert.Contains(from, text, StringComparison.Ordinal);
        var line = text[..text.IndexOf(from, StringComparison.Ordinal)].Count(c => c == '\n') + 1;
        var broken = temp.File("main.bicep", text.Replace(from, to, StringComparison.Ordinal));

        var (exit, output, _) = DeploymentValidator.Run("bicep", broken);

        Assert.True(exit == 1, output);
        Assert.Contains(expected, output, StringComparison.Ordinal);
        Assert.Matches($"main.bicep:({line}|{line + 1}):", output);
    }

    [Theory]
    [InlineData("undeclared", "parameter \"botName\" is not declared")]
    [InlineData("required missing", "required parameter \"msaAppId\" has no value")]
    [InlineData("not allowed", "parameter \"msaAppType\" is 'Multitenant', not one of")]
    [InlineData("secret in the file", "parameter \"msaAppPassword\" is @secure()")]
    public void ParametersFile_Broken_Rejected(string breakage, string expected)
    {
        var parameters = JsonNode.Parse(File.ReadAllText(DeploymentValidator.BicepParameters))!;
        var values = parameters["parameters"]!.AsObject();
        switch (breakage)
        {
            case "undeclared":
                values["botName"] = new JsonObject { ["value"] = "x" };
                break;
            case "required missing":
                values.Remove("msaAppId");
                break;
            case "not allowed":
                values["msaAppType"] = new JsonObject { ["value"] = "Multitenant" };
                break;
            case "secret in the file":
                values["msaAppPassword"] = new JsonObject { ["value"] = "hunter2" };
                break;
        }

        using var temp = new DeploymentValidator.TempFolder();
        var file = temp.File("main.parameters.json", parameters.ToJsonString());

        var (exit, output, _) = DeploymentValidator.Run("bicep", DeploymentValidator.Bicep, file);

        Assert.True(exit == 1, output);
        Assert.Contains(expected, output, StringComparison.Ordinal);
    }

    [Fact]
    public void Template_BotResource_TeamsDirectLineAndWebChatChannels_EndpointIsTheHostsMessagesRoute()
    {
        var result = DeploymentValidator.Valid("bicep", DeploymentValidator.Bicep);
        var text = File.ReadAllText(DeploymentValidator.Bicep);

        var types = result["resources"]!.AsArray().Select(r => r!["type"]!.GetValue<string>().Split('@')[0]).ToList();
        Assert.Contains("Microsoft.BotService/botServices", types);
        Assert.Contains("Microsoft.App/containerApps", types);
        Assert.Contains("Microsoft.Cache/redis", types);
        Assert.Equal(3, types.Count(t => t == "Microsoft.BotService/botServices/channels"));
        Assert.Equal(["DirectLineChannel", "MsTeamsChannel", "WebChatChannel"], ChannelName().Matches(text).Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal));
        Assert.Matches("var messagingEndpoint = 'https://\\$\\{app\\.properties\\.configuration\\.ingress\\.fqdn\\}/api/messages'", text);
        Assert.Contains("output messagingEndpoint string = messagingEndpoint", text, StringComparison.Ordinal);
        foreach (var setting in new[] { "msaAppId", "msaAppType", "msaAppTenantId" })
        {
            Assert.Contains(result["parameters"]!.AsArray(), p => p!["name"]!.GetValue<string>() == setting);
            Assert.Matches($"\\n    {setting}: ", text);
        }
    }

    [Fact]
    public void Template_Container_SettingsAreTheAppsOwnAndSecretsAreSecretRefs()
    {
        var result = DeploymentValidator.Valid("bicep", DeploymentValidator.Bicep);
        var env = result["env"]!.AsArray().ToDictionary(e => e!["name"]!.GetValue<string>(), e => e!["secret"]!.GetValue<bool>());

        foreach (var name in env.Keys)
        {
            Assert.Null(KnownSettings.Check(KnownSettings.FromEnvironmentName(name), null));
        }

        Assert.True(env["MicrosoftAppPassword"]);
        Assert.True(env["DirectLine__AzureSecret"]);
        Assert.True(env["Storage__ConnectionString"]);
        Assert.False(env["MicrosoftAppId"]);
        Assert.Contains("ASPNETCORE_FORWARDEDHEADERS_ENABLED", env.Keys);
        Assert.All(result["parameters"]!.AsArray().Where(p => p!["name"]!.GetValue<string>().Contains("Password", StringComparison.Ordinal) || p!["name"]!.GetValue<string>().Contains("Secret", StringComparison.Ordinal)), p => Assert.True(p!["secure"]!.GetValue<bool>()));
    }

    [Fact]
    public void Template_Probes_UseTheHostsHealthPathsOnTheImagesPort()
    {
        var result = DeploymentValidator.Valid("bicep", DeploymentValidator.Bicep);
        var image = DeploymentValidator.Valid("dockerfile", DeploymentValidator.Dockerfile);
        var port = int.Parse(image["expose"]![0]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);

        var probes = result["probes"]!.AsArray().ToDictionary(p => p!["type"]!.GetValue<string>(), p => p!);
        Assert.Equal("/readyz", probes["Readiness"]["path"]!.GetValue<string>());
        Assert.Equal("/healthz", probes["Liveness"]["path"]!.GetValue<string>());
        Assert.Equal("/healthz", probes["Startup"]["path"]!.GetValue<string>());
        Assert.All(probes.Values, p => Assert.Equal(port, p["port"]!.GetValue<int>()));
        Assert.Contains($"targetPort: {port}", File.ReadAllText(DeploymentValidator.Bicep), StringComparison.Ordinal);
    }

    [GeneratedRegex("channelName: '([A-Za-z]+)'")]
    private static partial Regex ChannelName();
}
