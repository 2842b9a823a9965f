using SupportBot.BotFramework.Builder;
using SupportBot.BotFramework.Schema;
using SupportBot.BotFramework.Tests.TestSupport;

namespace SupportBot.BotFramework.Tests.Builder;

public sealed class ActivityHandlerTests
{
    [Theory]
    [InlineData("message", "message")]
    [InlineData("event", "event")]
    [InlineData("typing", "typing")]
    [InlineData("endOfConversation", "endOfConversation")]
    [InlineData("Message", "unrecognized")]
    [InlineData("handoff", "unrecognized")]
    [InlineData("somethingNew", "unrecognized")]
    public async Task OnTurnAsync_ActivityType_DispatchedOrdinally(string type, string expected)
    {
        var bot = new RecordingBot();

        await bot.OnTurnAsync(Turn(new Activity { Type = type }), default);

        Assert.Equal([expected], bot.Calls);
    }

    [Fact]
    public async Task OnTurnAsync_MembersAddedIncludingBot_BotExcludedFromMembers()
    {
        var bot = new RecordingBot();
        var activity = new Activity
        {
            Type = ActivityTypes.ConversationUpdate,
            Recipient = new ChannelAccount("28:bot"),
            MembersAdded = [new ChannelAccount("28:bot"), new ChannelAccount("29:ana")],
            MembersRemoved = [new ChannelAccount("29:bo")],
        };

        await bot.OnTurnAsync(Turn(activity), default);

        Assert.Equal(["botAdded", "membersAdded:29:ana", "membersRemoved:29:bo"], bot.Calls);
    }

    [Fact]
    public async Task OnTurnAsync_OnlyBotAdded_NoMembersAddedCall()
    {
        var bot = new RecordingBot();
        var activity = new Activity
        {
            Type = ActivityTypes.ConversationUpdate,
            Recipient = new ChannelAccount("28:bot"),
            MembersAdded = [new ChannelAccount("28:bot")],
        };

        await bot.OnTurnAsync(Turn(activity), default);

        Assert.Equal(["botAdded"], bot.Calls);
    }

    [Fact]
    public async Task OnTurnAsync_Reactions_SplitIntoAddedAndRemoved()
    {
        var bot = new RecordingBot();
        var activity = new Activity
        {
            Type = ActivityTypes.MessageReaction,
            ReactionsAdded = [new MessageReaction { Type = "like" }],
            ReactionsRemoved = [new MessageReaction { Type = "heart" }],
        };

        await bot.OnTurnAsync(Turn(activity), default);

        Assert.Equal(["reactionsAdded:like", "reactionsRemoved:heart"], bot.Calls);
    }

    [Theory]
    [InlineData("add", "installAdd")]
    [InlineData("add-upgrade", "installAdd")]
    [InlineData("remove", "installRemove")]
    [InlineData("remove-upgrade", "installRemove")]
    public async Task OnTurnAsync_InstallationUpdate_SplitByAction(string action, string expected)
    {
        var bot = new RecordingBot();

        await bot.OnTurnAsync(Turn(new Activity { Type = ActivityTypes.InstallationUpdate, Action = action }), default);

        Assert.Equal([expected], bot.Calls);
    }

    [Fact]
    public async Task OnTurnAsync_InvokeNotHandled_Answers501()
    {
        var context = Turn(new Activity { Type = ActivityTypes.Invoke, Name = "unknown/name" });

        await new ActivityHandler().OnTurnAsync(context, default);

        Assert.Equal(501, context.InvokeResponse!.Status);
    }

    [Fact]
    public async Task OnTurnAsync_InvokeResponseException_BecomesInvokeResponse()
    {
        var context = Turn(new Activity { Type = ActivityTypes.Invoke, Name = "bad" });

        await new RecordingBot().OnTurnAsync(context, default);

        Assert.Equal(400, context.InvokeResponse!.Status);
        Assert.Equal("bad value", context.InvokeResponse.Body);
    }

    private static TurnContext Turn(Activity activity) => new(activity, new RecordingConnectorClient());

    private sealed class RecordingBot : ActivityHandler
    {
        public List<string> Calls { get; } = [];

        protected override Task OnMessageActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken) => Record("message");

        protected override Task OnEventActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken) => Record("event");

        protected override Task OnTypingActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken) => Record("typing");

        protected override Task OnEndOfConversationActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken) => Record("endOfConversation");

        protected override Task OnUnrecognizedActivityTypeAsync(ITurnContext turnContext, CancellationToken cancellationToken) => Record("unrecognized");

        protected override Task OnBotAddedAsync(ITurnContext turnContext, CancellationToken cancellationToken) => Record("botAdded");

        protected override Task OnMembersAddedAsync(IReadOnlyList<ChannelAccount> membersAdded, ITurnContext turnContext, CancellationToken cancellationToken) =>
            Record("membersAdded:" + string.Join(",", membersAdded.Select(m => m.Id)));

        protected override Task OnMembersRemovedAsync(IReadOnlyList<ChannelAccount> membersRemoved, ITurnContext turnContext, CancellationToken cancellationToken) =>
            Record("membersRemoved:" + string.Join(",", membersRemoved.Select(m => m.Id)));

        protected override Task OnReactionsAddedAsync(IReadOnlyList<MessageReaction> reactions, ITurnContext turnContext, CancellationToken cancellationToken) =>
            Record("reactionsAdded:" + string.Join(",", reactions.Select(r => r.Type)));

        protected override Task OnReactionsRemovedAsync(IReadOnlyList<MessageReaction> reactions, ITurnContext turnContext, CancellationToken cancellationToken) =>
            Record("reactionsRemoved:" + string.Join(",", reactions.Select(r => r.Type)));

        protected override Task OnInstallationUpdateAddAsync(ITurnContext turnContext, CancellationToken cancellationToken) => Record("installAdd");

        protected override Task OnInstallationUpdateRemoveAsync(ITurnContext turnContext, CancellationToken cancellationToken) => Record("installRemove");

        protected override Task<InvokeResponse?> OnInvokeActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken) =>
            turnContext.Activity.Name == "bad" ? throw new InvokeResponseException(400, "bad value") : base.OnInvokeActivityAsync(turnContext, cancellationToken);

        private Task Record(string call)
        {
            Calls.Add(call);
            return Task.CompletedTask;
        }
    }
}
