using System.Text.Json;
using System.Text.Json.Nodes;
using SupportBot.BotFramework.Builder;
using SupportBot.BotFramework.Schema;
using SupportBot.BotFramework.Teams;
using SupportBot.BotFramework.Tests.Schema;
using SupportBot.BotFramework.Tests.TestSupport;

namespace SupportBot.BotFramework.Tests.Teams;

public sealed class TeamsActivityHandlerTests
{
    [Fact]
    public async Task OnTurnAsync_ComposeExtensionQuery_TypedQueryInAndEnvelopeOut()
    {
        var bot = new SearchBot();
        var context = Turn(ProtocolSamples.TeamsMessagingExtensionQuery);

        await bot.OnTurnAsync(context, default);

        Assert.Equal("searchFaq", bot.Query!.CommandId);
        Assert.Equal("refund", bot.Query.GetParameterValue("query"));
        Assert.Equal((0, 25), (bot.Query.QueryOptions!.Skip, bot.Query.QueryOptions.Count));
        Assert.Equal(200, context.InvokeResponse!.Status);
        var body = JsonNode.Parse(JsonSerializer.Serialize(context.InvokeResponse.Body, context.InvokeResponse.Body!.GetType(), BotJson.Options))!;
        var expected = JsonNode.Parse("""
            { "composeExtension": {
                "type": "result", "attachmentLayout": "list",
                "attachments": [
                  { "contentType": "application/vnd.microsoft.card.adaptive",
                    "content": { "type": "AdaptiveCard", "version": "1.5", "body": [ { "type": "TextBlock", "text": "Refunds", "wrap": true } ] },
                    "preview": { "contentType": "application/vnd.microsoft.card.thumbnail",
                                 "content": { "title": "Refunds", "text": "How to get money back" } } } ] } }
            """);
        Assert.True(JsonNode.DeepEquals(expected, body), body.ToJsonString());
    }

    [Fact]
    public async Task OnTurnAsync_SelectItem_PassesTapValueThrough()
    {
        var bot = new SearchBot();
        var context = Turn("""{ "type": "invoke", "name": "composeExtension/selectItem", "value": { "faqId": "refunds" } }""");

        await bot.OnTurnAsync(context, default);

        Assert.Equal("refunds", bot.SelectedItem!.Value.GetProperty("faqId").GetString());
        Assert.Equal(200, context.InvokeResponse!.Status);
    }

    [Fact]
    public async Task OnTurnAsync_QueryWithoutValue_Answers400()
    {
        var context = Turn("""{ "type": "invoke", "name": "composeExtension/query" }""");

        await new SearchBot().OnTurnAsync(context, default);

        Assert.Equal(400, context.InvokeResponse!.Status);
    }

    [Fact]
    public async Task OnTurnAsync_QueryNotOverridden_Answers501()
    {
        var context = Turn(ProtocolSamples.TeamsMessagingExtensionQuery);

        await new TeamsActivityHandler().OnTurnAsync(context, default);

        Assert.Equal(501, context.InvokeResponse!.Status);
    }

    [Fact]
    public async Task OnTurnAsync_OtherInvokeName_Answers501()
    {
        var context = Turn("""{ "type": "invoke", "name": "task/fetch", "value": {} }""");

        await new SearchBot().OnTurnAsync(context, default);

        Assert.Equal(501, context.InvokeResponse!.Status);
    }

    private static TurnContext Turn(string json) =>
        new(JsonSerializer.Deserialize<Activity>(json, BotJson.Options)!, new RecordingConnectorClient());

    private sealed class SearchBot : TeamsActivityHandler
    {
        public MessagingExtensionQuery? Query { get; private set; }

        public JsonElement? SelectedItem { get; private set; }

        protected override Task<MessagingExtensionResponse> OnTeamsMessagingExtensionQueryAsync(ITurnContext turnContext, MessagingExtensionQuery query, CancellationToken cancellationToken)
        {
            Query = query;
            return Task.FromResult(new MessagingExtensionResponse
            {
                ComposeExtension = new MessagingExtensionResult
                {
                    Type = MessagingExtensionResultTypes.Result,
                    AttachmentLayout = AttachmentLayoutTypes.List,
                    Attachments =
                    [
                        new MessagingExtensionAttachment
                        {
                            ContentType = AttachmentContentTypes.AdaptiveCard,
                            Content = JsonSerializer.SerializeToElement(new
                            {
                                type = "AdaptiveCard",
                                version = "1.5",
                                body = new[] { new { type = "TextBlock", text = "Refunds", wrap = true } },
                            }),
                            Preview = new Attachment
                            {
                                ContentType = AttachmentContentTypes.ThumbnailCard,
                                Content = JsonSerializer.SerializeToElement(new { title = "Refunds", text = "How to get money back" }),
                            },
                        },
                    ],
                },
            });
        }

        protected override Task<MessagingExtensionResponse> OnTeamsMessagingExtensionSelectItemAsync(ITurnContext turnContext, JsonElement query, CancellationToken cancellationToken)
        {
            SelectedItem = query;
            return Task.FromResult(new MessagingExtensionResponse { ComposeExtension = new MessagingExtensionResult { Type = "message", Text = "ok" } });
        }
    }
}
