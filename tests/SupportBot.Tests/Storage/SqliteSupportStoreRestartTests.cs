using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using SupportBot.Storage;
using SupportBot.Tests.Support;

namespace SupportBot.Tests.Storage;

/// <summary>A restart loses no recorded feedback: the host stopped, or its process killed, right after the 200.</summary>
public sealed class SqliteSupportStoreRestartTests
{
    private const string Question = "when did kaspersky updates stop?";

    [Fact]
    public async Task Feedback_HostStoppedAndStartedAgainOnTheSameFile_FeedbackFound()
    {
        var folder = NewFolder();
        await using var channel = await FakeChannel.StartAsync();
        JsonNode clicked;
        await using (var first = await BotHost.StartAsync(dataFolder: folder))
        {
            clicked = await AskAndClickAsync(channel, json => first.PostActivityAsync(json), helpful: false);
        }

        await using (var second = await BotHost.StartAsync(dataFolder: folder))
        {
            var recorded = (await second.Services.GetRequiredService<IFeedbackStore>().RecentAsync(100, default))
                .Single(f => f.AnswerId == clicked["answerId"]!.GetValue<string>());

            Assert.False(recorded.Helpful);
            Assert.Equal("updates-stopped", recorded.DocumentId);
            Assert.Equal(Question, recorded.Question);
            Assert.Equal("directline", recorded.Channel);
            Assert.Contains(await second.Services.GetRequiredService<IQuestionLog>().RecentAsync(100, default), q => q.AnswerId == recorded.AnswerId);
        }

        BotHost.DeleteData(folder);
    }

    [Fact]
    public async Task Feedback_HostProcessKilledRightAfterThe200_FeedbackOnDisk()
    {
        var folder = NewFolder();
        Directory.CreateDirectory(folder);
        var database = Path.Combine(folder, "supportbot.db");
        await using var channel = await FakeChannel.StartAsync();
        using var process = HostProcess.Start(
            ["--urls", "http://127.0.0.1:0"],
            folder,
            new Dictionary<string, string> { ["Storage__DatabasePath"] = database });
        using var http = new HttpClient { BaseAddress = new Uri(await process.ListeningAsync(TimeSpan.FromSeconds(60))) };
        await WaitReadyAsync(http);

        var clicked = await AskAndClickAsync(channel, json => http.PostAsync("/api/messages", new StringContent(json.ToJsonString(), Encoding.UTF8, "application/json")), helpful: true);
        // AskAndClickAsync returned on the feedback's 200; SIGKILL now, no graceful shutdown, no flush.
        process.Dispose();

        using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT helpful, document_id FROM feedback WHERE answer_id = $id";
        command.Parameters.AddWithValue("$id", clicked["answerId"]!.GetValue<string>());
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read(), "the feedback the host acknowledged is not in the database");
        Assert.Equal(1, reader.GetInt64(0));
        Assert.Equal("updates-stopped", reader.GetString(1));
        reader.Close();
        connection.Close();
        BotHost.DeleteData(folder);
    }

    /// <summary>Asks, takes the answer's "Yes"/"No" button from the card, clicks it; returns the button's data once the click got its 200.</summary>
    private static async Task<JsonNode> AskAndClickAsync(FakeChannel channel, Func<JsonNode, Task<HttpResponseMessage>> post, bool helpful)
    {
        using (var asked = await post(Payloads.WebChatMessage(channel.ServiceUrl, Question)))
        {
            Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        }

        var card = ReplyAssert.Card(Assert.Single(channel.Messages).Json!);
        var data = ReplyAssert.Actions(card, "Action.Submit").Single(a => a["data"]!["helpful"]!.GetValue<bool>() == helpful)["data"]!;
        using var clicked = await post(Payloads.WebChatSubmit(channel.ServiceUrl, data.DeepClone()));
        Assert.Equal(HttpStatusCode.OK, clicked.StatusCode);
        return data;
    }

    private static async Task WaitReadyAsync(HttpClient http)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!(await http.GetAsync("/readyz", timeout.Token)).IsSuccessStatusCode)
        {
            await Task.Delay(50, timeout.Token);
        }
    }

    private static string NewFolder() => Path.Combine(Path.GetTempPath(), "supportbot-restart-tests", Guid.NewGuid().ToString("N"));
}
