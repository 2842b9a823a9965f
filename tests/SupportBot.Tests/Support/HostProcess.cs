using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace SupportBot.Tests.Support;

/// <summary>The program started as a process (<c>dotnet SupportBot.dll [serve] --urls …</c>), its console output collected.</summary>
internal sealed partial class HostProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly TaskCompletionSource<string> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private HostProcess(Process process) => _process = process;

    public string Output => string.Join('\n', _output);

    public static HostProcess Start(IEnumerable<string> args, string workingDirectory, IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(CliRunner.ProgramPath);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // A developer's or CI's own settings must not leak in.
        foreach (var key in new[] { "ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS", "DOTNET_URLS", "MicrosoftAppId", "MicrosoftAppPassword" })
        {
            start.Environment.Remove(key);
        }

        start.Environment["Logging__Console__FormatterName"] = "simple";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var process = new HostProcess(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start"));
        process._process.OutputDataReceived += (_, e) => process.OnLine(e.Data);
        process._process.ErrorDataReceived += (_, e) => process.OnLine(e.Data);
        process._process.BeginOutputReadLine();
        process._process.BeginErrorReadLine();
        return process;
    }

    /// <summary>The address from Kestrel's "Now listening on:" line.</summary>
    public async Task<string> ListeningAsync(TimeSpan timeout)
    {
        var exited = _process.WaitForExitAsync();
        var first = await Task.WhenAny(_listening.Task, exited, Task.Delay(timeout));
        return first == _listening.Task
            ? await _listening.Task
            : throw new InvalidOperationException($"The host did not start listening (exited: {_process.HasExited}).\n{Output}");
    }

    private bool _disposed;

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        if (Listening().Match(line) is { Success: true } match)
        {
            _listening.TrySetResult(match.Groups["url"].Value);
        }
    }

    [GeneratedRegex(@"Now listening on: (?<url>http://\S+)")]
    private static partial Regex Listening();
}
