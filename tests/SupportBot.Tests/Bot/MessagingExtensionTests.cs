using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using SupportBot.Answering;
using SupportBot.Tests.Support;

namespace SupportBot.Tests.Bot;

/// <summary>The agents' search in Teams' compose box: composeExtension/query and selectItem invokes on the real host.</summary>
public sealed class MessagingExtensionTests(ChannelHostFixture fixture) : IClassFixture<ChannelHostFixture>
{
    private readonly FakeChannel _channel = fixture.Channel;
    private readonly BotHost _host = fixture.Host;

    [Fact]
    public async Task Query_TopHitsAsAdaptiveCardsWithThumbnailPreviews_Within5Seconds()
    {
        _channel.Clear();
        var watch = Stopwatch.StartNew();

        using var response = await _host.PostActivityAsync(Payloads.ComposeExtensionQuery(_channel.ServiceUrl, "query", "free offer"));

        Assert.InRange(watch.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(5));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        var result = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["composeExtension"]!;
        Assert.Equal("result", result["type"]!.GetValue<string>());
        Assert.Equal("list", result["attachmentLayout"]!.GetValue<string>());
        var attachments = result["attachments"]!.AsArray();
        Assert.InRange(attachments.Count, 2, 10);

        var expected = Engine().Search("free offer", attachments.Count, prefixLast: true).Hits;
        for (var i = 0; i < attachments.Count; i++)
        {
            var attachment = attachments[i]!;
            Assert.Equal("application/vnd.microsoft.card.adaptive", attachment["contentType"]!.GetValue<string>());
            Assert.Equal("1.5", attachment["content"]!["version"]!.GetValue<string>());
            var texts = ReplyAssert.Texts(attachment["content"]!);
            Assert.Equal(expected[i].Title, texts[0]);
            Assert.Empty(ReplyAssert.Actions(attachment["content"]!, "Action.Submit"));

            var preview = attachment["preview"]!;
            Assert.Equal("application/vnd.microsoft.card.thumbnail", preview["contentType"]!.GetValue<string>());
            Assert.Equal(expected[i].Title, preview["content"]!["title"]!.GetValue<string>());
            Assert.False(string.IsNullOrWhiteSpace(preview["content"]!["text"]!.GetValue<string>()));
            Assert.DoesNotContain('\uE000', preview["content"]!["text"]!.GetValue<string>());
            var tap = preview["content"]!["tap"]!;
            Assert.Equal("invoke", tap["type"]!.GetValue<string>());
            Assert.Equal(expected[i].Id, tap["value"]!["id"]!.GetValue<string>());
            Assert.Equal(expected[i].Kind, tap["value"]!["kind"]!.GetValue<string>());
        }

        var first = Engine().Knowledge.FaqsById[expected[0].Id];
        Assert.Contains(first.Answer, ReplyAssert.Texts(attachments[0]!["content"]!));
        Assert.Empty(_channel.Requests);
    }

    [Fact]
    public async Task Query_InitialRun_ListsTheMostAskedQuestions()
    {
        using var response = await _host.PostActivityAsync(Payloads.ComposeExtensionQuery(_channel.ServiceUrl, "initialRun", "true"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var attachments = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["composeExtension"]!["attachments"]!.AsArray();
        var knowledge = Engine().Knowledge;
        Assert.Equal(
            knowledge.Responses.Suggested.Select(id => knowledge.FaqsById[id].Question),
            attachments.Select(a => a!["preview"]!["content"]!["title"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Query_CountAndSkip_PageTheResults()
    {
        using var page1 = await _host.PostActivityAsync(Payloads.ComposeExtensionQuery(_channel.ServiceUrl, "query", "kaspersky", count: 3));
        var query = Payloads.ComposeExtensionQuery(_channel.ServiceUrl, "query", "kaspersky", count: 3);
        query["value"]!["queryOptions"]!["skip"] = 3;
        using var page2 = await _host.PostActivityAsync(query);

        var first = Ids(JsonNode.Parse(await page1.Content.ReadAsStringAsync())!);
        var second = Ids(JsonNode.Parse(await page2.Content.ReadAsStringAsync())!);
        Assert.Equal(3, first.Count);
        Assert.Equal(3, second.Count);
        Assert.Empty(first.Intersect(second));
        Assert.Equal(Engine().Search("kaspersky", 6, prefixLast: true).Hits.Select(h => h.Id), first.Concat(second));
    }

    [Fact]
    public async Task SelectItem_TapValueFromAResult_ReturnsThatAnswerCard()
    {
        using var query = await _host.PostActivityAsync(Payloads.ComposeExtensionQuery(_channel.ServiceUrl, "query", "why banned"));
        var chosen = JsonNode.Parse(await query.Content.ReadAsStringAsync())!["composeExtension"]!["attachments"]![0]!;

        using var response = await _host.PostActivityAsync(
            Payloads.ComposeExtensionSelectItem(_channel.ServiceUrl, chosen["preview"]!["content"]!["tap"]!["value"]!.DeepClone()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["composeExtension"]!;
        Assert.Equal("result", result["type"]!.GetValue<string>());
        var card = Assert.Single(result["attachments"]!.AsArray())!;
        Assert.True(JsonNode.DeepEquals(chosen["content"], card["content"]), card.ToJsonString());
    }

    [Fact]
    public async Task SelectItem_UnknownId_SaysSoInsteadOfFailing()
    {
        using var response = await _host.PostActivityAsync(
            Payloads.ComposeExtensionSelectItem(_channel.ServiceUrl, new JsonObject { ["id"] = "no-such-entry", ["kind"] = "faq" }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("message", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["composeExtension"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Query_MalformedValue_400()
    {
        var query = Payloads.ComposeExtensionQuery(_channel.ServiceUrl, "query", "x");
        query["value"] = "not an object";

        using var response = await _host.PostActivityAsync(query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task UnknownInvoke_501()
    {
        var invoke = Payloads.ComposeExtensionQuery(_channel.ServiceUrl, "query", "x");
        invoke["name"] = "task/fetch";

        using var response = await _host.PostActivityAsync(invoke);

        Assert.Equal(HttpStatusCode.NotImplemented, response.StatusCode);
    }

    private static List<string> Ids(JsonNode body) =>
        body["composeExtension"]!["attachments"]!.AsArray().Select(a => a!["preview"]!["content"]!["tap"]!["value"]!["id"]!.GetValue<string>()).ToList();

    private Engine.Answering.AnswerEngine Engine() => _host.Services.GetRequiredService<IAnswerEngineProvider>().Current!;
}
