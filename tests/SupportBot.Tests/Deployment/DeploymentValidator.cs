using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using SupportBot.Tests.Support;

namespace SupportBot.Tests.Deployment;

/// <summary>
/// Runs deployment/validate/validate.mjs (node, with the validators npm installed there: scripts/test.sh runs
/// npm ci) on a file or folder, and returns its verdict and what it read, as JSON.
/// </summary>
internal static class DeploymentValidator
{
    public static readonly string Deployment = Path.Combine(CliRunner.RepoRoot, "deployment");

    private static readonly string Folder = Path.Combine(Deployment, "validate");

    private static readonly ConcurrentDictionary<string, Lazy<(int Exit, string Output, JsonNode Result)>> ValidResults = new(StringComparer.Ordinal);

    public static string Dockerfile => Path.Combine(Deployment, "docker", "Dockerfile");

    public static string ComposeFile => Path.Combine(Deployment, "docker", "compose.yaml");

    public static string Kustomization => Path.Combine(Deployment, "kubernetes");

    public static string Bicep => Path.Combine(Deployment, "azure", "main.bicep");

    public static string BicepParameters => Path.Combine(Deployment, "azure", "main.parameters.json");

    /// <summary>Validates; <c>Output</c> is node's stderr (the verdict and problems), <c>Result</c> the parsed --json output.</summary>
    public static (int Exit, string Output, JsonNode Result) Run(string kind, params string[] paths)
    {
        Assert.True(
            Directory.Exists(Path.Combine(Folder, "node_modules", "dclint")),
            "deployment/validate/node_modules is missing: run scripts/test.sh (or npm ci --prefix deployment/validate) first.");
        var start = new ProcessStartInfo("node") { WorkingDirectory = Folder, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(Folder, "validate.mjs"));
        start.ArgumentList.Add(kind);
        foreach (var path in paths)
        {
            start.ArgumentList.Add(path);
        }

        start.ArgumentList.Add("--json");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(120_000), "node validate.mjs did not finish");
        var output = stderr.Result;
        var result = JsonNode.Parse(stdout.Result is { Length: > 0 } json ? json : "{}")!;
        return (process.ExitCode, output, result);
    }

    /// <summary>
    /// Validates and asserts that the file is valid. The repository's files do not change during a test run, so each
    /// is validated once and every test gets its own copy of the result.
    /// </summary>
    public static JsonNode Valid(string kind, params string[] paths)
    {
        var (exit, output, result) = ValidResults.GetOrAdd($"{kind} {string.Join(' ', paths)}", _ => new Lazy<(int, string, JsonNode)>(() => Run(kind, paths))).Value;
        Assert.True(exit == 0, output);
        Assert.Empty(result["problems"]!.AsArray());
        return result.DeepClone();
    }

    /// <summary>A throw-away folder for broken copies.</summary>
    public sealed class TempFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("supportbot-deployment-").FullName;

        public string File(string name, string text)
        {
            var path = System.IO.Path.Combine(Path, name);
            System.IO.File.WriteAllText(path, text);
            return path;
        }

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
