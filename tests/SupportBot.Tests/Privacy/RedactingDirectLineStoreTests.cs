using System.Text.Json;
using System.Text.Json.Nodes;
using SupportBot.BotFramework.DirectLine;
using SupportBot.BotFramework.Schema;
using SupportBot.Tests.Support;

namespace SupportBot.Tests.Privacy;

/// <summary>
/// The self-hosted Direct Line's transcript on the real host: what it keeps, echoes and replays of a customer's
/// message is redacted, while the bot's turn runs on the original.
/// </summary>
public sealed class RedactingDirectLineStoreTests(DefaultHostFixture fixture) : IClassFixture<DefaultHostFixture>
{
    private readonly BotHost _host = fixture.Host;

    [Fact]
    public async Task Conversation_MessageWithPersonalData_EchoAndRepliesRedactedReplyThreadedToTheEcho()
    {
        var chat = await DirectLinePageChat.StartAsync(_host.Http);

        var id = await chat.PostAsync(RedactingStoresTests.Question);

        var transcript = await chat.TranscriptAsync();
        var echo = Assert.Single(transcript, a => a!["id"]!.GetValue<string>() == id)!;
        Assert.Equal(RedactingStoresTests.Redacted, echo["text"]!.GetValue<string>());
        Assert.Equal(chat.UserId, echo["from"]!["id"]!.GetValue<string>());
        var reply = Assert.Single(transcript, a => a!["replyToId"]?.GetValue<string>() == id && a["type"]!.GetValue<string>() == "message")!;
        Assert.Equal("bot", reply["from"]!["role"]!.GetValue<string>());
        AssertNoPersonalData(await chat.TranscriptJsonAsync());
    }

    [Fact]
    public async Task Conversation_FeedbackClickCarryingTheQuestion_StoredRedacted()
    {
        var chat = await DirectLinePageChat.StartAsync(_host.Http);
        var value = new JsonObject { ["action"] = "feedback", ["helpful"] = true, ["answerId"] = "feedfeedfeedfeedfeedfeedfeedfeed", ["question"] = RedactingStoresTests.Question };

        var id = await chat.PostAsync(text: null, value);

        var click = Assert.Single(await chat.TranscriptAsync(), a => a!["id"]!.GetValue<string>() == id)!;
        Assert.Equal(RedactingStoresTests.Redacted, click["value"]!["question"]!.GetValue<string>());
        Assert.Equal("feedfeedfeedfeedfeedfeedfeedfeed", click["value"]!["answerId"]!.GetValue<string>());
        AssertNoPersonalData(await chat.TranscriptJsonAsync());
    }

    [Fact]
    public async Task AppendAsync_ActivityWithPersonalData_StoredCopyRedactedCallersActivityUntouched()
    {
        var store = _host.Services.GetRequiredService<IDirectLineStore>();
        var conversationId = "privacy-" + Guid.NewGuid().ToString("N");
        Assert.True(await store.CreateAsync(conversationId, default));
        var activity = new Activity
        {
            Type = ActivityTypes.Message,
            Text = RedactingStoresTests.Question,
            Value = JsonSerializer.SerializeToElement(new { question = RedactingStoresTests.Question, nested = new[] { new { email = RedactingStoresTests.Email } } }),
            Attachments = [new Attachment { ContentType = AttachmentContentTypes.AdaptiveCard, Content = JsonSerializer.SerializeToElement(new { body = new[] { new { text = RedactingStoresTests.Phone } } }) }],
        };

        var stored = await store.AppendAsync(conversationId, activity, default);

        // The bot's turn keeps reading the original, under the id the transcript gave it.
        Assert.Equal(RedactingStoresTests.Question, activity.Text);
        Assert.Equal(stored!.Id, activity.Id);
        Assert.Contains(RedactingStoresTests.Email, activity.Value!.Value.GetRawText(), StringComparison.Ordinal);

        var kept = JsonNode.Parse(Assert.Single((await store.ReadAsync(conversationId, 0, 10, default))!.Activities).Json)!;
        Assert.Equal(RedactingStoresTests.Redacted, kept["text"]!.GetValue<string>());
        Assert.Equal(RedactingStoresTests.Redacted, kept["value"]!["question"]!.GetValue<string>());
        Assert.Equal("[email]", kept["value"]!["nested"]![0]!["email"]!.GetValue<string>());
        Assert.Equal("[phone]", kept["attachments"]![0]!["content"]!["body"]![0]!["text"]!.GetValue<string>());
        Assert.Equal(stored.Id, kept["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task AppendAsync_NothingToRedact_StoredAsIs()
    {
        var store = _host.Services.GetRequiredService<IDirectLineStore>();
        var conversationId = "privacy-" + Guid.NewGuid().ToString("N");
        await store.CreateAsync(conversationId, default);
        var activity = new Activity { Type = ActivityTypes.Message, Text = "when did updates stop on 9/29/2024, version 21.3?" };

        var stored = await store.AppendAsync(conversationId, activity, default);

        Assert.Equal(activity.Text, JsonNode.Parse(stored!.Json)!["text"]!.GetValue<string>());
        Assert.Equal(stored.Id, activity.Id);
    }

    private static void AssertNoPersonalData(string json)
    {
        foreach (var secret in new[] { RedactingStoresTests.Card, "4111111111111111", RedactingStoresTests.Email, RedactingStoresTests.Phone })
        {
            Assert.DoesNotContain(secret, json, StringComparison.Ordinal);
        }
    }
}
