using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SupportBot.Answering;
using SupportBot.Tests.Support;

namespace SupportBot.Tests.WebChat;

/// <summary>The pages over HTTP: served from wwwroot with Web Chat's bundle (built in, no CDN) and their security headers.</summary>
public sealed partial class PagesTests(ChannelHostFixture fixture) : IClassFixture<ChannelHostFixture>
{
    private static readonly string WebRoot = Path.Combine(CliRunner.RepoRoot, "src", "SupportBot", "wwwroot");
    private readonly BotHost _host = fixture.Host;

    [Fact]
    public async Task ChatPage_ServedWithWebChatFromTheHostAndAStrictPolicy()
    {
        using var page = await _host.Http.GetAsync("/");
        using var bundle = await _host.Http.GetAsync("/lib/webchat.js");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("""<script src="lib/webchat.js" defer></script>""", html, StringComparison.Ordinal);
        Assert.DoesNotContain("cdn.botframework.com", html, StringComparison.Ordinal);
        var policy = page.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", policy, StringComparison.Ordinal);
        Assert.Contains($"connect-src 'self' ws://{new Uri(_host.BaseUrl).Authority};", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors *;", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", page.Headers.GetValues("X-Content-Type-Options").Single());

        Assert.Equal(HttpStatusCode.OK, bundle.StatusCode);
        Assert.True(bundle.Content.Headers.ContentLength > 1_000_000, "wwwroot/lib/webchat.js looks truncated");
        Assert.Equal("text/javascript", bundle.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task AgentPage_NeverFramed()
    {
        using var page = await _host.Http.GetAsync("/agent");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<label for=\"q\">", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("DENY", page.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("frame-ancestors 'none'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PagesByFileName_SameHeadersAsTheirRoutes()
    {
        using var chat = await _host.Http.GetAsync("/index.html");
        using var agent = await _host.Http.GetAsync("/agent.html");

        Assert.Contains("script-src 'self'", chat.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("DENY", agent.Headers.GetValues("X-Frame-Options").Single());
    }

    [Fact]
    public async Task EmbedScript_Served()
    {
        using var response = await _host.Http.GetAsync("/embed.js");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("./?embed=1", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Suggestions_TheQuestionsTheWelcomeOffers()
    {
        var knowledge = _host.Services.GetRequiredService<IAnswerEngineProvider>().Current!.Knowledge;

        var body = JsonNode.Parse(await _host.Http.GetStringAsync("/api/webchat/suggestions"))!;

        Assert.Equal(
            knowledge.Responses.Suggested.Select(id => knowledge.FaqsById[id].Question),
            body["suggestions"]!.AsArray().Select(s => s!.GetValue<string>()));
    }

    [Fact]
    public void Pages_NoInlineScriptsOrHandlers_SoThePolicyHolds()
    {
        foreach (var file in Directory.GetFiles(WebRoot, "*.html"))
        {
            var html = File.ReadAllText(file);
            Assert.DoesNotMatch(InlineScript(), html);
            Assert.DoesNotMatch(InlineHandler(), html);
        }
    }

    [GeneratedRegex(@"<script(?![^>]*\bsrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex(@"\son[a-z]+\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex InlineHandler();
}
