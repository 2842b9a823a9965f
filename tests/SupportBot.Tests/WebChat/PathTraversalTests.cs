using SupportBot.Tests.Support;

namespace SupportBot.Tests.WebChat;

/// <summary>
/// Every file-serving route (the static files of wwwroot, <c>/embed.js</c>, <c>/lib/…</c>, the pages) asked
/// for files outside wwwroot in every spelling HttpClient would have cleaned up, sent as raw HTTP: each gets a
/// 4xx and none of the program's files (settings, assemblies, knowledge, database).
/// </summary>
public sealed class PathTraversalTests(ChannelHostFixture fixture) : IClassFixture<ChannelHostFixture>
{
    // Text that only the files outside wwwroot contain.
    private static readonly string[] Leaks = ["MicrosoftAppPassword", "This program cannot be run in DOS mode", "root:x:0:0", "SQLite format 3", "faqs:", "\"runtimeOptions\""];

    public static TheoryData<string> Traversals => new()
    {
        "/appsettings.json",
        "/SupportBot.dll",
        "/SupportBot.runtimeconfig.json",
        "/knowledge/README.md",
        "/../appsettings.json",
        "/../../../../etc/passwd",
        "/css/../../appsettings.json",
        "/lib/../../appsettings.json",
        "/js/../../SupportBot.dll",
        "/embed.js/../../appsettings.json",
        "/agent/../../appsettings.json",
        "/%2e%2e/appsettings.json",
        "/%2E%2E/%2E%2E/etc/passwd",
        "/..%2fappsettings.json",
        "/css/..%2f..%2fappsettings.json",
        "/lib/%2e%2e%2f%2e%2e%2fappsettings.json",
        "/js/%252e%252e/%252e%252e/appsettings.json",
        "/lib/..%5c..%5cappsettings.json",
        "/lib/..\\..\\appsettings.json",
        "/css\\..\\..\\appsettings.json",
        "/..%c0%af..%c0%afappsettings.json",
        "/%c0%ae%c0%ae/appsettings.json",
        "/css/....//....//appsettings.json",
        "//etc/passwd",
        "/%2fetc%2fpasswd",
        "/lib/%00/../appsettings.json",
        "/embed.js%00.html",
        "/index.html/..%2f..%2fappsettings.json",
        "/css/site.css/../../../knowledge/README.md",
    };

    [Theory]
    [MemberData(nameof(Traversals))]
    public async Task FileRoute_PathOutsideWwwroot_4xxAndNothingOfTheProgramsFiles(string target)
    {
        var response = await RawHttp.GetAsync(fixture.Host.BaseUrl, target);

        Assert.InRange(response.Status, 400, 499);
        Assert.All(Leaks, leak => Assert.DoesNotContain(leak, response.Body, StringComparison.Ordinal));
        if (response.Body.Length > 0)
        {
            Assert.StartsWith("application/problem+json", response.ContentType, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("/css/site.css", "text/css")]
    [InlineData("/embed.js", "text/javascript")]
    [InlineData("/css/../embed.js", "text/javascript")]
    [InlineData("/js/%2e%2e/embed.js", "text/javascript")]
    [InlineData("/agent", "text/html")]
    public async Task FileRoute_InsideWwwroot_Served(string target, string contentType)
    {
        var response = await RawHttp.GetAsync(fixture.Host.BaseUrl, target);

        Assert.Equal(200, response.Status);
        Assert.StartsWith(contentType, response.ContentType, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers["X-Content-Type-Options"]);
    }
}
