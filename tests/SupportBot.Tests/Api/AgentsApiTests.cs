using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using SupportBot.Storage;
using SupportBot.Tests.Support;

namespace SupportBot.Tests.Api;

/// <summary>The agents' JSON API on the real host: /api/ask and /api/search, and every kind of bad input.</summary>
public sealed class AgentsApiTests(DefaultHostFixture fixture) : IClassFixture<DefaultHostFixture>
{
    private readonly BotHost _host = fixture.Host;

    [Theory]
    [InlineData("When did Kaspersky stop providing updates?")]
    [InlineData("hi")]
    [InlineData("what's the weather like tomorrow")]
    [InlineData("<script>alert(\"hi\")</script> what's the \"free offer\"?")]
    [InlineData("Kaspérsky → ünïcödé 日本語 😀 cutoff")]
    public async Task Ask_Question_SameObjectAsOneLineOfAskJsonl(string question)
    {
        using var response = await Post("/api/ask", new JsonObject { ["question"] = question }.ToJsonString());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType.CharSet);
        var cli = CliRunner.Run(["ask", "--jsonl"], question + "\n");
        Assert.True(cli.ExitCode == 0, cli.ToString());
        Assert.Equal(cli.Stdout.TrimEnd('\n'), await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Ask_Question_WrittenToTheQuestionLogAsChannelApi()
    {
        using var response = await Post("/api/ask", """{"question":"why was kaspersky banned?"}""");

        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var logged = (await _host.Services.GetRequiredService<IQuestionLog>().RecentAsync(20, default)).First(q => q.Question == "why was kaspersky banned?");
        Assert.Equal(("api", body["kind"]!.GetValue<string>(), body["id"]!.GetValue<string>()), (logged.Channel, logged.Kind, logged.DocumentId));
    }

    [Fact]
    public async Task Ask_QuestionOfExactly2000Characters_Answered()
    {
        using var response = await Post("/api/ask", new JsonObject { ["question"] = new string('a', 1990) + " kaspersky" }.ToJsonString());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public static TheoryData<string?, string, string> BadAsks => new()
    {
        { "application/json", "{}", "question" },
        { "application/json", """{"question":""}""", "question" },
        { "application/json", """{"question":"   \t\n "}""", "question" },
        { "application/json", new JsonObject { ["question"] = new string('a', 2001) }.ToJsonString(), "question" },
        { "application/json", """{"question":5}""", "question" },
        { "application/json", """{"question":null}""", "question" },
        { "application/json", """{"question":["when"]}""", "question" },
        { "application/json", """{"question":{"text":"when"}}""", "question" },
        { "application/json", """{"q":"when did updates stop"}""", "question" },
        { "application/json", "not json", "body" },
        { "application/json", """{"question":"when""", "body" },
        { "application/json", "", "body" },
        { "application/json", "[]", "body" },
        { "application/json", "\"when did updates stop\"", "body" },
        { "application/json", "null", "body" },
    };

    [Theory]
    [MemberData(nameof(BadAsks))]
    public async Task Ask_BadInput_400WithProblemDetails(string? contentType, string body, string field)
    {
        using var response = await Post("/api/ask", body, contentType);

        var problem = await AssertProblem(response, HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem["errors"]![field]!.AsArray());
    }

    [Theory]
    [InlineData("text/plain", """{"question":"when did updates stop"}""")]
    [InlineData("application/x-www-form-urlencoded", "question=when")]
    [InlineData("multipart/form-data; boundary=x", "--x\r\n\r\nwhen\r\n--x--")]
    [InlineData(null, """{"question":"when did updates stop"}""")]
    public async Task Ask_NotJson_415NamingTheContentType(string? contentType, string body)
    {
        using var response = await Post("/api/ask", body, contentType);

        var problem = await AssertProblem(response, HttpStatusCode.UnsupportedMediaType);
        Assert.Contains("application/json", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_BodyOverTheLimit_413WithProblemDetails()
    {
        using var response = await Post("/api/ask", new JsonObject { ["question"] = "x", ["padding"] = new string(' ', 70_000) }.ToJsonString());

        await AssertProblem(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Ask_Get_405()
    {
        using var response = await _host.Http.GetAsync("/api/ask");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Fact]
    public async Task Search_Query_RankedHitsWithMarkedHtmlSnippetsAndSources()
    {
        using var response = await _host.Http.GetAsync("/api/search?q=free%20offer&top=3");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.Equal(["query", "hits"], body.Select(p => p.Key));
        Assert.Equal("free offer", body["query"]!.GetValue<string>());
        var hits = body["hits"]!.AsArray();
        Assert.Equal(3, hits.Count);
        var cli = JsonNode.Parse(CliRunner.Run("search", "free offer", "--top", "3", "--json").Stdout)!["hits"]!.AsArray();
        for (var i = 0; i < hits.Count; i++)
        {
            var hit = hits[i]!.AsObject();
            Assert.Equal(["id", "kind", "title", "snippet", "score", "source", "confidence", "text"], hit.Select(p => p.Key));
            Assert.Equal(cli[i]!["confidence"]!.GetValue<double>(), hit["confidence"]!.GetValue<double>());
            Assert.Equal(cli[i]!["text"]!.GetValue<string>(), hit["text"]!.GetValue<string>());
            Assert.Equal(["title", "url"], hit["source"]!.AsObject().Select(p => p.Key));
            Assert.Equal(cli[i]!["id"]!.GetValue<string>(), hit["id"]!.GetValue<string>());
            Assert.Equal(cli[i]!["score"]!.GetValue<double>(), hit["score"]!.GetValue<double>());
            Assert.Equal(cli[i]!["source"]!["title"]!.GetValue<string>(), hit["source"]!["title"]!.GetValue<string>());
            Assert.Matches("^(faq|passage)$", hit["kind"]!.GetValue<string>());
            var snippet = hit["snippet"]!.GetValue<string>();
            Assert.Contains("<mark>", snippet, StringComparison.Ordinal);
            Assert.DoesNotContain('\uE000', snippet);
            Assert.Equal(SupportBot.Api.SearchResponse.HtmlSnippet(cli[i]!["snippet"]!.GetValue<string>()), snippet);
        }

        Assert.True(hits.Zip(hits.Skip(1)).All(p => p.First!["score"]!.GetValue<double>() >= p.Second!["score"]!.GetValue<double>()));
    }

    [Fact]
    public async Task Search_NoTop_TenHits()
    {
        using var response = await _host.Http.GetAsync("/api/search?q=kaspersky");

        Assert.Equal(10, JsonNode.Parse(await response.Content.ReadAsStringAsync())!["hits"]!.AsArray().Count);
    }

    [Theory]
    [InlineData("/api/search", "q")]
    [InlineData("/api/search?q=", "q")]
    [InlineData("/api/search?q=%20%20", "q")]
    [InlineData("/api/search?q=a&q=b", "q")]
    [InlineData("/api/search?q=offer&top=0", "top")]
    [InlineData("/api/search?q=offer&top=51", "top")]
    [InlineData("/api/search?q=offer&top=-1", "top")]
    [InlineData("/api/search?q=offer&top=abc", "top")]
    [InlineData("/api/search?q=offer&top=1.5", "top")]
    [InlineData("/api/search?q=offer&top=", "top")]
    [InlineData("/api/search?q=offer&top=99999999999999999999", "top")]
    public async Task Search_BadInput_400WithProblemDetails(string url, string field)
    {
        using var response = await _host.Http.GetAsync(url);

        var problem = await AssertProblem(response, HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem["errors"]![field]!.AsArray());
    }

    [Fact]
    public async Task Search_QueryOver2000Characters_400()
    {
        using var response = await _host.Http.GetAsync("/api/search?q=" + new string('a', 2001));

        var problem = await AssertProblem(response, HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem["errors"]!["q"]!.AsArray());
    }

    private async Task<HttpResponseMessage> Post(string path, string body, string? contentType = "application/json")
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        if (contentType is not null)
        {
            content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        }

        return await _host.Http.PostAsync(path, content);
    }

    internal static async Task<JsonNode> AssertProblem(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal((int)status, problem["status"]!.GetValue<int>());
        Assert.False(string.IsNullOrWhiteSpace(problem["title"]!.GetValue<string>()));
        return problem;
    }
}
