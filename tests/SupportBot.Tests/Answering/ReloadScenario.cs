using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using SupportBot.Tests.Support;

namespace SupportBot.Tests.Answering;

/// <summary>
/// The real host over a temporary copy of knowledge/ that a test edits: one FAQ answer gets a revision mark,
/// and the host is asked, over /api/ask, which revision it serves.
/// </summary>
internal static class ReloadScenario
{
    public const string Question = "When did Kaspersky stop providing software updates in the US?";
    public const string FaqFile = "faq/dates.yaml";
    public const string AnswerStart = "Kaspersky software updates were no longer provided";
    public const string ReloadSecret = "test-reload-secret-0123456789abcdef";
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <summary>A host watching <paramref name="knowledgeRoot"/> closely (100 ms polls, 100 ms debounce).</summary>
    public static Task<BotHost> StartAsync(string knowledgeRoot, IDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["Knowledge:Path"] = knowledgeRoot,
            ["Knowledge:PollInterval"] = "00:00:00.100",
            ["Knowledge:Debounce"] = "00:00:00.100",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        return BotHost.StartAsync(all);
    }

    /// <summary>The text revision <paramref name="revision"/> of the answer starts with (0: the original).</summary>
    public static string Mark(int revision) => revision == 0 ? AnswerStart : $"Revision {revision}: {AnswerStart}";

    /// <summary>Rewrites the FAQ file under <paramref name="root"/> so the answer carries revision <paramref name="revision"/>.</summary>
    public static void WriteRevision(string root, int revision)
    {
        var path = Path.Combine(root, FaqFile);
        WriteAtomically(path, WithRevision(File.ReadAllText(path), revision));
    }

    /// <summary>The FAQ file's text with the answer carrying revision <paramref name="revision"/>.</summary>
    public static string WithRevision(string text, int revision)
    {
        var start = text.IndexOf(AnswerStart, StringComparison.Ordinal);
        var lineStart = text.LastIndexOf('\n', start) + 1;
        var prefix = text[lineStart..start];
        var indent = prefix[..(prefix.Length - prefix.TrimStart(' ').Length)];
        var lineEnd = text.IndexOf('\n', start);
        return text[..lineStart] + indent + (revision == 0 ? "" : $"Revision {revision}: ") + text[start..lineEnd] + text[lineEnd..];
    }

    /// <summary>
    /// Writes through a temporary file and a rename, as editors and deployment tools do, so the watcher never
    /// reads a half-written file (that case is covered by the fingerprint check, not by these tests).
    /// </summary>
    public static void WriteAtomically(string path, string text)
    {
        var temp = Path.Combine(Path.GetDirectoryName(path)!, "." + Path.GetFileName(path) + ".tmp");
        File.WriteAllText(temp, text);
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>Which revision the host answers with, or -1 for any other answer.</summary>
    public static int RevisionOf(string answer)
    {
        if (answer.StartsWith(AnswerStart, StringComparison.Ordinal))
        {
            return 0;
        }

        const string Prefix = "Revision ";
        if (answer.StartsWith(Prefix, StringComparison.Ordinal))
        {
            var colon = answer.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && int.TryParse(answer[Prefix.Length..colon], System.Globalization.CultureInfo.InvariantCulture, out var n)
                && answer[(colon + 2)..].StartsWith(AnswerStart, StringComparison.Ordinal))
            {
                return n;
            }
        }

        return -1;
    }

    /// <summary>POSTs the question to /api/ask; the answer text (throws on anything but 200).</summary>
    public static async Task<string> AskAsync(HttpClient http, CancellationToken cancellationToken = default)
    {
        using var content = new StringContent(new JsonObject { ["question"] = Question }.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await http.PostAsync("/api/ask", content, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new HttpRequestException($"/api/ask answered {(int)response.StatusCode}: {body}");
        }

        return JsonNode.Parse(body)!["answer"]!.GetValue<string>();
    }

    public static async Task<int> ServedRevisionAsync(BotHost host) => RevisionOf(await AskAsync(host.Http));

    /// <summary>Waits until <paramref name="condition"/> holds; fails the test with <paramref name="what"/> after <see cref="Patience"/>.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (!await condition())
        {
            if (timeout.IsCancellationRequested)
            {
                Assert.Fail($"Timed out waiting until {what}.");
            }

            await Task.Delay(50);
        }
    }

    public static Task WaitUntilServedAsync(BotHost host, int revision) =>
        WaitUntilAsync(async () => await ServedRevisionAsync(host) == revision, $"revision {revision} is served");

    public static Task WaitForLogAsync(BotHost host, int eventId, int count = 1) =>
        WaitUntilAsync(() => Task.FromResult(host.Logs.Lines.Count(l => l.EventId == eventId) >= count), $"{count} log line(s) with event {eventId}");

    /// <summary>/readyz as JSON (status code and body).</summary>
    public static async Task<(HttpStatusCode Status, JsonNode Body)> ReadyzAsync(BotHost host)
    {
        using var response = await host.Http.GetAsync("/readyz");
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    public static JsonNode KnowledgeCheck(JsonNode readyz) => readyz["checks"]!["knowledge-index"]!;
}
