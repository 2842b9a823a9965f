using SupportBot.Tests.Support;

namespace SupportBot.Tests.Replicas;

/// <summary>
/// One replica: the built program started as its own process (<c>dotnet SupportBot.dll serve --urls
/// http://127.0.0.1:0</c>) with <c>Storage__Provider=redis</c>, sharing a Redis with the others, ready once
/// /readyz answers 200. Nothing else is configured: no signing key, no secret.
/// </summary>
internal sealed class Replica : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private readonly HostProcess _process;
    private readonly string _folder;

    private Replica(string name, HostProcess process, string folder, string baseUrl)
    {
        Name = name;
        _process = process;
        _folder = folder;
        BaseUrl = baseUrl;
        Http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(60) };
    }

    public string Name { get; }

    public string BaseUrl { get; }

    public HttpClient Http { get; }

    /// <summary>What the process printed (its log), for failure messages.</summary>
    public string Output => _process.Output;

    public static async Task<Replica> StartAsync(string name, RedisServer redis, string keyPrefix, IDictionary<string, string>? settings = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "supportbot-replica-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var environment = new Dictionary<string, string>
        {
            ["Storage__Provider"] = "redis",
            ["Storage__ConnectionString"] = redis.ConnectionString,
            ["Storage__KeyPrefix"] = keyPrefix,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        var process = HostProcess.Start(["serve", "--urls", "http://127.0.0.1:0"], folder, environment);
        try
        {
            var replica = new Replica(name, process, folder, (await process.ListeningAsync(StartTimeout)).TrimEnd('/'));
            await replica.WaitUntilReadyAsync();
            return replica;
        }
        catch
        {
            process.Dispose();
            throw;
        }
    }

    /// <summary>Kills the process at once (no graceful shutdown), as a crashed node or an evicted pod.</summary>
    public void Kill() => _process.Dispose();

    public void Dispose()
    {
        Http.Dispose();
        _process.Dispose();
        BotHost.DeleteData(_folder);
    }

    private async Task WaitUntilReadyAsync()
    {
        using var timeout = new CancellationTokenSource(StartTimeout);
        while (true)
        {
            try
            {
                using var response = await Http.GetAsync("/readyz", timeout.Token);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Replica {Name} was not ready within {StartTimeout}.\n{Output}");
            }

            await Task.Delay(100, timeout.Token);
        }
    }
}

/// <summary>A redis-server and two replicas, A and B, shared by a test class.</summary>
public sealed class ReplicasFixture : IAsyncLifetime
{
    /// <summary>
    /// Revocation is checked across replicas without waiting out the refresh grace period; and streams are
    /// never woken by a keep-alive within a test's 20-second read, so what wakes them is Redis pub/sub.
    /// </summary>
    public static readonly Dictionary<string, string> Settings = new()
    {
        ["DirectLine__RefreshedTokenGracePeriod"] = "00:00:00",
        ["DirectLine__KeepAliveInterval"] = "00:01:00",
    };

    internal RedisServer Redis { get; private set; } = null!;

    internal string KeyPrefix { get; } = $"replicas-{Guid.NewGuid():N}:";

    internal Replica A { get; private set; } = null!;

    internal Replica B { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Redis = await RedisServer.StartAsync();
        var a = Replica.StartAsync("A", Redis, KeyPrefix, Settings);
        var b = Replica.StartAsync("B", Redis, KeyPrefix, Settings);
        A = await a;
        B = await b;
    }

    public async Task DisposeAsync()
    {
        A?.Dispose();
        B?.Dispose();
        await Redis.DisposeAsync();
    }
}
