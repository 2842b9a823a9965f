using System.Diagnostics;
using System.Text;

namespace SupportBot.Tests.Support;

/// <summary>What a run of the program did.</summary>
public sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}{Environment.NewLine}--- stdout:{Environment.NewLine}{Stdout}{Environment.NewLine}--- stderr:{Environment.NewLine}{Stderr}";
}

/// <summary>
/// Runs the real program as a separate process, <c>dotnet SupportBot.dll verb …</c>, from the repository root, the
/// way a support agent or a script does.
/// </summary>
internal static class CliRunner
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);
    private static readonly Lazy<string> LazyRoot = new(FindRoot);
    private static readonly Lazy<string> LazyProgram = new(FindProgram);

    /// <summary>The folder holding SupportBot.sln.</summary>
    public static string RepoRoot => LazyRoot.Value;

    /// <summary>SupportBot.dll: copied next to this test assembly by the project reference, else the project's own build.</summary>
    public static string ProgramPath => LazyProgram.Value;

    /// <param name="args">The verb and its arguments.</param>
    /// <param name="stdin">Text for standard input, if any.</param>
    /// <param name="workingDirectory">Where to run; the repository root by default.</param>
    /// <param name="environment">Variables to set for the run (settings such as <c>Answering__FaqThreshold</c>).</param>
    public static CliResult Run(IEnumerable<string> args, string? stdin = null, string? workingDirectory = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet")
        {
            WorkingDirectory = workingDirectory ?? RepoRoot,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            StandardInputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        start.ArgumentList.Add(ProgramPath);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            process.StandardInput.Write(stdin);
        }

        process.StandardInput.Close();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"SupportBot {string.Join(' ', args)} did not finish within {Timeout}");
        }

        process.WaitForExit();
        return new CliResult(process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }

    public static CliResult Run(params string[] args) => Run((IEnumerable<string>)args);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SupportBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} holds SupportBot.sln");
    }

    private static string FindProgram()
    {
        var beside = Path.Combine(AppContext.BaseDirectory, "SupportBot.dll");
        if (File.Exists(beside))
        {
            return beside;
        }

        // Same configuration as this test assembly first, then the most recent build of any configuration.
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent?.Name ?? "Debug";
        var bin = Path.Combine(RepoRoot, "src", "SupportBot", "bin");
        var preferred = Path.Combine(bin, configuration, "net10.0", "SupportBot.dll");
        if (File.Exists(preferred))
        {
            return preferred;
        }

        return Directory.Exists(bin)
            ? Directory.GetFiles(bin, "SupportBot.dll", SearchOption.AllDirectories).OrderByDescending(File.GetLastWriteTimeUtc).FirstOrDefault()
              ?? throw new FileNotFoundException($"SupportBot.dll is neither next to the tests nor under {bin}")
            : throw new FileNotFoundException($"SupportBot.dll is neither next to the tests nor under {bin}");
    }
}
