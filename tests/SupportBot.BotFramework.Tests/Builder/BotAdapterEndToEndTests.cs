using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SupportBot.BotFramework.Authentication;
using SupportBot.BotFramework.Builder;
using SupportBot.BotFramework.Schema;
using SupportBot.BotFramework.Tests.Authentication;
using SupportBot.BotFramework.Tests.TestSupport;

namespace SupportBot.BotFramework.Tests.Builder;

/// <summary>
/// The messaging endpoint end to end: a real Kestrel host exposing /api/messages through the adapter and
/// an echo bot, replying to a fake Connector service on loopback.
/// </summary>
public sealed class BotAdapterEndToEndTests(TokenIssuerFixture issuerFixture) : IClassFixture<TokenIssuerFixture>, IAsyncLifetime
{
    private static readonly HttpClient Http = new();
    private FakeConnectorService _connector = null!;

    public async Task InitializeAsync() => _connector = await FakeConnectorService.StartAsync();

    public async Task DisposeAsync() => await _connector.DisposeAsync();

    [Fact]
    public async Task Post_MessageWithUnknownFields_EchoRepliedToConnectorPerProtocol()
    {
        await using var host = await StartBotHost(Anonymous());
        var activity = Message("hello");
        activity["futureField"] = new JsonObject { ["nested"] = new JsonArray(1, 2) };
        activity["from"]!["unknownMember"] = true;

        using var response = await Post(host, activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
        var request = Assert.Single(_connector.Snapshot());
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v3/conversations/19%3Aconv%40thread.v2/activities/act%3A1", request.RawTarget);
        Assert.Null(request.Authorization);
        var reply = request.Json!;
        Assert.Equal("message", reply["type"]!.GetValue<string>());
        Assert.Equal("echo: hello", reply["text"]!.GetValue<string>());
        Assert.Equal("bot-1", reply["from"]!["id"]!.GetValue<string>());
        Assert.Equal("user-1", reply["recipient"]!["id"]!.GetValue<string>());
        Assert.Equal("19:conv@thread.v2", reply["conversation"]!["id"]!.GetValue<string>());
        Assert.Equal("act:1", reply["replyToId"]!.GetValue<string>());
        Assert.Equal("acceptingInput", reply["inputHint"]!.GetValue<string>());
        Assert.Null(reply["id"]);
        Assert.Null(reply["callerId"]);
    }

    [Fact]
    public async Task Post_Invoke_ReturnsHandlersStatusAndBody()
    {
        await using var host = await StartBotHost(Anonymous());
        var activity = Activity("invoke");
        activity["name"] = "test/echo";
        activity["value"] = new JsonObject { ["q"] = "refund" };

        using var response = await Post(host, activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("refund", body["echoed"]!["q"]!.GetValue<string>());
        Assert.Empty(_connector.Snapshot());
    }

    [Fact]
    public async Task Post_UnknownInvoke_Returns501()
    {
        await using var host = await StartBotHost(Anonymous());
        var activity = Activity("invoke");
        activity["name"] = "unknown/thing";

        using var response = await Post(host, activity);

        Assert.Equal(HttpStatusCode.NotImplemented, response.StatusCode);
        Assert.Empty(_connector.Snapshot());
    }

    [Fact]
    public async Task Get_MessagingEndpoint_Returns405()
    {
        await using var host = await StartBotHost(Anonymous());

        using var response = await Http.GetAsync(host.BaseUrl + "/api/messages");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Contains("POST", response.Content.Headers.Allow);
    }

    [Theory]
    [InlineData("""{ "text": "no type" }""")]
    [InlineData("""{ "type": "" }""")]
    [InlineData("""{ "type": 5 }""")]
    [InlineData("""[ { "type": "message" } ]""")]
    [InlineData("""not json""")]
    [InlineData("")]
    public async Task Post_NotAnActivity_Returns400(string body)
    {
        await using var host = await StartBotHost(Anonymous());

        using var response = await Http.PostAsync(host.BaseUrl + "/api/messages", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, host.Services.GetRequiredService<EchoBot>().Turns);
    }

    [Fact]
    public async Task Post_UnknownActivityType_Returns200AndSendsNothing()
    {
        await using var host = await StartBotHost(Anonymous());

        using var response = await Post(host, Activity("somethingFromTheFuture"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(_connector.Snapshot());
        Assert.Equal(1, host.Services.GetRequiredService<EchoBot>().Turns);
    }

    [Fact]
    public async Task Post_AuthEnabledWithoutToken_Returns401AndProcessesNothing()
    {
        await using var host = await StartBotHost(Authenticated());

        using var response = await Post(host, Message("hello"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, host.Services.GetRequiredService<EchoBot>().Turns);
        Assert.Empty(_connector.Snapshot());
    }

    [Fact]
    public async Task Post_AuthEnabledWithValidChannelToken_RepliesWithBotToken()
    {
        await using var host = await StartBotHost(Authenticated(), new StaticTokenProvider("outbound-token"));
        var activity = Message("hello");
        activity["callerId"] = "urn:forged";
        var token = issuerFixture.Issuer.CreateChannelToken(TimeProvider.System.GetUtcNow(), ServiceUrl);

        using var response = await Post(host, activity, token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Bearer outbound-token", Assert.Single(_connector.Snapshot()).Authorization);
        Assert.Equal("urn:botframework:azure", host.Services.GetRequiredService<EchoBot>().LastCallerId);
    }

    [Fact]
    public async Task Post_AuthEnabledWithTokenForOtherServiceUrl_Returns401()
    {
        await using var host = await StartBotHost(Authenticated(), new StaticTokenProvider("outbound-token"));
        var token = issuerFixture.Issuer.CreateChannelToken(TimeProvider.System.GetUtcNow(), "https://attacker.example.test/");

        using var response = await Post(host, Message("hello"), token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(_connector.Snapshot());
    }

    [Fact]
    public async Task Post_TurnThrows_UserToldSomethingHumanAndStateReset()
    {
        var resetter = new RecordingResetter();
        await using var host = await StartBotHost(Anonymous(), resetter: resetter);

        using var response = await Post(host, Message("boom"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = Assert.Single(_connector.Snapshot()).Json!;
        Assert.Equal("Sorry, something went wrong on my side. Please try again in a moment.", reply["text"]!.GetValue<string>());
        Assert.Equal("act:1", reply["replyToId"]!.GetValue<string>());
        Assert.Equal(["19:conv@thread.v2"], resetter.Conversations);
    }

    [Fact]
    public async Task Post_InvokeThrows_Returns500WithoutMessage()
    {
        await using var host = await StartBotHost(Anonymous());
        var activity = Activity("invoke");
        activity["name"] = "test/boom";

        using var response = await Post(host, activity);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Empty(_connector.Snapshot());
    }

    [Fact]
    public async Task Post_BodyOverLimit_Returns413()
    {
        await using var host = await StartBotHost(Anonymous(new() { ["BotFramework:Adapter:MaxRequestBodyBytes"] = "2048" }));

        using var response = await Post(host, Message(new string('x', 4096)));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, host.Services.GetRequiredService<EchoBot>().Turns);
    }

    [Fact]
    public async Task Post_MembersAddedOnWebChat_WelcomeSentToConversationWithoutReplyToId()
    {
        await using var host = await StartBotHost(Anonymous());
        var activity = Activity("conversationUpdate");
        activity["channelId"] = "webchat";
        activity["membersAdded"] = new JsonArray(new JsonObject { ["id"] = "bot-1" }, new JsonObject { ["id"] = "user-1", ["name"] = "Ana" });

        using var response = await Post(host, activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var request = Assert.Single(_connector.Snapshot());
        Assert.Equal("/v3/conversations/19%3Aconv%40thread.v2/activities", request.RawTarget);
        Assert.Equal("welcome Ana", request.Json!["text"]!.GetValue<string>());
        Assert.Null(request.Json!["replyToId"]);
    }

    [Fact]
    public async Task ContinueConversationAsync_StoredReference_SendsProactiveMessage()
    {
        await using var host = await StartBotHost(Anonymous());
        var adapter = host.Services.GetRequiredService<BotAdapter>();
        var reference = new ConversationReference
        {
            ChannelId = "msteams",
            ServiceUrl = ServiceUrl,
            Bot = new ChannelAccount("bot-1"),
            User = new ChannelAccount("user-1"),
            Conversation = new ConversationAccount { Id = "a:personal" },
        };

        await adapter.ContinueConversationAsync(reference, (turn, ct) => turn.SendActivityAsync("Your ticket was updated.", cancellationToken: ct), default);

        var request = Assert.Single(_connector.Snapshot());
        Assert.Equal("/v3/conversations/a%3Apersonal/activities", request.RawTarget);
        Assert.Equal("user-1", request.Json!["recipient"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task StartBotHost_InvalidConfiguration_FailsAtStartUp()
    {
        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            StartBotHost(new() { ["MicrosoftAppId"] = "app", ["MicrosoftAppType"] = "SingleTenant", ["MicrosoftAppPassword"] = "pw" }));

        Assert.Contains("MicrosoftAppTenantId is required when MicrosoftAppType is SingleTenant.", exception.Failures);
    }

    private string ServiceUrl => _connector.BaseUrl + "/";

    private static Dictionary<string, string?> Anonymous(Dictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["MicrosoftAppId"] = "",
            ["BotFramework:Connector:BaseDelay"] = "00:00:00.010",
        };
        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }

        return settings;
    }

    private Dictionary<string, string?> Authenticated() => new()
    {
        ["MicrosoftAppId"] = TestTokenIssuer.AppId,
        ["MicrosoftAppPassword"] = "secret",
        ["ChannelOpenIdMetadataUrl"] = issuerFixture.Issuer.ChannelMetadataUrl.AbsoluteUri,
        ["EmulatorOpenIdMetadataUrl"] = issuerFixture.Issuer.EmulatorMetadataUrl.AbsoluteUri,
        ["RequireHttpsMetadata"] = "false",
    };

    private JsonObject Activity(string type) => new()
    {
        ["type"] = type,
        ["id"] = "act:1",
        ["channelId"] = "webchat",
        ["serviceUrl"] = ServiceUrl,
        ["timestamp"] = "2024-10-01T09:00:01.1234567Z",
        ["from"] = new JsonObject { ["id"] = "user-1", ["name"] = "Ana", ["role"] = "user" },
        ["recipient"] = new JsonObject { ["id"] = "bot-1", ["name"] = "SupportBot", ["role"] = "bot" },
        ["conversation"] = new JsonObject { ["id"] = "19:conv@thread.v2" },
        ["locale"] = "en-US",
    };

    private JsonObject Message(string text)
    {
        var activity = Activity("message");
        activity["text"] = text;
        return activity;
    }

    private static async Task<HttpResponseMessage> Post(LoopbackServer host, JsonObject activity, string? token = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, host.BaseUrl + "/api/messages")
        {
            Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await Http.SendAsync(request);
    }

    private static Task<LoopbackServer> StartBotHost(
        Dictionary<string, string?> settings,
        IBotTokenProvider? tokens = null,
        IConversationStateResetter? resetter = null) =>
        LoopbackServer.StartAsync(
            app => app.Map("/api/messages", (HttpContext context, IBotFrameworkHttpAdapter adapter, EchoBot bot) =>
                adapter.ProcessAsync(context.Request, context.Response, bot, context.RequestAborted)),
            builder =>
            {
                builder.Configuration.AddInMemoryCollection(settings);
                if (tokens is not null)
                {
                    builder.Services.AddSingleton(tokens);
                }

                if (resetter is not null)
                {
                    builder.Services.AddSingleton(resetter);
                }

                builder.Services.AddBotFramework(builder.Configuration);
                builder.Services.AddSingleton<EchoBot>();
            });

    private sealed class EchoBot : ActivityHandler
    {
        private int _turns;

        public int Turns => Volatile.Read(ref _turns);

        public string? LastCallerId { get; private set; }

        public override Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _turns);
            LastCallerId = turnContext.Activity.CallerId;
            return base.OnTurnAsync(turnContext, cancellationToken);
        }

        protected override Task OnMessageActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken) =>
            turnContext.Activity.Text == "boom"
                ? throw new InvalidOperationException("handler failed")
                : turnContext.SendActivityAsync("echo: " + turnContext.Activity.Text, cancellationToken: cancellationToken);

        protected override Task OnMembersAddedAsync(IReadOnlyList<ChannelAccount> membersAdded, ITurnContext turnContext, CancellationToken cancellationToken) =>
            turnContext.SendActivityAsync("welcome " + string.Join(", ", membersAdded.Select(m => m.Name)), cancellationToken: cancellationToken);

        protected override Task<InvokeResponse?> OnInvokeActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken) =>
            turnContext.Activity.Name switch
            {
                "test/echo" => Task.FromResult<InvokeResponse?>(InvokeResponse.Ok(new { echoed = turnContext.Activity.Value })),
                "test/boom" => throw new InvalidOperationException("invoke failed"),
                _ => base.OnInvokeActivityAsync(turnContext, cancellationToken),
            };
    }

    private sealed class RecordingResetter : IConversationStateResetter
    {
        public List<string?> Conversations { get; } = [];

        public Task ResetConversationStateAsync(ITurnContext turnContext, CancellationToken cancellationToken)
        {
            Conversations.Add(turnContext.Activity.Conversation?.Id);
            return Task.CompletedTask;
        }
    }
}
