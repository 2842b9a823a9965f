using System.Text.Json.Nodes;

namespace SupportBot.Tests.Deployment;

/// <summary>
/// deployment/docker/compose.yaml: valid for dclint (the compose-spec schema and its lint rules), two replicas
/// of the image sharing a Redis they wait for, and the same health check as the image.
/// </summary>
public sealed class ComposeFileTests
{
    private static readonly string[] Replicas = ["supportbot-1", "supportbot-2"];

    [Fact]
    public void ComposeFile_ValidatesWithDclint()
    {
        DeploymentValidator.Valid("compose", DeploymentValidator.ComposeFile);
    }

    [Theory]
    [InlineData("condition: service_healthy", "condition: when_ready", "/depends_on")]
    [InlineData("'127.0.0.1:8081:8080'", "'127.0.0.1:8080:8080'", "no-duplicate-exported-ports")]
    [InlineData("    interval: 5s", "    interval: 5", "/healthcheck/interval")]
    [InlineData("    healthcheck:\n      test: [\"CMD\", \"redis-cli\"", "    helthcheck:\n      test: [\"CMD\", \"redis-cli\"", "/services/redis")]
    public void ComposeFile_Broken_Rejected(string from, string to, string expected)
    {
        using var temp = new DeploymentValidator.TempFolder();
        var text = File.ReadAllText(DeploymentValidator.ComposeFile);
        Assert.Contains(from, text, StringComparison.Ordinal);
        var broken = temp.File("compose.yaml", text.Replace(from, to, StringComparison.Ordinal));

        var (exit, output, _) = DeploymentValidator.Run("compose", broken);

        Assert.True(exit == 1, output);
        Assert.Contains(expected, output, StringComparison.Ordinal);
    }

    [Fact]
    public void ComposeFile_TwoReplicas_ShareRedisAndWaitUntilItIsHealthy()
    {
        var services = Services();

        Assert.Equal(["redis", .. Replicas], services.Select(s => s.Key).Order(StringComparer.Ordinal));
        Assert.Equal(["CMD", "redis-cli", "ping"], services["redis"]!["healthcheck"]!["test"]!.AsArray().Select(a => a!.GetValue<string>()));
        foreach (var name in Replicas)
        {
            var service = services[name]!;
            var environment = service["environment"]!.AsObject();
            Assert.Equal("redis", environment["Storage__Provider"]!.GetValue<string>());
            Assert.Equal("redis:6379", environment["Storage__ConnectionString"]!.GetValue<string>());
            Assert.Equal("service_healthy", service["depends_on"]!["redis"]!["condition"]!.GetValue<string>());
            Assert.Equal(services["supportbot-1"]!["image"]!.GetValue<string>(), service["image"]!.GetValue<string>());
        }

        var build = services["supportbot-1"]!["build"]!;
        Assert.Equal("deployment/docker/Dockerfile", build["dockerfile"]!.GetValue<string>());
        Assert.True(File.Exists(Path.Combine(DeploymentValidator.Deployment, "docker", build["context"]!.GetValue<string>(), "SupportBot.sln")));
    }

    [Fact]
    public void ComposeFile_HealthCheck_IsTheImagesCommand()
    {
        var image = DockerfileTests.HealthCheck(DeploymentValidator.Valid("dockerfile", DeploymentValidator.Dockerfile));
        foreach (var name in Replicas)
        {
            var test = Services()[name]!["healthcheck"]!["test"]!.AsArray().Select(a => a!.GetValue<string>()).ToArray();

            // Compose interpolates $ in the file, so the shell's $status is written $$status there.
            Assert.Equal(["CMD", .. image], test.Select(a => a.Replace("$$", "$", StringComparison.Ordinal)));
        }
    }

    [Fact]
    public void ComposeFile_Settings_AreTheAppsOwn()
    {
        foreach (var name in Replicas)
        {
            foreach (var (variable, value) in Services()[name]!["environment"]!.AsObject())
            {
                var literal = value!.GetValue<string>();
                Assert.Null(KnownSettings.Check(KnownSettings.FromEnvironmentName(variable), literal.Contains("${", StringComparison.Ordinal) ? null : literal));
            }
        }
    }

    private static JsonObject Services() =>
        DeploymentValidator.Valid("compose", DeploymentValidator.ComposeFile)["compose"]!["services"]!.AsObject();
}
