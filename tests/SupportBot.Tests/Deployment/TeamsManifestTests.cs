using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json.Nodes;
using SupportBot.Bot;
using SupportBot.Tests.Support;

namespace SupportBot.Tests.Deployment;

/// <summary>
/// deployment/teams: the manifest validates against the official Teams schema (shipped in npm's
/// @microsoft/app-manifest, checked with Ajv by node; scripts/test.sh installs it), the icons are real PNGs of
/// the required sizes, the package is a flat zip, and the manifest's command matches what the bot handles.
/// </summary>
public sealed class TeamsManifestTests
{
    private static readonly string Folder = Path.Combine(CliRunner.RepoRoot, "deployment", "teams");

    [Fact]
    public void Manifest_ValidatesAgainstTheOfficialSchema()
    {
        var (exit, output) = Node("validate.mjs", Path.Combine(Folder, "manifest.json"));

        Assert.True(exit == 0, output);
        Assert.Contains("valid against the Teams manifest schema v1.29", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("unknown top-level property", "must NOT have additional properties")]
    [InlineData("short name over 30 characters", "/name/short")]
    [InlineData("botId not a GUID", "/bots/0/botId")]
    [InlineData("bot scope misspelt", "/bots/0/scopes/2")]
    [InlineData("manifestVersion not the schema's", "/manifestVersion")]
    [InlineData("outline icon 192 pixels", "icons.outline")]
    public void Manifest_Broken_RejectedWithThePlace(string breakage, string expected)
    {
        using var copy = new TempFolder();
        foreach (var file in new[] { "color.png", "outline.png" })
        {
            File.Copy(Path.Combine(Folder, file), Path.Combine(copy.Path, file));
        }

        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, "manifest.json")))!;
        switch (breakage)
        {
            case "unknown top-level property":
                manifest["supportBotExtra"] = true;
                break;
            case "short name over 30 characters":
                manifest["name"]!["short"] = new string('S', 31);
                break;
            case "botId not a GUID":
                manifest["bots"]![0]!["botId"] = "supportbot";
                break;
            case "bot scope misspelt":
                manifest["bots"]![0]!["scopes"]![2] = "groupchat-typo";
                break;
            case "manifestVersion not the schema's":
                manifest["manifestVersion"] = "1.28";
                break;
            case "outline icon 192 pixels":
                File.Copy(Path.Combine(Folder, "color.png"), Path.Combine(copy.Path, "outline.png"), overwrite: true);
                break;
        }

        File.WriteAllText(Path.Combine(copy.Path, "manifest.json"), manifest.ToJsonString());

        var (exit, output) = Node("validate.mjs", Path.Combine(copy.Path, "manifest.json"));

        Assert.True(exit == 1, output);
        Assert.Contains(expected, output, StringComparison.Ordinal);
    }

    [Fact]
    public void Manifest_BotAndSearchCommand_MatchWhatTheBotHandles()
    {
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, "manifest.json")))!;

        var bot = Assert.Single(manifest["bots"]!.AsArray())!;
        Assert.Equal(["personal", "team", "groupChat"], bot["scopes"]!.AsArray().Select(s => s!.GetValue<string>()));
        var extension = Assert.Single(manifest["composeExtensions"]!.AsArray())!;
        Assert.Equal(bot["botId"]!.GetValue<string>(), extension["botId"]!.GetValue<string>());
        Assert.Equal(manifest["id"]!.GetValue<string>(), bot["botId"]!.GetValue<string>());
        var command = Assert.Single(extension["commands"]!.AsArray())!;
        Assert.Equal(("searchFaq", "query", true), (command["id"]!.GetValue<string>(), command["type"]!.GetValue<string>(), command["initialRun"]!.GetValue<bool>()));
        Assert.Equal(SupportMessagingExtension.QueryParameter, Assert.Single(command["parameters"]!.AsArray())!["name"]!.GetValue<string>());
    }

    [Fact]
    public void Icons_RealPngsOfTheRequiredSizes_OutlineWhiteOnTransparent()
    {
        var color = Png.Read(Path.Combine(Folder, "color.png"));
        var outline = Png.Read(Path.Combine(Folder, "outline.png"));

        Assert.Equal((192, 192), (color.Width, color.Height));
        Assert.Equal((32, 32), (outline.Width, outline.Height));
        Assert.All(color.Pixels(), p => Assert.Equal(255, p.A));
        var outlinePixels = outline.Pixels().ToList();
        Assert.Equal(0, outlinePixels[0].A);
        Assert.Contains(outlinePixels, p => p.A == 0);
        Assert.Contains(outlinePixels, p => p.A == 255);
        Assert.All(outlinePixels.Where(p => p.A > 0), p => Assert.Equal((255, 255, 255), (p.R, p.G, p.B)));
    }

    [Fact]
    public void Package_WithTheAppId_FlatZipOfManifestAndIcons()
    {
        using var output = new TempFolder();
        var zipPath = Path.Combine(output.Path, "app.zip");
        const string AppId = "6f1c2a00-1111-4222-8333-444455556666";

        var (exit, log) = Node("package.mjs", "--out", zipPath, "--version", "1.0.7", "--app-id", AppId);

        Assert.True(exit == 0, log);
        using var zip = ZipFile.OpenRead(zipPath);
        Assert.Equal(["color.png", "manifest.json", "outline.png"], zip.Entries.Select(e => e.FullName).Order());
        using var manifestStream = zip.GetEntry("manifest.json")!.Open();
        var manifest = JsonNode.Parse(manifestStream)!;
        Assert.Equal(AppId, manifest["id"]!.GetValue<string>());
        Assert.Equal(AppId, manifest["bots"]![0]!["botId"]!.GetValue<string>());
        Assert.Equal(AppId, manifest["composeExtensions"]![0]!["botId"]!.GetValue<string>());
        Assert.Equal("1.0.7", manifest["version"]!.GetValue<string>());
        foreach (var icon in new[] { "color.png", "outline.png" })
        {
            using var stream = zip.GetEntry(icon)!.Open();
            using var bytes = new MemoryStream();
            stream.CopyTo(bytes);
            Assert.Equal(File.ReadAllBytes(Path.Combine(Folder, icon)), bytes.ToArray());
        }

        using var extracted = new TempFolder();
        ZipFile.ExtractToDirectory(zipPath, extracted.Path);
        Assert.True(Node("validate.mjs", Path.Combine(extracted.Path, "manifest.json")).Exit == 0);
    }

    private static (int Exit, string Output) Node(params string[] args)
    {
        Assert.True(
            Directory.Exists(Path.Combine(Folder, "node_modules", "@microsoft", "app-manifest")),
            "deployment/teams/node_modules is missing: run scripts/test.sh (or npm ci --prefix deployment/teams) first.");
        var start = new ProcessStartInfo("node") { WorkingDirectory = Folder, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(Folder, args[0]));
        foreach (var arg in args.Skip(1))
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("MICROSOFT_APP_ID");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(60_000), "node did not finish");
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    private sealed class TempFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("supportbot-teams-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
