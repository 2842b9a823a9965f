using System.Diagnostics;
using SupportBot.Answering;
using SupportBot.Engine.Answering;
using SupportBot.Tests.Support;

namespace SupportBot.Tests.Deployment;

/// <summary>
/// deployment/docker/Dockerfile: valid for dockerfile-utils (VS Code's Docker validator), built the way the issue
/// asks (SDK to build, ASP.NET runtime to run, non-root), and its HEALTHCHECK command works against the real host.
/// No Docker engine runs on these machines, so the image itself is never built here.
/// </summary>
public sealed class DockerfileTests
{
    [Fact]
    public void Dockerfile_ValidatesWithDockerfileUtils()
    {
        DeploymentValidator.Valid("dockerfile", DeploymentValidator.Dockerfile);
    }

    [Theory]
    [InlineData("--interval=15s", "--interval=15x", "unknown unit x")]
    [InlineData("EXPOSE 8080", "EXPOSE 8080/sctpx", "Invalid proto")]
    [InlineData("USER $APP_UID", "USR $APP_UID", "Unknown instruction")]
    public void Dockerfile_Broken_RejectedWithTheLine(string from, string to, string expected)
    {
        using var temp = new DeploymentValidator.TempFolder();
        var text = File.ReadAllText(DeploymentValidator.Dockerfile);
        Assert.Contains(from, text, StringComparison.Ordinal);
        var line = text[..text.IndexOf(from, StringComparison.Ordinal)].Count(c => c == '\n') + 1;
        var broken = temp.File("Dockerfile", text.Replace(from, to, StringComparison.Ordinal));

        var (exit, output, _) = DeploymentValidator.Run("dockerfile", broken);

        Assert.True(exit == 1, output);
        Assert.Contains(expected, output, StringComparison.OrdinalIgnoreCase);
        Assert.Contains($"Dockerfile:{line}:", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Dockerfile_Stages_SdkBuildsAspNetRunsAsNonRootOnTheExposedPort()
    {
        var result = DeploymentValidator.Valid("dockerfile", DeploymentValidator.Dockerfile);

        var stages = result["stages"]!.AsArray().Select(s => s!["image"]!.GetValue<string>()).ToList();
        Assert.Equal(["dotnet/sdk", "dotnet/aspnet"], stages);
        Assert.Equal("$APP_UID", result["user"]!.GetValue<string>());
        Assert.Equal("[\"dotnet\", \"SupportBot.dll\"]", result["entrypoint"]!.GetValue<string>());
        var env = result["env"]!.AsObject();
        Assert.Equal("http://+:8080", env["ASPNETCORE_URLS"]!.GetValue<string>());
        Assert.Equal(["8080"], result["expose"]!.AsArray().Select(p => p!.GetValue<string>()));
        Assert.Equal("/app/knowledge", env["Knowledge__Path"]!.GetValue<string>());
        Assert.Contains("/readyz", string.Join(' ', HealthCheck(result)), StringComparison.Ordinal);
        Assert.Contains("/dev/tcp/127.0.0.1/8080", string.Join(' ', HealthCheck(result)), StringComparison.Ordinal);
    }

    [Fact]
    public void Dockerfile_KnowledgeBakedIn_FromThePublishOutputAtTheConfiguredPath()
    {
        var text = File.ReadAllText(DeploymentValidator.Dockerfile);

        // The publish output carries knowledge/ (SupportBot.csproj); the build stage fails if it did not.
        Assert.Contains("test -f /app/knowledge/responses.yaml", text, StringComparison.Ordinal);
        Assert.Contains("COPY --from=build /app .", text, StringComparison.Ordinal);
        Assert.Contains("WORKDIR /app", text, StringComparison.Ordinal);
        Assert.Contains("""<Content Include="../../knowledge/**/*" LinkBase="knowledge" """, File.ReadAllText(Path.Combine(CliRunner.RepoRoot, "src", "SupportBot", "SupportBot.csproj")), StringComparison.Ordinal);
    }

    [Fact]
    public void Dockerfile_Settings_AreTheAppsOwn()
    {
        var env = DeploymentValidator.Valid("dockerfile", DeploymentValidator.Dockerfile)["env"]!.AsObject();

        Assert.NotEmpty(env);
        foreach (var (variable, value) in env)
        {
            Assert.Null(KnownSettings.Check(KnownSettings.FromEnvironmentName(variable), value!.GetValue<string>()));
        }
    }

    [Fact]
    public async Task HealthCheck_AgainstTheRealHost_SucceedsWhenReady()
    {
        var command = HealthCheck(DeploymentValidator.Valid("dockerfile", DeploymentValidator.Dockerfile));
        await using var host = await BotHost.StartAsync();

        var (exit, output) = await RunAsync(command, new Uri(host.BaseUrl).Port);

        Assert.True(exit == 0, output);
        BotHost.DeleteData(host.DataFolder);
    }

    [Fact]
    public async Task HealthCheck_AgainstAHostStillLoading_Fails()
    {
        var command = HealthCheck(DeploymentValidator.Valid("dockerfile", DeploymentValidator.Dockerfile));
        await using var host = await BotHost.StartAsync(services: s => s.AddSingleton<IAnswerEngineProvider, NeverReady>(), waitUntilReady: false);

        var (exit, _) = await RunAsync(command, new Uri(host.BaseUrl).Port);

        Assert.NotEqual(0, exit);
        BotHost.DeleteData(host.DataFolder);
    }

    [Fact]
    public async Task HealthCheck_NothingListening_Fails()
    {
        var command = HealthCheck(DeploymentValidator.Valid("dockerfile", DeploymentValidator.Dockerfile));
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var (exit, _) = await RunAsync(command, port);

        Assert.NotEqual(0, exit);
    }

    internal static string[] HealthCheck(System.Text.Json.Nodes.JsonNode result) =>
        result["healthcheck"]!.AsArray().Select(a => a!.GetValue<string>()).ToArray();

    /// <summary>Runs the health check's exec-form command, as Docker would, with the port of a host on loopback.</summary>
    internal static async Task<(int Exit, string Output)> RunAsync(string[] command, int port)
    {
        var start = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in command.Skip(1))
        {
            start.ArgumentList.Add(arg.Replace("/dev/tcp/127.0.0.1/8080", $"/dev/tcp/127.0.0.1/{port}", StringComparison.Ordinal));
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    private sealed class NeverReady : IAnswerEngineProvider
    {
        public bool IsReady => false;

        public AnswerEngine? Current => null;

        public Task<AnswerEngine> GetAsync(CancellationToken cancellationToken) => Task.Delay(Timeout.Infinite, cancellationToken).ContinueWith<AnswerEngine>(_ => throw new OperationCanceledException(), TaskScheduler.Default);
    }
}
