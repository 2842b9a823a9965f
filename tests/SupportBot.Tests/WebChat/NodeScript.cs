using System.Diagnostics;
using System.Text;
using SupportBot.Tests.Support;

namespace SupportBot.Tests.WebChat;

/// <summary>Runs a script of the repository's web/ folder with node (its npm packages installed by scripts/test.sh).</summary>
internal static class NodeScript
{
    public static string WebFolder => Path.Combine(CliRunner.RepoRoot, "web");

    public static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(TimeSpan timeout, string script, params string[] args)
    {
        Assert.True(
            Directory.Exists(Path.Combine(WebFolder, "node_modules", "botframework-directlinejs")),
            "web/node_modules is missing: run scripts/test.sh (or node web/install.mjs) first.");
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = WebFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(Path.Combine(WebFolder, script));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"node {script} did not finish within {timeout}.\n{await stderr}");
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}
