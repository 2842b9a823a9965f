using System.Diagnostics;
using System.Text.RegularExpressions;
using SupportBot.Tests.Support;

namespace SupportBot.Tests.Deployment;

/// <summary>
/// docs/deployment.md and deployment/README.md name only files, settings, variables and template parameters that
/// exist, so the guide cannot drift from the files it describes.
/// </summary>
public sealed partial class DeploymentGuideTests
{
    public static TheoryData<string> Guides => new() { "docs/deployment.md", "deployment/README.md" };

    /// <summary>Files the guide's commands create; they must be ignored by git.</summary>
    private static readonly string[] Outputs = ["deployment/teams/build/supportbot-teams.zip", "deployment/docker/.env"];

    private static readonly string[] DeploymentFolders = ["docker", "kubernetes", "azure"];

    private static readonly string[] Roots = ["deployment", "docs", "knowledge", "src", "scripts", "tests", "web"];

    [Theory]
    [MemberData(nameof(Guides))]
    public void Guide_NamedFiles_Exist(string guide)
    {
        var (folder, text) = Read(guide);
        var beside = Directory.EnumerateFileSystemEntries(folder).Select(e => Path.GetFileName(e)).ToHashSet(StringComparer.Ordinal);
        var named = InlineCode().Matches(text).Select(m => m.Groups[1].Value).Where(t => LooksLikePath(t, beside))
            .Concat(RepoPath().Matches(text).Select(m => m.Value.TrimEnd('.', ',', ')')))
            .Distinct()
            .ToList();

        Assert.True(named.Count >= 10, string.Join(", ", named));
        foreach (var path in named)
        {
            var relative = path.TrimEnd('/');
            var inRepo = Path.Combine(CliRunner.RepoRoot, relative);
            var besideGuide = Path.Combine(folder, relative);
            if (Outputs.Contains(relative))
            {
                Assert.Equal(0, Git("check-ignore", "-q", relative));
                continue;
            }

            Assert.True(File.Exists(inRepo) || Directory.Exists(inRepo) || File.Exists(besideGuide) || Directory.Exists(besideGuide), $"{guide} names {path}, which does not exist");
        }
    }

    [Theory]
    [MemberData(nameof(Guides))]
    public void Guide_NamedSettings_AreTheAppsOwn(string guide)
    {
        var (_, text) = Read(guide);
        var settings = InlineCode().Matches(text).Select(m => m.Groups[1].Value)
            .Where(t => SettingName().IsMatch(t))
            .ToList();

        Assert.Contains("Storage:ConnectionString", settings);
        foreach (var token in settings)
        {
            var (key, value) = token.Split('=', 2) is [var k, var v] ? (k, v) : (token, null);
            Assert.Null(KnownSettings.Check(KnownSettings.FromEnvironmentName(key), value));
        }
    }

    [Theory]
    [MemberData(nameof(Guides))]
    public void Guide_NamedVariablesAndParameters_AreInTheDeploymentFiles(string guide)
    {
        var (_, text) = Read(guide);
        var tokens = InlineCode().Matches(text).Select(m => m.Groups[1].Value.Split('=')[0]).Distinct().ToList();
        var files = string.Join('\n', DeploymentFolders
            .SelectMany(f => Directory.GetFiles(Path.Combine(DeploymentValidator.Deployment, f)))
            .Append(Path.Combine(DeploymentValidator.Deployment, "teams", "package.mjs"))
            .Select(File.ReadAllText));
        var checkedTokens = tokens.Where(t => LowerCamel().IsMatch(t) || (ShellVariable().IsMatch(t) && !t.StartsWith("ASPNETCORE_", StringComparison.Ordinal))).ToList();

        // Compose variables, Bicep parameters and outputs, Kubernetes fields and Secret keys.
        foreach (var token in checkedTokens)
        {
            Assert.True(Regex.IsMatch(files, $"\\b{token}\\b"), $"{guide} names {token}, which no deployment file has");
        }
    }

    [Fact]
    public void Guide_SecretKeysAndParameters_AreTheOnesTheFilesRead()
    {
        var (_, text) = Read("docs/deployment.md");
        var deployment = File.ReadAllText(Path.Combine(DeploymentValidator.Kustomization, "supportbot.yaml"));
        var bicep = DeploymentValidator.Valid("bicep", DeploymentValidator.Bicep);
        var secure = bicep["parameters"]!.AsArray().Where(p => p!["secure"]!.GetValue<bool>()).Select(p => p!["name"]!.GetValue<string>()).ToList();

        foreach (var key in new[] { "MicrosoftAppId", "MicrosoftAppPassword", "MicrosoftAppTenantId", "DirectLineAzureSecret" })
        {
            Assert.Contains($"--from-literal={key}=", text, StringComparison.Ordinal);
            Assert.Contains($"key: {key}", deployment, StringComparison.Ordinal);
        }

        Assert.All(secure, p => Assert.Contains($"`{p}`", text, StringComparison.Ordinal));
        Assert.All(bicep["outputs"]!.AsArray(), o => Assert.Contains($"`{o}`", text, StringComparison.Ordinal));
    }

    private static (string Folder, string Text) Read(string guide)
    {
        var path = Path.Combine(CliRunner.RepoRoot, guide);
        return (Path.GetDirectoryName(path)!, File.ReadAllText(path));
    }

    /// <summary>A file name, or a path whose first folder is one of the repository's or one beside the guide.</summary>
    private static bool LooksLikePath(string token, HashSet<string> beside) =>
        !token.Contains("://", StringComparison.Ordinal) && !token.Contains('<', StringComparison.Ordinal) && !token.Contains(' ', StringComparison.Ordinal)
        && (token.Contains('/', StringComparison.Ordinal) ? Roots.Contains(token.Split('/')[0]) || beside.Contains(token.Split('/')[0]) : FileName().IsMatch(token));

    private static int Git(params string[] args)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = CliRunner.RepoRoot, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        process.WaitForExit(30_000);
        return process.ExitCode;
    }

    [GeneratedRegex("`([^`\n]+)`")]
    private static partial Regex InlineCode();

    // Paths of the repository anywhere in the text, code blocks included.
    [GeneratedRegex(@"(?<![\w/.<-])(?:deployment|docs|knowledge|src|scripts|tests|web)/[\w./-]*[\w/]")]
    private static partial Regex RepoPath();

    [GeneratedRegex(@"^[\w.-]+\.(md|yaml|json|mjs|bicep|env|cs|sh|js)$|^Dockerfile$|^\.dockerignore$")]
    private static partial Regex FileName();

    // Section:Key, Section__Key(=value) and the root Bot Framework keys.
    [GeneratedRegex(@"^([A-Z][A-Za-z]+((:|__)[A-Za-z0-9]+)+(=\S+)?|Microsoft(AppId|AppPassword|AppType|AppTenantId))$")]
    private static partial Regex SettingName();

    [GeneratedRegex("^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$")]
    private static partial Regex ShellVariable();

    [GeneratedRegex("^[a-z]+[A-Z][A-Za-z]*$")]
    private static partial Regex LowerCamel();
}
