using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using SupportBot.Hosting;

namespace SupportBot.Tests.Support;

/// <summary>
/// The real host, built by the same code as Program (<see cref="SupportBotHost.Build"/>), on Kestrel at
/// 127.0.0.1 with a free port, with its own SQLite file in a temporary folder and the repository's knowledge.
/// </summary>
internal sealed class BotHost : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);
    private readonly WebApplication _app;

    private BotHost(WebApplication app, string baseUrl, string dataFolder, CapturingLoggerProvider logs)
    {
        _app = app;
        BaseUrl = baseUrl;
        DataFolder = dataFolder;
        Logs = logs;
        Http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(60) };
    }

    public string BaseUrl { get; }

    public string DataFolder { get; }

    public HttpClient Http { get; }

    public IServiceProvider Services => _app.Services;

    public CapturingLoggerProvider Logs { get; }

    /// <summary>Starts a host; <paramref name="settings"/> override configuration, <paramref name="services"/> replaces services.</summary>
    public static async Task<BotHost> StartAsync(
        IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null,
        string? dataFolder = null,
        bool waitUntilReady = true)
    {
        dataFolder ??= Path.Combine(Path.GetTempPath(), "supportbot-host-tests", Guid.NewGuid().ToString("N"));
        var logs = new CapturingLoggerProvider();
        var app = SupportBotHost.Build(["--urls", "http://127.0.0.1:0"], builder =>
        {
            var all = new Dictionary<string, string?>
            {
                ["Knowledge:Path"] = Path.Combine(CliRunner.RepoRoot, "knowledge"),
                ["Storage:DatabasePath"] = Path.Combine(dataFolder, "supportbot.db"),
                // Replies to a fake channel that is gone must fail fast, not retry for a minute. (0 retries
                // passes the library's validation but Polly rejects it; see the report.)
                ["BotFramework:Connector:MaxRetryAttempts"] = "1",
                ["BotFramework:Connector:BaseDelay"] = "00:00:00.050",
                ["BotFramework:Connector:MaxDelay"] = "00:00:00.100",
            };
            foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            {
                all[key] = value;
            }

            builder.Configuration.AddInMemoryCollection(all);
            builder.Logging.ClearProviders();
            builder.Logging.AddProvider(logs);
            services?.Invoke(builder.Services);
        });
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        var host = new BotHost(app, SupportBotHost.ListeningAddresses(app).First().TrimEnd('/'), dataFolder, logs);
        if (waitUntilReady)
        {
            await host.WaitUntilReadyAsync();
        }

        return host;
    }

    public async Task WaitUntilReadyAsync()
    {
        using var timeout = new CancellationTokenSource(ReadyTimeout);
        while (true)
        {
            using var response = await Http.GetAsync("/readyz", timeout.Token);
            if (response.IsSuccessStatusCode)
            {
                return;
            }

            await Task.Delay(50, timeout.Token);
        }
    }

    /// <summary>POSTs an activity to /api/messages, optionally with a bearer token.</summary>
    public async Task<HttpResponseMessage> PostActivityAsync(JsonNode activity, string? token = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (token is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        return await Http.SendAsync(request);
    }

    public Task<HttpResponseMessage> PostJsonAsync(string path, object body) => Http.PostAsJsonAsync(path, body);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>Deletes the data folder (after the host is disposed).</summary>
    public static void DeleteData(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
