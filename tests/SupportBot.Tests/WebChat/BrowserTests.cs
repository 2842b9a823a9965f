using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using SupportBot.Answering;
using SupportBot.BotFramework.DirectLine;
using SupportBot.Storage;
using SupportBot.Tests.Support;
using Xunit.Abstractions;

namespace SupportBot.Tests.WebChat;

/// <summary>
/// The pages in a real browser (headless Chromium via Playwright) against the real host on loopback: the customer
/// chat on Microsoft's Web Chat through the self-hosted Direct Line, the embed snippet on another site, and the
/// agents' lookup. Screenshots go to the test output's screenshots folder.
/// </summary>
public sealed class BrowserTests(BrowserFixture fixture, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    private const string UpdatesFaq = "updates-stopped";
    private BotHost Host => fixture.Host;

    [Fact]
    public async Task ChatPage_SuggestedQuestion_AnswerCardWithSource_FollowUp_Feedback()
    {
        var knowledge = Host.Services.GetRequiredService<IAnswerEngineProvider>().Current!.Knowledge;
        var faq = knowledge.FaqsById[UpdatesFaq];
        var article = knowledge.ArticlesById[faq.Sources[0].ArticleId];
        var followUp = knowledge.FaqsById[faq.FollowUps[0]];
        await using var probe = await fixture.OpenAsync();
        var page = probe.Page;

        await page.GotoAsync(Host.BaseUrl + "/");
        var chat = page.Locator("#webchat");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Questions about Kaspersky leaving the US?" })).ToBeVisibleAsync();
        await Expect(chat.GetByText("You could start with one of these").First).ToBeVisibleAsync();
        await Expect(page.Locator("#suggestions button")).ToHaveCountAsync(knowledge.Responses.Suggested.Count);

        // A suggested question of the welcome, as Web Chat shows it (suggested actions need role "bot").
        await SuggestedAction(chat, faq.Question).ClickAsync();

        // The answer, then its card with the source article and quote, and Yes/No.
        await Expect(chat.GetByText("after September 29, 2024").First).ToBeVisibleAsync();
        var card = chat.Locator(".ac-adaptiveCard").Last;
        await Expect(card.GetByText(article.Title).First).ToBeVisibleAsync();
        await Expect(card.GetByText("Was this helpful?")).ToBeVisibleAsync();
        await Expect(card.GetByRole(AriaRole.Button, new() { Name = "Yes" })).ToBeVisibleAsync();

        // A follow-up offered under the answer.
        await SuggestedAction(chat, followUp.Question).ClickAsync();
        await Expect(chat.GetByText(Fragment(followUp.Answer)).First).ToBeVisibleAsync();
        await Expect(chat.Locator(".ac-adaptiveCard")).ToHaveCountAsync(2);

        // Feedback on the follow-up's answer.
        await chat.Locator(".ac-adaptiveCard").Last.GetByRole(AriaRole.Button, new() { Name = "Yes" }).ClickAsync();
        await Expect(chat.GetByText("Thanks for the feedback!").First).ToBeVisibleAsync();
        var feedback = await WaitForAsync(async () => (await Host.Services.GetRequiredService<IFeedbackStore>().RecentAsync(1, default)).FirstOrDefault(f => f.DocumentId == followUp.Id));
        Assert.True(feedback.Helpful);
        Assert.Equal("directline", feedback.Channel);

        // Every message went through (Web Chat saw its echo), nothing left loopback, nothing broke.
        Assert.Equal(0, await chat.GetByText("Send failed").CountAsync());
        await Expect(page.Locator("#chat-status")).ToBeHiddenAsync();
        await ScreenshotAsync(page, "chat.png");
        AssertClean(probe);
    }

    [Fact]
    public async Task ChatPage_PopularQuestionFromTheSidebar_Answered()
    {
        var knowledge = Host.Services.GetRequiredService<IAnswerEngineProvider>().Current!.Knowledge;
        var offer = knowledge.FaqsById.Values.First(f => f.Question == "What was Kaspersky's free offer for US customers?");
        await using var probe = await fixture.OpenAsync();
        var page = probe.Page;
        await page.GotoAsync(Host.BaseUrl + "/");
        await Expect(page.Locator("#webchat").GetByText("You could start with one of these").First).ToBeVisibleAsync();

        await page.Locator("#suggestions").GetByRole(AriaRole.Button, new() { Name = offer.Question }).ClickAsync();

        await Expect(page.Locator("#webchat").GetByText(Fragment(offer.Answer)).First).ToBeVisibleAsync();
        AssertClean(probe);
    }

    [Fact]
    public async Task ChatPage_Reload_SameConversationWithItsTranscript_NewTabStartsAfresh()
    {
        var knowledge = Host.Services.GetRequiredService<IAnswerEngineProvider>().Current!.Knowledge;
        var offer = knowledge.FaqsById.Values.First(f => f.Question == "What was Kaspersky's free offer for US customers?");
        var updates = knowledge.FaqsById[UpdatesFaq];
        await using var probe = await fixture.OpenAsync();
        var page = probe.Page;
        await page.GotoAsync(Host.BaseUrl + "/");
        var chat = page.Locator("#webchat");
        await Expect(chat.GetByText("You could start with one of these").First).ToBeVisibleAsync();
        await page.Locator("#suggestions").GetByRole(AriaRole.Button, new() { Name = offer.Question }).ClickAsync();
        await Expect(chat.GetByText(Fragment(offer.Answer)).First).ToBeVisibleAsync();
        var conversationId = await StoredConversationAsync(page);
        var activities = chat.Locator(".webchat__basic-transcript__activity");
        var shown = await activities.CountAsync();

        await page.ReloadAsync();

        // The transcript is replayed, each activity once (welcome, question, answer), and the conversation goes on.
        await Expect(chat.GetByText(Fragment(offer.Answer)).First).ToBeVisibleAsync();
        await Expect(activities).ToHaveCountAsync(shown);
        Assert.Equal(conversationId, await StoredConversationAsync(page));
        var input = chat.GetByRole(AriaRole.Textbox).First;
        await input.FillAsync("when did updates stop");
        await input.PressAsync("Enter");
        await Expect(chat.GetByText(Fragment(updates.Answer)).First).ToBeVisibleAsync();
        var transcript = await Host.Services.GetRequiredService<IDirectLineStore>().ReadAsync(conversationId, 0, 100, default);
        Assert.NotNull(transcript);
        Assert.Contains(transcript.Activities, a => a.Type == "message" && a.Json.Contains("\"text\":\"when did updates stop\"", StringComparison.Ordinal));

        // Another tab (a new browser session) is another customer: a new conversation.
        await using var other = await fixture.OpenAsync();
        await other.Page.GotoAsync(Host.BaseUrl + "/");
        await Expect(other.Page.Locator("#webchat").GetByText("You could start with one of these").First).ToBeVisibleAsync();
        Assert.NotEqual(conversationId, await StoredConversationAsync(other.Page));
        Assert.Equal(0, await other.Page.Locator("#webchat").GetByText(Fragment(offer.Answer)).CountAsync());
        AssertClean(probe);
        AssertClean(other);
    }

    private static async Task<string> StoredConversationAsync(IPage page)
    {
        var id = await page.EvaluateAsync<string?>("() => (JSON.parse(sessionStorage.getItem('supportbot.chat') || '{}')).conversationId || null");
        Assert.False(string.IsNullOrEmpty(id), "the chat page keeps its conversation in sessionStorage");
        return id!;
    }

    [Fact]
    public async Task ChatPage_QuestionWithScript_ShownAsTextNeverRun()
    {
        const string Hostile = "<script>window.__xss=1</script><img src=x onerror=\"window.__xss=2\"> free offer?";
        await using var probe = await fixture.OpenAsync();
        var page = probe.Page;
        await page.GotoAsync(Host.BaseUrl + "/");
        var chat = page.Locator("#webchat");
        await Expect(chat.GetByText("You could start with one of these").First).ToBeVisibleAsync();

        var input = chat.GetByRole(AriaRole.Textbox).First;
        await input.FillAsync(Hostile);
        await input.PressAsync("Enter");

        await Expect(chat.GetByText("<script>window.__xss=1</script>", new() { Exact = false }).First).ToBeVisibleAsync();
        var logged = await WaitForAsync(async () => (await Host.Services.GetRequiredService<IQuestionLog>().RecentAsync(5, default)).FirstOrDefault(q => q.Question.StartsWith("<script>", StringComparison.Ordinal)));
        Assert.Equal(Hostile, logged.Question);
        Assert.Equal(0, await chat.GetByText("Send failed").CountAsync());
        Assert.Equal("undefined", await page.EvaluateAsync<string>("typeof window.__xss"));
        Assert.Equal(0, await chat.Locator("img[src='x']").CountAsync());
    }

    [Fact]
    public async Task EmbedSnippet_OnAnotherSite_OpensTheChatInAFrame()
    {
        await using var site = await CustomerSite.StartAsync($"""
            <!doctype html><html lang="en"><head><title>Example shop</title></head>
            <body><h1>Example shop</h1><script src="{Host.BaseUrl}/embed.js" async></script></body></html>
            """);
        await using var probe = await fixture.OpenAsync();
        var page = probe.Page;
        await page.GotoAsync(site.Url);

        var button = page.GetByRole(AriaRole.Button, new() { Name = "Chat with support" });
        await Expect(button).ToHaveAttributeAsync("aria-expanded", "false");
        await button.ClickAsync();

        var frame = page.FrameLocator("iframe[title='Support chat']");
        await Expect(frame.Locator("#webchat").GetByText("You could start with one of these").First).ToBeVisibleAsync();
        await Expect(frame.Locator(".site-header")).ToBeHiddenAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Close chat" })).ToHaveAttributeAsync("aria-expanded", "true");
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Chat with support" })).ToBeVisibleAsync();
        AssertClean(probe);
    }

    [Fact]
    public async Task AgentPage_FreeOffer_RankedHitsAsTheApi_CopyAnswer_Keyboard()
    {
        var api = JsonNode.Parse(await Host.Http.GetStringAsync("/api/search?q=free%20offer&top=10"))!["hits"]!.AsArray();
        await using var probe = await fixture.OpenAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            Permissions = ["clipboard-read", "clipboard-write"],
        });
        var page = probe.Page;
        await page.GotoAsync(Host.BaseUrl + "/agent");

        // The search box has focus and a label; results come as you type.
        var box = page.GetByLabel("Search FAQ answers and source articles");
        await Expect(box).ToBeFocusedAsync();
        await box.PressSequentiallyAsync("free offer", new() { Delay = 40 });
        await Expect(page.Locator("#result-status")).ToHaveTextAsync($"{api.Count} results for \"free offer\".");

        var hits = page.Locator("#results .hit");
        await Expect(hits).ToHaveCountAsync(api.Count);
        var titles = await page.Locator("#results .hit__title").AllTextContentsAsync();
        Assert.Equal(api.Select(h => h!["title"]!.GetValue<string>()), titles);
        var first = hits.First;
        Assert.Contains("free", (await first.Locator(".hit__title").TextContentAsync())!, StringComparison.OrdinalIgnoreCase);
        await Expect(first.Locator(".hit__snippet mark").First).ToBeVisibleAsync();
        await Expect(first.Locator(".hit__score")).ToHaveTextAsync(api[0]!["score"]!.GetValue<double>().ToString("0.000", System.Globalization.CultureInfo.InvariantCulture));
        await Expect(first.Locator(".hit__confidence")).ToContainTextAsync($"{Math.Round(api[0]!["confidence"]!.GetValue<double>() * 100)}%");
        await Expect(first.Locator(".hit__source")).ToHaveTextAsync(api[0]!["source"]!["title"]!.GetValue<string>());

        // Keyboard: ↓ from the box reaches the first "Copy answer"; Enter copies it.
        await box.PressAsync("ArrowDown");
        var copy = first.GetByRole(AriaRole.Button, new() { Name = "Copy answer" });
        await Expect(copy).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#result-status")).ToHaveTextAsync("Answer 1 copied to the clipboard.");
        var copied = await page.EvaluateAsync<string>("navigator.clipboard.readText()");
        Assert.StartsWith(api[0]!["text"]!.GetValue<string>(), copied, StringComparison.Ordinal);
        Assert.Contains($"Source: {api[0]!["source"]!["title"]!.GetValue<string>()}", copied, StringComparison.Ordinal);
        await ScreenshotAsync(page, "agent.png");

        // "/" jumps back to the box; Esc clears it and the results.
        await page.Keyboard.PressAsync("/");
        await Expect(box).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Escape");
        await Expect(hits).ToHaveCountAsync(0);
        AssertClean(probe);
    }

    [Fact]
    public async Task AgentPage_QueryWithScript_ShownAsTextNeverRun()
    {
        await using var probe = await fixture.OpenAsync();
        var page = probe.Page;
        await page.GotoAsync(Host.BaseUrl + "/agent");

        await page.GetByLabel("Search FAQ answers and source articles").FillAsync("<script>window.__xss=1</script><img src=x onerror=\"window.__xss=2\"> offer");

        await Expect(page.Locator("#result-status")).ToContainTextAsync("for \"<script>window.__xss=1</script>");
        Assert.Equal("undefined", await page.EvaluateAsync<string>("typeof window.__xss"));
        Assert.Equal(0, await page.Locator("#results script, #results img").CountAsync());
    }

    [Fact]
    public async Task AgentPage_ScriptInTheAddress_ShownAsTextNeverRun()
    {
        await using var probe = await fixture.OpenAsync();
        var page = probe.Page;

        await page.GotoAsync(Host.BaseUrl + "/agent?q=" + Uri.EscapeDataString("\"><script>window.__xss=1</script><svg onload=\"window.__xss=2\"> free offer"));

        await Expect(page.Locator("#results .hit").First).ToBeVisibleAsync();
        Assert.Equal("\"><script>window.__xss=1</script><svg onload=\"window.__xss=2\"> free offer", await page.GetByLabel("Search FAQ answers and source articles").InputValueAsync());
        Assert.Equal("undefined", await page.EvaluateAsync<string>("typeof window.__xss"));
        Assert.Equal(0, await page.Locator("script:not([src]), svg[onload], #results script").CountAsync());
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/agent?q=free%20offer")]
    public async Task Pages_OnAPhone_NoSidewaysScrolling(string path)
    {
        await using var probe = await fixture.OpenAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 375, Height = 740 },
            IsMobile = true,
            HasTouch = true,
            DeviceScaleFactor = 2,
        });
        var page = probe.Page;
        await page.GotoAsync(Host.BaseUrl + path);
        if (path == "/")
        {
            await Expect(page.Locator("#webchat").GetByText("You could start with one of these").First).ToBeVisibleAsync();
            await Expect(page.Locator("#webchat").GetByText("Connecting…")).ToHaveCountAsync(0);
        }
        else
        {
            await Expect(page.Locator("#results .hit").First).ToBeVisibleAsync();
        }

        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways on a 375 px screen");
        await ScreenshotAsync(page, path == "/" ? "chat-phone.png" : "agent-phone.png");
        AssertClean(probe);
    }

    // Web Chat's toolbar under the last bot message (the transcript's live region repeats the buttons, unfocusable).
    private static ILocator SuggestedAction(ILocator chat, string title) =>
        chat.GetByRole(AriaRole.Toolbar, new() { Name = "Suggested actions" }).GetByRole(AriaRole.Button, new() { Name = title, Exact = true });

    [Theory]
    [InlineData("/")]
    [InlineData("/agent?q=free%20offer")]
    public async Task Pages_AxeAccessibilityCheck_NoWcagAViolations(string path)
    {
        // axe-core (npm, web/) is injected by the test, so the page's own policy is bypassed for this context only.
        await using var probe = await fixture.OpenAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 }, BypassCSP = true });
        var page = probe.Page;
        await page.GotoAsync(Host.BaseUrl + path);
        if (path == "/")
        {
            await Expect(page.Locator("#webchat").GetByText("You could start with one of these").First).ToBeVisibleAsync();
            await SuggestedAction(page.Locator("#webchat"), "What was Kaspersky's free offer for US customers?").ClickAsync();
            await Expect(page.Locator("#webchat .ac-adaptiveCard")).ToHaveCountAsync(1);
        }
        else
        {
            await Expect(page.Locator("#results .hit").First).ToBeVisibleAsync();
        }

        await page.AddScriptTagAsync(new() { Path = Path.Combine(NodeScript.WebFolder, "node_modules", "axe-core", "axe.min.js") });
        var violations = await page.EvaluateAsync<string[]>("""
            async () => {
              const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
              return result.violations.map(v => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')}`);
            }
            """);

        Assert.True(violations.Length == 0, string.Join("\n", violations));
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    private static IPageAssertions Expect(IPage page) => Assertions.Expect(page);

    // A piece of an answer as the page shows it: the start of its first sentence, without markdown-special characters.
    private static string Fragment(string answer)
    {
        var text = new string(answer.TakeWhile(c => c is not ('*' or '_' or '`' or '[' or '<' or '\n')).ToArray());
        return text.Length > 50 ? text[..50] : text;
    }

    private async Task ScreenshotAsync(IPage page, string name)
    {
        var path = Path.Combine(fixture.Screenshots, name);
        await page.EvaluateAsync("window.scrollTo(0, 0)");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = false });
        output.WriteLine($"screenshot: {path}");
    }

    private static void AssertClean(PageProbe probe)
    {
        Assert.True(probe.External.IsEmpty, "requests left loopback: " + string.Join(", ", probe.External));
        Assert.True(probe.Console.IsEmpty, "console: " + string.Join("\n", probe.Console));
    }

    private static async Task<T> WaitForAsync<T>(Func<Task<T?>> read)
        where T : class
    {
        for (var i = 0; i < 100; i++)
        {
            if (await read() is { } value)
            {
                return value;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("The expected record did not appear.");
    }

    /// <summary>Another website (another origin on loopback) that adds the one-line embed.</summary>
    private sealed class CustomerSite : IAsyncDisposable
    {
        private WebApplication _app = null!;

        public string Url { get; private set; } = "";

        public static async Task<CustomerSite> StartAsync(string html)
        {
            var site = new CustomerSite();
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            site._app = builder.Build();
            site._app.Run(context =>
            {
                context.Response.ContentType = "text/html; charset=utf-8";
                return context.Response.WriteAsync(html, Encoding.UTF8);
            });
            await site._app.StartAsync();
            site.Url = site._app.Urls.First().TrimEnd('/') + "/";
            return site;
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
