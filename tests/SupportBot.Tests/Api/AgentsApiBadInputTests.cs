using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using SupportBot.Tests.Support;

namespace SupportBot.Tests.Api;

/// <summary>
/// The agents' API fed what the basic validation tests do not send: bytes that are not UTF-8, JSON nested past
/// any sane depth, control characters, markup, oversized URLs and headers. Each gets a clear 4xx or a
/// well-formed JSON answer (markup stays inside JSON strings), never a 500.
/// </summary>
public sealed class AgentsApiBadInputTests(ChannelHostFixture fixture) : IClassFixture<ChannelHostFixture>
{
    private HttpClient Http => fixture.Host.Http;

    public static TheoryData<string, byte[]> BadBodies => new()
    {
        { "invalid UTF-8", [.. """{"question":"when did """u8, 0xC3, 0x28, 0xFF, .. """ updates stop"}"""u8] },
        { "overlong UTF-8 slash", [.. """{"question":"a"""u8, 0xC0, 0xAF, .. """b"}"""u8] },
        { "lone surrogate as UTF-8", [.. """{"question":"a"""u8, 0xED, 0xA0, 0x80, .. """b"}"""u8] },
        { "raw control character in a string", Encoding.UTF8.GetBytes("{\"question\":\"when\u0001 did updates stop\"}") },
        { "deeply nested", Encoding.UTF8.GetBytes("""{"question":"when did updates stop","x":""" + new string('[', 10_000) + new string(']', 10_000) + "}") },
        { "deeply nested objects", Encoding.UTF8.GetBytes("""{"question":"when did updates stop","x":""" + string.Concat(Enumerable.Repeat("{\"a\":", 200)) + "1" + new string('}', 200) + "}") },
        { "NUL bytes", [.. """{"question":"""u8, 0, 0, 0, .. "}"u8] },
        { "trailing garbage", Encoding.UTF8.GetBytes("""{"question":"when did updates stop"} {"question":"again"}""") },
        { "single quotes", Encoding.UTF8.GetBytes("{'question':'when did updates stop'}") },
        { "escaped half a surrogate pair", Encoding.UTF8.GetBytes("""{"question":"when did \ud800 updates stop"}""") },
        { "comments", Encoding.UTF8.GetBytes("""{"question":"when did updates stop" /* hi */}""") },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Ask_UnreadableJson_400ProblemDetails(string what, byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var response = await Http.PostAsync("/api/ask", content);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{what}: {(int)response.StatusCode}");
        await AgentsApiTests.AssertProblem(response, HttpStatusCode.BadRequest);
    }

    public static TheoryData<string, string> OddQuestions => new()
    {
        { "escaped control characters", "\u0001\u0007when did\u0000 updates\u001b[31m stop\u007f\u009b" },
        { "markup", "<script>alert(1)</script><img src=x onerror=alert(2)> free offer" },
        { "right-to-left and combining marks", "\u202Eمتى توقفت التحديثات\u202C e\u0301\u0301\u0301 \u200F" },
        { "emoji", "🛡️🇺🇸 updates? 👍🏽 👨‍👩‍👧" },
        { "FTS5 syntax", "\"free\" NEAR(offer 2) OR title:* AND -{x} ^" },
        { "SQL", "'; DROP TABLE questions; --" },
    };

    [Theory]
    [MemberData(nameof(OddQuestions))]
    public async Task Ask_OddQuestion_WellFormedJsonAnswer(string what, string question)
    {
        using var response = await Http.PostAsync("/api/ask", new StringContent(new JsonObject { ["question"] = question }.ToJsonString(), Encoding.UTF8, "application/json"));

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{what}: {(int)response.StatusCode}");
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Matches("^(faq|passage|clarify|fallback|smalltalk)$", answer["kind"]!.GetValue<string>());
        Assert.Equal(question, answer["question"]!.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(answer["answer"]!.GetValue<string>()));
        Assert.DoesNotContain("<script", answer["answer"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("/api/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E%20free%20offer")]
    [InlineData("/api/search?q=%ZZ%20offer")]
    [InlineData("/api/search?q=%C3%28%FF%20offer")]
    [InlineData("/api/search?q=%00%01%1B%20offer")]
    [InlineData("/api/search?q=%E2%80%AE%D9%85%D8%AA%D9%89%20offer")]
    [InlineData("/api/search?q=offer&q2=x&top=3&top2=99")]
    public async Task Search_OddQuery_WellFormedJsonWithEscapedSnippets(string url)
    {
        using var response = await Http.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.All(body["hits"]!.AsArray(), hit =>
        {
            var snippet = hit!["snippet"]!.GetValue<string>();
            Assert.Matches("^(?:[^<>]|<mark>|</mark>)*$", snippet);
        });
    }

    [Fact]
    public async Task Search_UrlOver8KiB_414()
    {
        var response = await RawHttp.GetAsync(fixture.Host.BaseUrl, "/api/search?q=" + new string('a', 20_000));

        Assert.Equal(414, response.Status);
    }

    [Fact]
    public async Task Ask_HeadersOver32KiB_431()
    {
        var response = await RawHttp.SendAsync(fixture.Host.BaseUrl, "POST /api/ask HTTP/1.1\r\nX-Padding: " + new string('a', 40_000) + "\r\nContent-Length: 0");

        Assert.Equal(431, response.Status);
    }

    [Fact]
    public async Task Ask_DeclaredLengthOver64KiB_413WithoutReadingTheBody()
    {
        var response = await RawHttp.SendAsync(fixture.Host.BaseUrl, "POST /api/ask HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: 100000000", """{"question":"hi"}"""u8.ToArray());

        Assert.Equal(413, response.Status);
        Assert.StartsWith("application/problem+json", response.ContentType, StringComparison.Ordinal);
    }
}
