using System.Net;
using System.Text.Json.Nodes;
using SupportBot.Tests.Support;

namespace SupportBot.Tests.Replicas;

/// <summary>
/// Two host processes on different loopback ports sharing one real Redis, as behind a load balancer that does
/// not pin clients: a Direct Line conversation moves freely between them, tokens from one work (and are
/// revoked) on the other, feedback given on one is in the other's report, and a replica killed mid-conversation
/// loses nothing.
/// </summary>
public sealed class TwoReplicasTests(ReplicasFixture replicas) : IClassFixture<ReplicasFixture>
{
    private const string Question = "when did updates stop";

    [Fact]
    public async Task DirectLine_StartedOnA_MessagePostedOnB_ReplyStreamedToTheClientOnA()
    {
        var (chat, streamUrl) = await DirectLineChat.StartAsync(replicas.A.BaseUrl);
        await using var streamOnA = await ActivityStream.OpenAsync(streamUrl);
        await streamOnA.ReadUntilAsync(IsBotMessage, "the welcome");

        var postedOnB = await chat.AskAsync(replicas.B.BaseUrl, Question);

        var echo = await streamOnA.ReadUntilAsync(a => Id(a) == postedOnB, "the echo of the message posted on B");
        var reply = await streamOnA.ReadUntilAsync(a => IsBotMessage(a) && a["replyToId"]?.GetValue<string>() == postedOnB, "the reply");
        Assert.Equal(chat.UserId, echo["from"]!["id"]!.GetValue<string>());
        Assert.Contains("September 29", reply["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Feedback_GivenOnB_AppearsInAsReport()
    {
        var (chat, streamUrl) = await DirectLineChat.StartAsync(replicas.A.BaseUrl);
        await using var stream = await ActivityStream.OpenAsync(streamUrl);
        var asked = await chat.AskAsync(replicas.A.BaseUrl, Question);
        var reply = await stream.ReadUntilAsync(a => IsBotMessage(a) && a["replyToId"]?.GetValue<string>() == asked, "the answer");
        var yes = ReplyAssert.Actions(ReplyAssert.Card(reply), "Action.Submit")[0]["data"]!;
        var answerId = yes["answerId"]!.GetValue<string>();

        // Web Chat posts a card's Action.Submit as a message whose value is the action's data.
        await chat.PostAsync(replicas.B.BaseUrl, new JsonObject { ["type"] = "message", ["from"] = new JsonObject { ["id"] = "r_test" }, ["value"] = yes.DeepClone() });

        using var response = await replicas.A.Http.GetAsync("/api/feedback/summary?recent=50");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var recorded = Assert.Single(report["recent"]!.AsArray(), r => r!["answerId"]!.GetValue<string>() == answerId)!;
        Assert.True(recorded["helpful"]!.GetValue<bool>());
        Assert.Equal("directline", recorded["channel"]!.GetValue<string>());
        Assert.Equal("updates-stopped", recorded["documentId"]!.GetValue<string>());
        Assert.Contains(report["documents"]!.AsArray(), d => d!["documentId"]?.GetValue<string>() == "updates-stopped" && d["helpful"]!.GetValue<int>() >= 1);
        Assert.Null(recorded["question"]);
    }

    [Fact]
    public async Task TokenRefreshedOnA_OldTokenRefusedOnB_NewOneAccepted()
    {
        var (chat, _) = await DirectLineChat.StartAsync(replicas.A.BaseUrl);
        var old = chat.Token;

        using var refresh = await chat.SendAsync(replicas.A.BaseUrl, HttpMethod.Post, "tokens/refresh");
        Assert.Equal(HttpStatusCode.OK, refresh.StatusCode);
        var renewed = JsonNode.Parse(await refresh.Content.ReadAsStringAsync())!["token"]!.GetValue<string>();

        using var withOld = await chat.SendAsync(replicas.B.BaseUrl, HttpMethod.Get, $"conversations/{chat.ConversationId}/activities", credential: old);
        using var withNew = await chat.SendAsync(replicas.B.BaseUrl, HttpMethod.Get, $"conversations/{chat.ConversationId}/activities", credential: renewed);
        await AssertErrorCode(withOld, HttpStatusCode.Forbidden, "TokenRevoked");
        Assert.Equal(HttpStatusCode.OK, withNew.StatusCode);
    }

    [Fact]
    public async Task EndOfConversationOnB_EveryTokenRefusedOnA_AndAsStreamCloses()
    {
        var (chat, streamUrl) = await DirectLineChat.StartAsync(replicas.A.BaseUrl);
        await using var streamOnA = await ActivityStream.OpenAsync(streamUrl);
        await streamOnA.ReadUntilAsync(IsBotMessage, "the welcome");
        var tokenFromA = chat.Token;

        await chat.PostAsync(replicas.B.BaseUrl, new JsonObject { ["type"] = "endOfConversation", ["from"] = new JsonObject { ["id"] = "r_test" } });

        await streamOnA.WaitForCloseAsync();
        using var onA = await chat.SendAsync(replicas.A.BaseUrl, HttpMethod.Get, $"conversations/{chat.ConversationId}/activities", credential: tokenFromA);
        using var restartOnA = await chat.SendAsync(replicas.A.BaseUrl, HttpMethod.Post, "conversations", new JsonObject(), credential: tokenFromA);
        await AssertErrorCode(onA, HttpStatusCode.Forbidden, "TokenRevoked");
        await AssertErrorCode(restartOnA, HttpStatusCode.Forbidden, "TokenRevoked");
    }

    [Fact]
    public async Task ReplicaKilledMidConversation_ConversationContinuesOnBFromTheWatermark_NothingLost()
    {
        using var doomed = await Replica.StartAsync("C", replicas.Redis, replicas.KeyPrefix, ReplicasFixture.Settings);
        var (chat, streamUrl) = await DirectLineChat.StartAsync(doomed.BaseUrl);
        await using (var streamOnC = await ActivityStream.OpenAsync(streamUrl))
        {
            await streamOnC.ReadUntilAsync(IsBotMessage, "the welcome");
            var watermark = streamOnC.Watermark;

            // Answered (the POST returns after the turn), then the replica dies before its stream delivers the answer.
            var first = await chat.AskAsync(doomed.BaseUrl, Question);
            doomed.Kill();
            var second = await chat.AskAsync(replicas.B.BaseUrl, "is the free offer still available");

            await using var streamOnB = await ActivityStream.OpenAsync(await chat.ReconnectAsync(replicas.B.BaseUrl, watermark));
            await streamOnB.ReadUntilAsync(a => IsBotMessage(a) && a["replyToId"]?.GetValue<string>() == second, "the answer to the message posted on B");

            // The stream on B replays exactly what followed the last watermark seen on C: each activity once, in order.
            var replayed = streamOnB.Received.Select(Id).ToList();
            var sequences = replayed.Select(id => long.Parse(id.Split('|')[1], System.Globalization.CultureInfo.InvariantCulture)).ToList();
            Assert.Equal(Enumerable.Range(int.Parse(watermark, System.Globalization.CultureInfo.InvariantCulture) + 1, sequences.Count).Select(i => (long)i), sequences);
            Assert.Contains(first, replayed);
            Assert.Contains(streamOnB.Received, a => IsBotMessage(a) && a["replyToId"]?.GetValue<string>() == first && a["text"]!.GetValue<string>().Contains("September 29", StringComparison.Ordinal));
            Assert.Contains(second, replayed);
        }
    }

    private static bool IsBotMessage(JsonNode activity) =>
        activity["type"]?.GetValue<string>() == "message" && activity["from"]?["role"]?.GetValue<string>() == "bot";

    private static string Id(JsonNode activity) => activity["id"]!.GetValue<string>();

    private static async Task AssertErrorCode(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {text}");
        Assert.Equal(code, JsonNode.Parse(text)!["error"]!["code"]!.GetValue<string>());
    }
}
