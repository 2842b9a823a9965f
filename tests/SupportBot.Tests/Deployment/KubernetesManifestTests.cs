using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using SupportBot.Engine.Knowledge;
using SupportBot.Tests.Support;

namespace SupportBot.Tests.Deployment;

/// <summary>
/// deployment/kubernetes, as `kubectl kustomize` renders it: every object valid for the Kubernetes API models (types,
/// required fields, no unknown field), and consistent with the app: probes on its health paths, credentials from
/// Secret references, settings it reads, the knowledge ConfigMap exactly the repository's knowledge/ and loadable.
/// </summary>
public sealed class KubernetesManifestTests
{
    private static readonly Lazy<JsonArray> Rendered = new(() => DeploymentValidator.Valid("kubernetes", DeploymentValidator.Kustomization)["objects"]!.AsArray());

    private static readonly string KnowledgeRoot = Path.Combine(CliRunner.RepoRoot, "knowledge");

    private static readonly string[] ProbeNames = ["startupProbe", "readinessProbe", "livenessProbe"];

    [Fact]
    public void Manifests_RenderAndValidateAgainstTheKubernetesModels()
    {
        var kinds = Rendered.Value.Select(o => $"{o!["kind"]}/{o["metadata"]!["name"]}").ToList();

        Assert.Equal(
            ["ConfigMap/supportbot-knowledge", "Deployment/supportbot", "HorizontalPodAutoscaler/supportbot", "Ingress/supportbot", "Ingress/supportbot-agents", "Namespace/supportbot",
             "NetworkPolicy/redis", "PodDisruptionBudget/supportbot", "Service/redis", "Service/supportbot", "StatefulSet/redis"],
            kinds.Where(k => !k.StartsWith("ConfigMap/supportbot-settings-", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.Single(kinds, k => k.StartsWith("ConfigMap/supportbot-settings-", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("unknown field", "unknown field \"readinesProbe\"")]
    [InlineData("wrong type", "/spec/maxReplicas must be integer")]
    [InlineData("missing required field", "StatefulSet/redis: /spec/template/spec must have required property containers")]
    [InlineData("unknown kind", "apps/v1/Deploymnet is not a Kubernetes API type")]
    public void Manifests_Broken_RejectedWithTheObjectAndField(string breakage, string expected)
    {
        var objects = JsonNode.Parse(Rendered.Value.ToJsonString())!.AsArray();
        JsonNode Find(string kind) => objects.First(o => o!["kind"]!.GetValue<string>() == kind)!;
        switch (breakage)
        {
            case "unknown field":
                var container = Find("Deployment")["spec"]!["template"]!["spec"]!["containers"]![0]!.AsObject();
                container["readinesProbe"] = container["readinessProbe"]!.DeepClone();
                container.Remove("readinessProbe");
                break;
            case "wrong type":
                Find("HorizontalPodAutoscaler")["spec"]!["maxReplicas"] = "ten";
                break;
            case "missing required field":
                Find("StatefulSet")["spec"]!["template"]!["spec"]!.AsObject().Remove("containers");
                break;
            case "unknown kind":
                Find("Deployment")["kind"] = "Deploymnet";
                break;
        }

        using var temp = new DeploymentValidator.TempFolder();
        var file = temp.File("rendered.yaml", string.Join("\n---\n", objects.Select(o => o!.ToJsonString())));

        var (exit, output, _) = DeploymentValidator.Run("kubernetes", file);

        Assert.True(exit == 1, output);
        Assert.Contains(expected, output, StringComparison.Ordinal);
    }

    [Fact]
    public void Kustomization_MissingResource_RejectedByKustomize()
    {
        using var temp = new DeploymentValidator.TempFolder();
        var kubernetes = Directory.CreateDirectory(Path.Combine(temp.Path, "deployment", "kubernetes")).FullName;
        foreach (var file in Directory.GetFiles(DeploymentValidator.Kustomization))
        {
            File.Copy(file, Path.Combine(kubernetes, Path.GetFileName(file)));
        }

        CopyFolder(KnowledgeRoot, Path.Combine(temp.Path, "knowledge"));
        File.Delete(Path.Combine(kubernetes, "pdb.yaml"));

        var (exit, output, _) = DeploymentValidator.Run("kubernetes", kubernetes);

        Assert.True(exit == 1, output);
        Assert.Contains("kubectl kustomize failed", output, StringComparison.Ordinal);
        Assert.Contains("pdb.yaml", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deployment_Probes_UseTheHostsHealthPathsOnTheImagesPort()
    {
        var container = BotContainer();
        var port = Assert.Single(container["ports"]!.AsArray())!;
        Assert.Equal(("http", 8080), (port["name"]!.GetValue<string>(), port["containerPort"]!.GetValue<int>()));
        var probes = ProbeNames.ToDictionary(p => p, p => container[p]!["httpGet"]!);
        Assert.All(probes.Values, p => Assert.Equal("http", p["port"]!.GetValue<string>()));
        Assert.Equal("/readyz", probes["readinessProbe"]["path"]!.GetValue<string>());
        Assert.Equal("/healthz", probes["livenessProbe"]["path"]!.GetValue<string>());
        Assert.Equal("/healthz", probes["startupProbe"]["path"]!.GetValue<string>());

        await using var host = await BotHost.StartAsync();
        foreach (var path in probes.Values.Select(p => p["path"]!.GetValue<string>()).Distinct())
        {
            using var response = await host.Http.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        BotHost.DeleteData(host.DataFolder);
    }

    [Fact]
    public void Pods_NonRootReadOnlyWithLimits_WritableOnlyOnEmptyDirs()
    {
        foreach (var workload in Objects("Deployment").Concat(Objects("StatefulSet")))
        {
            var pod = workload["spec"]!["template"]!["spec"]!;
            Assert.True(pod["securityContext"]!["runAsNonRoot"]!.GetValue<bool>());
            Assert.False(pod["automountServiceAccountToken"]!.GetValue<bool>());
            foreach (var container in pod["containers"]!.AsArray())
            {
                var security = container!["securityContext"]!;
                Assert.True(security["readOnlyRootFilesystem"]!.GetValue<bool>());
                Assert.False(security["allowPrivilegeEscalation"]!.GetValue<bool>());
                Assert.Equal(["ALL"], security["capabilities"]!["drop"]!.AsArray().Select(c => c!.GetValue<string>()));
                foreach (var kind in new[] { "requests", "limits" })
                {
                    Assert.NotNull(container["resources"]![kind]!["cpu"]);
                    Assert.NotNull(container["resources"]![kind]!["memory"]);
                }

                Assert.NotNull(container["readinessProbe"]);
                Assert.NotNull(container["livenessProbe"]);
            }
        }

        // The image's user, and where the app writes: the SQLite file and /tmp, both emptyDir.
        var bot = Objects("Deployment").Single()["spec"]!["template"]!["spec"]!;
        Assert.Equal(1654, bot["securityContext"]!["runAsUser"]!.GetValue<int>());
        var volumes = bot["volumes"]!.AsArray().ToDictionary(v => v!["name"]!.GetValue<string>(), v => v!);
        var mounts = BotContainer()["volumeMounts"]!.AsArray().ToDictionary(m => m!["mountPath"]!.GetValue<string>(), m => m!["name"]!.GetValue<string>());
        Assert.NotNull(volumes[mounts["/tmp"]]["emptyDir"]);
        var database = Settings()["Storage__DatabasePath"];
        Assert.NotNull(volumes[mounts[Path.GetDirectoryName(database)!]]["emptyDir"]);
    }

    [Fact]
    public void Deployment_Credentials_ComeFromSecretReferencesOnly()
    {
        var env = BotContainer()["env"]!.AsArray().ToDictionary(e => e!["name"]!.GetValue<string>(), e => e!);

        foreach (var name in new[] { "MicrosoftAppId", "MicrosoftAppPassword", "MicrosoftAppTenantId", "DirectLine__AzureSecret" })
        {
            Assert.Null(env[name]["value"]);
            Assert.Equal("supportbot-credentials", env[name]["valueFrom"]!["secretKeyRef"]!["name"]!.GetValue<string>());
        }

        Assert.True(env["DirectLine__AzureSecret"]["valueFrom"]!["secretKeyRef"]!["optional"]!.GetValue<bool>());
        Assert.Null(env["MicrosoftAppPassword"]["valueFrom"]!["secretKeyRef"]!["optional"]);
        Assert.DoesNotContain(Rendered.Value, o => o!["kind"]!.GetValue<string>() == "Secret");
        Assert.DoesNotContain(Settings().Keys, k => k.StartsWith("MicrosoftAppPassword", StringComparison.Ordinal) || k.Contains("Secret", StringComparison.Ordinal));
    }

    [Fact]
    public void Deployment_Settings_AreTheAppsOwn()
    {
        var named = BotContainer()["env"]!.AsArray().Select(e => (e!["name"]!.GetValue<string>(), (string?)null));
        var settings = Settings().Select(s => (s.Key, (string?)s.Value));

        foreach (var (variable, value) in named.Concat(settings))
        {
            Assert.Null(KnownSettings.Check(KnownSettings.FromEnvironmentName(variable), value));
        }

        Assert.Equal("redis", Settings()["Storage__Provider"]);
        Assert.Equal("true", Settings()["ASPNETCORE_FORWARDEDHEADERS_ENABLED"]);
    }

    [Fact]
    public void KnowledgeConfigMap_HoldsExactlyTheRepositorysKnowledgeFiles()
    {
        var data = Objects("ConfigMap").Single(c => c["metadata"]!["name"]!.GetValue<string>() == "supportbot-knowledge")["data"]!.AsObject();
        var items = KnowledgeVolume()["configMap"]!["items"]!.AsArray().ToDictionary(i => i!["key"]!.GetValue<string>(), i => i!["path"]!.GetValue<string>());
        var files = KnowledgeFiles();

        Assert.Equal(files.Order(StringComparer.Ordinal), items.Values.Order(StringComparer.Ordinal));
        Assert.Equal(data.Select(d => d.Key).Order(StringComparer.Ordinal), items.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, path) in items)
        {
            Assert.Equal(File.ReadAllText(Path.Combine(KnowledgeRoot, path)), data[key]!.GetValue<string>());
        }

        // A ConfigMap holds at most 1 MiB.
        Assert.True(data.Sum(d => Encoding.UTF8.GetByteCount(d.Key) + Encoding.UTF8.GetByteCount(d.Value!.GetValue<string>())) < 1024 * 1024);
    }

    [Fact]
    public void KnowledgeConfigMap_MountedAsThePodSeesIt_LoadsLikeTheRepositorysKnowledge()
    {
        var data = Objects("ConfigMap").Single(c => c["metadata"]!["name"]!.GetValue<string>() == "supportbot-knowledge")["data"]!.AsObject();
        using var temp = new DeploymentValidator.TempFolder();
        var mount = BotContainer()["volumeMounts"]!.AsArray().Single(m => m!["name"]!.GetValue<string>() == KnowledgeVolume()["name"]!.GetValue<string>())!;
        var root = Path.Combine(temp.Path, mount["mountPath"]!.GetValue<string>().TrimStart('/'));
        foreach (var item in KnowledgeVolume()["configMap"]!["items"]!.AsArray())
        {
            var target = Path.Combine(root, item!["path"]!.GetValue<string>());
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.WriteAllText(target, data[item["key"]!.GetValue<string>()]!.GetValue<string>());
        }

        var mounted = KnowledgeLoader.Load(root, TimeProvider.System);
        var repository = KnowledgeLoader.Load(KnowledgeRoot, TimeProvider.System);

        Assert.Equal(mount["mountPath"]!.GetValue<string>(), Settings()["Knowledge__Path"]);
        Assert.Equal(repository.Faqs.Select(f => f.Id), mounted.Faqs.Select(f => f.Id));
        Assert.Equal(repository.PassagesById.Keys.Order(StringComparer.Ordinal), mounted.PassagesById.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Workloads_SelectorsAndReferences_PointAtTheRightObjects()
    {
        var deployment = Objects("Deployment").Single();
        var podLabels = deployment["spec"]!["template"]!["metadata"]!["labels"]!.AsObject();
        bool SelectsBot(JsonNode? selector) => selector!.AsObject().All(l => podLabels[l.Key]?.GetValue<string>() == l.Value!.GetValue<string>());

        // The autoscaler owns the replica count.
        Assert.Null(deployment["spec"]!["replicas"]);
        var hpa = Objects("HorizontalPodAutoscaler").Single()["spec"]!;
        Assert.Equal(("Deployment", "supportbot"), (hpa["scaleTargetRef"]!["kind"]!.GetValue<string>(), hpa["scaleTargetRef"]!["name"]!.GetValue<string>()));
        Assert.True(hpa["minReplicas"]!.GetValue<int>() >= 2);
        Assert.True(SelectsBot(Objects("PodDisruptionBudget").Single()["spec"]!["selector"]!["matchLabels"]));

        var services = Objects("Service").ToDictionary(s => s["metadata"]!["name"]!.GetValue<string>());
        Assert.True(SelectsBot(services["supportbot"]["spec"]!["selector"]));
        Assert.Equal("http", services["supportbot"]["spec"]!["ports"]![0]!["targetPort"]!.GetValue<string>());

        // Storage:ConnectionString names the Redis Service and its port; only the bot's pods may reach it.
        var redisAddress = Settings()["Storage__ConnectionString"].Split(':');
        Assert.Equal(redisAddress[0], services[redisAddress[0]]["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal(int.Parse(redisAddress[1], System.Globalization.CultureInfo.InvariantCulture), services["redis"]["spec"]!["ports"]![0]!["port"]!.GetValue<int>());
        var redisPods = Objects("StatefulSet").Single()["spec"]!["template"]!["metadata"]!["labels"]!.AsObject();
        var policy = Objects("NetworkPolicy").Single()["spec"]!;
        Assert.All(policy["podSelector"]!["matchLabels"]!.AsObject(), l => Assert.Equal(redisPods[l.Key]!.GetValue<string>(), l.Value!.GetValue<string>()));
        Assert.True(SelectsBot(policy["ingress"]![0]!["from"]![0]!["podSelector"]!["matchLabels"]));
    }

    [Fact]
    public void Ingress_WebSocketFriendly_AndPublicOnlyForCustomersAndChannels()
    {
        var ingresses = Objects("Ingress").ToDictionary(i => i["metadata"]!["name"]!.GetValue<string>());
        var annotations = ingresses["supportbot"]["metadata"]!["annotations"]!;

        // Direct Line streams idle up to the keep-alive (15 s by default); nginx's 60 s default would do, an hour
        // leaves room for proxies in front.
        Assert.True(int.Parse(annotations["nginx.ingress.kubernetes.io/proxy-read-timeout"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture) >= 3600);
        Assert.True(int.Parse(annotations["nginx.ingress.kubernetes.io/proxy-send-timeout"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture) >= 3600);
        Assert.DoesNotContain(annotations.AsObject(), a => a.Key.Contains("affinity", StringComparison.Ordinal));

        var publicPaths = Paths(ingresses["supportbot"]);
        foreach (var path in new[] { "/", "/embed.js", "/api/messages", "/api/directline/token", "/v3/directline/conversations/abc/stream", "/v3/directline/conversations" })
        {
            Assert.True(Exposes(publicPaths, path), path);
        }

        foreach (var path in new[] { "/healthz", "/readyz", "/agent", "/api/ask", "/api/search" })
        {
            Assert.False(Exposes(publicPaths, path), path);
        }

        Assert.Equal(["supportbot"], ingresses.Values.SelectMany(i => Backends(i)).Distinct());
    }

    [Fact]
    public async Task Ingress_EveryRouteOfTheHost_ExposedOnPurposeOrKeptInside()
    {
        var exposed = Objects("Ingress").SelectMany(Paths).ToList();
        // Probes, and the operators' reload trigger: in a cluster the ConfigMap watch does the reloads, and the
        // trigger stays reachable from inside (kubectl port-forward) without being published.
        var inside = new[] { "/healthz", "/readyz", "/admin/knowledge/reload" };
        await using var host = await BotHost.StartAsync();
        var routes = host.Services.GetRequiredService<Microsoft.AspNetCore.Routing.EndpointDataSource>().Endpoints
            .OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>()
            .Select(e => "/" + System.Text.RegularExpressions.Regex.Replace(e.RoutePattern.RawText!.TrimStart('/'), "{[^}]+}", "x"))
            .Distinct()
            .ToList();

        // The pages' files (the .html pages themselves are served as / and /agent).
        var wwwroot = Path.Combine(CliRunner.RepoRoot, "src", "SupportBot", "wwwroot");
        var files = Directory.GetFiles(wwwroot, "*", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith(".html", StringComparison.Ordinal))
            .Select(f => "/" + Path.GetRelativePath(wwwroot, f).Replace('\\', '/'));

        Assert.Contains("/v3/directline/conversations/x/stream", routes);
        foreach (var route in routes.Concat(files))
        {
            Assert.True(inside.Contains(route) || Exposes(exposed, route), $"{route} is neither in an Ingress (deployment/kubernetes/ingress.yaml) nor a probe");
        }

        foreach (var entry in exposed)
        {
            Assert.True(routes.Concat(files).Any(r => Exposes([entry], r)), $"the Ingress path {entry.Path} matches no route of the host");
        }

        BotHost.DeleteData(host.DataFolder);
    }

    private static IEnumerable<JsonNode> Objects(string kind) => Rendered.Value.Where(o => o!["kind"]!.GetValue<string>() == kind)!;

    private static JsonNode BotContainer() => Objects("Deployment").Single()["spec"]!["template"]!["spec"]!["containers"]![0]!;

    private static JsonNode KnowledgeVolume() => Objects("Deployment").Single()["spec"]!["template"]!["spec"]!["volumes"]!.AsArray()
        .Single(v => v!["configMap"]?["name"]?.GetValue<string>() == "supportbot-knowledge")!;

    private static Dictionary<string, string> Settings() => Objects("ConfigMap")
        .Single(c => c["metadata"]!["name"]!.GetValue<string>().StartsWith("supportbot-settings-", StringComparison.Ordinal))["data"]!.AsObject()
        .ToDictionary(d => d.Key, d => d.Value!.GetValue<string>());

    /// <summary>Every knowledge file the app reads: all of knowledge/ but its README and the kustomization itself.</summary>
    private static List<string> KnowledgeFiles() => Directory.GetFiles(KnowledgeRoot, "*", SearchOption.AllDirectories)
        .Select(f => Path.GetRelativePath(KnowledgeRoot, f).Replace('\\', '/'))
        .Where(f => f is not ("README.md" or "kustomization.yaml"))
        .ToList();

    private static IEnumerable<(string Path, string Type)> Paths(JsonNode ingress) => ingress["spec"]!["rules"]!.AsArray()
        .SelectMany(r => r!["http"]!["paths"]!.AsArray())
        .Select(p => (p!["path"]!.GetValue<string>(), p["pathType"]!.GetValue<string>()));

    private static IEnumerable<string> Backends(JsonNode ingress) => ingress["spec"]!["rules"]!.AsArray()
        .SelectMany(r => r!["http"]!["paths"]!.AsArray())
        .Select(p => p!["backend"]!["service"]!["name"]!.GetValue<string>());

    /// <summary>Kubernetes' matching: Exact is the whole path, Prefix whole path segments.</summary>
    private static bool Exposes(IEnumerable<(string Path, string Type)> paths, string request) => paths.Any(p => p.Type switch
    {
        "Exact" => request == p.Path,
        "Prefix" => p.Path == "/" || request == p.Path.TrimEnd('/') || request.StartsWith(p.Path.TrimEnd('/') + "/", StringComparison.Ordinal),
        _ => false,
    });

    private static void CopyFolder(string source, string target)
    {
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
    }
}
