using System.Net;
using System.Text.Json.Nodes;
using SupportBot.Tests.Support;

namespace SupportBot.Tests.Api;

/// <summary>GET /api/feedback/summary on the real host (default storage: feedback in SQLite).</summary>
public sealed class FeedbackApiTests(ChannelHostFixture fixture) : IClassFixture<ChannelHostFixture>
{
    [Fact]
    public async Task Summary_AfterAYesClick_CountedPerDocumentAndListedWithoutTheQuestion()
    {
        var channel = fixture.Channel;
        channel.Clear();
        using (await fixture.Host.PostActivityAsync(Payloads.WebChatMessage(channel.ServiceUrl, "when did updates stop")))
        {
        }

        var yes = ReplyAssert.Actions(ReplyAssert.Card(channel.Messages.Single().Json!), "Action.Submit")[0]["data"]!;
        using (await fixture.Host.PostActivityAsync(Payloads.WebChatSubmit(channel.ServiceUrl, yes.DeepClone())))
        {
        }

        using var response = await fixture.Host.Http.GetAsync("/api/feedback/summary");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(["helpful", "notHelpful", "documents", "recent"], report.AsObject().Select(p => p.Key));
        var recent = Assert.Single(report["recent"]!.AsArray(), r => r!["answerId"]!.GetValue<string>() == yes["answerId"]!.GetValue<string>())!;
        Assert.Equal(["answerId", "documentId", "helpful", "channel", "recordedAt"], recent.AsObject().Select(p => p.Key));
        Assert.Equal(("updates-stopped", true), (recent["documentId"]!.GetValue<string>(), recent["helpful"]!.GetValue<bool>()));
        Assert.True(report["helpful"]!.GetValue<int>() >= 1);
        Assert.Contains(report["documents"]!.AsArray(), d => d!["documentId"]!.GetValue<string>() == "updates-stopped" && d["helpful"]!.GetValue<int>() >= 1);
        Assert.DoesNotContain("when did updates stop", report.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Summary_RecentZero_CountsOnly()
    {
        using var response = await fixture.Host.Http.GetAsync("/api/feedback/summary?recent=0");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["recent"]!.AsArray());
    }

    [Theory]
    [InlineData("recent=201")]
    [InlineData("recent=-1")]
    [InlineData("recent=ten")]
    [InlineData("recent=1&recent=2")]
    public async Task Summary_BadRecent_400NamingIt(string query)
    {
        using var response = await fixture.Host.Http.GetAsync($"/api/feedback/summary?{query}");

        var problem = await AgentsApiTests.AssertProblem(response, HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]!["recent"]);
    }
}
