using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using SupportBot.Tests.Support;

namespace SupportBot.Tests.Hosting;

/// <summary>The ready requests in src/SupportBot/SupportBot.http work against the real host as their comments say.</summary>
public sealed partial class HttpFileTests
{
    [Fact]
    public async Task HttpFile_EveryRequest_AnsweredAsDocumented()
    {
        var text = File.ReadAllText(Path.Combine(CliRunner.RepoRoot, "src", "SupportBot", "SupportBot.http"));
        await using var host = await BotHost.StartAsync();
        var requests = Parse(text.Replace("{{host}}", host.BaseUrl, StringComparison.Ordinal)).ToList();

        Assert.Equal(9, requests.Count);
        var statuses = new List<(string Title, HttpStatusCode Status)>();
        foreach (var (title, method, url, contentType, body) in requests)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), url);
            if (body.Length > 0)
            {
                request.Content = new StringContent(body, Encoding.UTF8, contentType ?? "application/json");
            }

            using var response = await host.Http.SendAsync(request);
            statuses.Add((title, response.StatusCode));
        }

        foreach (var (title, status) in statuses)
        {
            var expected = title.StartsWith("Bad input", StringComparison.Ordinal) ? HttpStatusCode.BadRequest : HttpStatusCode.OK;
            Assert.True(status == expected, $"{title}: {status}");
        }

        BotHost.DeleteData(host.DataFolder);
    }

    private static IEnumerable<(string Title, string Method, string Url, string? ContentType, string Body)> Parse(string text)
    {
        foreach (var block in text.Split("###", StringSplitOptions.RemoveEmptyEntries).Skip(1))
        {
            var lines = block.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
            var title = lines[0].Trim();
            var start = lines.FindIndex(l => RequestLine().IsMatch(l));
            if (start < 0)
            {
                continue;
            }

            var match = RequestLine().Match(lines[start]);
            var headers = lines.Skip(start + 1).TakeWhile(l => l.Length > 0).ToList();
            var contentType = headers.FirstOrDefault(h => h.StartsWith("Content-Type:", StringComparison.OrdinalIgnoreCase))?.Split(':', 2)[1].Trim();
            var body = string.Join('\n', lines.Skip(start + 1 + headers.Count)).Trim();
            yield return (title, match.Groups["method"].Value, match.Groups["url"].Value, contentType, body);
        }
    }

    [GeneratedRegex(@"^(?<method>GET|POST|PUT|DELETE) (?<url>\S+)")]
    private static partial Regex RequestLine();
}
