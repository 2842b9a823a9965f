using System.Text.Json.Nodes;
using SupportBot.Storage;
using SupportBot.Tests.Support;

namespace SupportBot.Tests.WebChat;

/// <summary>
/// The official botframework-directlinejs client (npm; the one Web Chat uses), run by node against the real host
/// on loopback through web/directlinejs-check.mjs: a page token from /api/directline/token, then a question over
/// WebSocket and over polling, resuming from a watermark both ways, and another conversation's token refused.
/// </summary>
public sealed class DirectLineJsTests
{
    [Fact]
    public async Task OfficialClient_AgainstTheHost_AnswersOverWebSocketAndPolling_ResumesAndRefusesForeignTokens()
    {
        await using var host = await BotHost.StartAsync();

        await RunOfficialClientAsync(host);
    }

    /// <summary>The same conformance run with the Direct Line, state and question log in a real redis-server.</summary>
    [Fact]
    public async Task OfficialClient_AgainstAHostOnRedis_SameBehaviour()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var host = await BotHost.StartAsync(new Dictionary<string, string?> { ["Storage:Provider"] = "redis", ["Storage:ConnectionString"] = redis.ConnectionString });

        await RunOfficialClientAsync(host);
    }

    private static async Task RunOfficialClientAsync(BotHost host)
    {
        var (exit, stdout, stderr) = await NodeScript.RunAsync(TimeSpan.FromMinutes(2), "directlinejs-check.mjs", host.BaseUrl, "when do updates stop");

        Assert.True(exit == 0, $"exit {exit}\n{stdout}\n{stderr}");
        var result = JsonNode.Parse(stdout)!;
        foreach (var mode in new[] { "webSocket", "polling" })
        {
            var run = result[mode]!;
            var postedId = run["postedId"]!.GetValue<string>();
            var conversationId = run["conversationId"]!.GetValue<string>();
            Assert.Matches($"^{Escape(conversationId)}\\|[0-9]{{7}}$", postedId);
            Assert.Contains("Online", run["statuses"]!.AsArray().Select(s => s!.GetValue<string>()));

            // The welcome arrives unasked, with the suggested questions, from the bot's conversationUpdate.
            Assert.Contains("You could start with one of these", run["welcomeText"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.NotEmpty(run["welcomeSuggestedActions"]!.AsArray());

            // The echo Web Chat waits for: same id, the token's user, role user, channelData intact.
            var echo = run["echo"]!;
            Assert.Equal(postedId, echo["id"]!.GetValue<string>());
            Assert.Equal("user", echo["role"]!.GetValue<string>());
            Assert.Equal(run["userId"]!.GetValue<string>(), echo["fromId"]!.GetValue<string>());
            Assert.StartsWith("dl_", echo["fromId"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Equal("node-1", echo["clientActivityID"]!.GetValue<string>());

            var reply = run["reply"]!;
            Assert.Equal("bot", reply["role"]!.GetValue<string>());
            Assert.Equal(postedId, reply["replyToId"]!.GetValue<string>());
            Assert.Contains("September 29", reply["text"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Contains("application/vnd.microsoft.card.adaptive", reply["attachments"]!.AsArray().Select(a => a!.GetValue<string>()));
        }

        // Resuming from the watermark after the welcome replays the question and the answer, not the welcome.
        var polling = result["polling"]!;
        Assert.Equal("1", result["resumePolling"]!["fromWatermark"]!.GetValue<string>());
        Assert.Equal(
            [polling["postedId"]!.GetValue<string>(), polling["reply"]!["id"]!.GetValue<string>()],
            result["resumePolling"]!["replayedIds"]!.AsArray().Select(i => i!.GetValue<string>()));
        var webSocket = result["webSocket"]!;
        var replayed = result["resumeWebSocket"]!["replayedIds"]!.AsArray().Select(i => i!.GetValue<string>()).ToList();
        Assert.Equal(webSocket["postedId"]!.GetValue<string>(), replayed[0]);
        Assert.Equal(webSocket["reply"]!["id"]!.GetValue<string>(), replayed[^1]);
        Assert.DoesNotContain($"{webSocket["conversationId"]!.GetValue<string>()}|0000001", replayed);

        // A second conversation's token on the first: the client cannot connect, reads and posts get 403.
        var cross = result["crossConversation"]!;
        Assert.Equal("FailedToConnect", cross["finalStatus"]!.GetValue<string>());
        Assert.Equal(403, cross["readStatus"]!.GetValue<int>());
        Assert.Equal(403, cross["postStatus"]!.GetValue<int>());

        // The same bot logic as /api/messages answered: the question log has both, on the directline channel.
        var logged = await host.Services.GetRequiredService<IQuestionLog>().RecentAsync(10, default);
        Assert.Equal(2, logged.Count(q => q is { Question: "when do updates stop", Kind: "faq", DocumentId: "updates-stopped", Channel: "directline" }));
        BotHost.DeleteData(host.DataFolder);
    }

    private static string Escape(string value) => System.Text.RegularExpressions.Regex.Escape(value);
}
