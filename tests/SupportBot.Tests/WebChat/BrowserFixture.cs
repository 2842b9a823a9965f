using System.Collections.Concurrent;
using Microsoft.Playwright;
using SupportBot.Tests.Support;

namespace SupportBot.Tests.WebChat;

/// <summary>
/// One host on loopback and one headless Chromium for the browser tests: Debian's chromium package, launched by
/// executable path (SUPPORTBOT_CHROMIUM overrides it), never a Playwright browser download.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    private IPlaywright _playwright = null!;

    internal BotHost Host { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where the tests write their screenshots (the test output folder).</summary>
    public string Screenshots { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        var chromium = Environment.GetEnvironmentVariable("SUPPORTBOT_CHROMIUM") is { Length: > 0 } configured ? configured : "/usr/bin/chromium";
        Assert.True(File.Exists(chromium), $"{chromium} is missing: install Debian's chromium (scripts/test.sh does: apt-get install -y chromium).");
        Directory.CreateDirectory(Screenshots);

        Host = await BotHost.StartAsync(new Dictionary<string, string?> { ["RateLimits:Conversations:PermitLimit"] = "1000" });
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ChromiumArgs,
            Timeout = 60_000,
        });
    }

    /// <summary>A fresh page in its own context, recording console problems and any request leaving loopback.</summary>
    public async Task<PageProbe> OpenAsync(BrowserNewContextOptions? options = null)
    {
        var context = await Browser.NewContextAsync(options ?? new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        context.SetDefaultTimeout(20_000);
        var page = await context.NewPageAsync();
        var probe = new PageProbe(context, page);
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                probe.Console.Enqueue($"{message.Type}: {message.Text}");
            }
        };
        page.PageError += (_, error) => probe.Console.Enqueue($"pageerror: {error}");
        context.Request += (_, request) =>
        {
            if (Uri.TryCreate(request.Url, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" or "ws" or "wss" && !url.IsLoopback)
            {
                probe.External.Enqueue(request.Url);
            }
        };
        return probe;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (Host is not null)
        {
            await Host.DisposeAsync();
            BotHost.DeleteData(Host.DataFolder);
        }
    }
}

/// <summary>A page with what it logged and requested.</summary>
public sealed class PageProbe(IBrowserContext context, IPage page) : IAsyncDisposable
{
    public IBrowserContext Context { get; } = context;

    public IPage Page { get; } = page;

    public ConcurrentQueue<string> Console { get; } = new();

    public ConcurrentQueue<string> External { get; } = new();

    public async ValueTask DisposeAsync() => await Context.CloseAsync();
}
