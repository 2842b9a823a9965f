using System.Text;
using System.Text.Json.Nodes;
using SupportBot.Tests.Support;

namespace SupportBot.Tests.Hosting;

/// <summary>
/// Bodies Kestrel itself cannot read (broken chunked encoding), sent as raw HTTP to every route that reads a
/// body: the exception Kestrel raises reaches the host's one exception handler and becomes a 400
/// ProblemDetails, not a 500.
/// </summary>
public sealed class BadRequestExceptionHandlerTests(ChannelHostFixture fixture) : IClassFixture<ChannelHostFixture>
{
    public static TheoryData<string, string> BrokenChunks => new()
    {
        { "/api/ask", "zz\r\n{\"question\":\"hi\"}\r\n0\r\n\r\n" },
        { "/api/ask", "5\r\n{\"que\r\n-3\r\n" },
        { "/api/ask", "FFFFFFFFFFFFFFFFFFFF\r\nx\r\n" },
        { "/api/messages", "zz\r\n{}\r\n0\r\n\r\n" },
        { "/api/messages", "2\r\n{}XX0\r\n\r\n" },
        { "/v3/directline/conversations", "zz\r\n{}\r\n0\r\n\r\n" },
    };

    [Theory]
    [MemberData(nameof(BrokenChunks))]
    public async Task BrokenChunkedBody_400ProblemDetails(string path, string body)
    {
        var logged = fixture.Host.Logs.Lines.Count;
        var authorization = path.StartsWith("/v3/", StringComparison.Ordinal) ? $"\r\nAuthorization: Bearer {await TokenAsync()}" : "";

        var response = await RawHttp.SendAsync(
            fixture.Host.BaseUrl,
            $"POST {path} HTTP/1.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked{authorization}",
            Encoding.ASCII.GetBytes(body));

        Assert.Equal(400, response.Status);
        Assert.StartsWith("application/problem+json", response.ContentType, StringComparison.Ordinal);
        var problem = JsonNode.Parse(response.Body)!;
        Assert.Equal(400, problem["status"]!.GetValue<int>());
        Assert.False(string.IsNullOrWhiteSpace(problem["title"]!.GetValue<string>()));
        Assert.DoesNotContain(fixture.Host.Logs.Lines.Skip(logged), l => l.Level >= LogLevel.Error);
    }

    private async Task<string> TokenAsync()
    {
        using var issued = await fixture.Host.Http.PostAsync("/api/directline/token", null);
        return JsonNode.Parse(await issued.Content.ReadAsStringAsync())!["token"]!.GetValue<string>();
    }
}
