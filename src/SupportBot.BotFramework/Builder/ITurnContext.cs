using System.Security.Claims;
using SupportBot.BotFramework.Schema;

namespace SupportBot.BotFramework.Builder;

/// <summary>
/// One turn: the inbound activity and the way to answer it. Outgoing activities are addressed as replies
/// to the inbound one (from/recipient swapped, same conversation, <c>replyToId</c> per the protocol) and
/// sent through the Connector of the activity's <c>serviceUrl</c>.
/// </summary>
public interface ITurnContext
{
    /// <summary>The inbound activity.</summary>
    Activity Activity { get; }

    /// <summary>Claims of the caller's validated token; null for in-process or proactive turns.</summary>
    ClaimsIdentity? Identity { get; }

    /// <summary>Per-turn storage for middleware and handlers.</summary>
    IDictionary<string, object> TurnState { get; }

    /// <summary>True once a non-trace activity was sent in this turn.</summary>
    bool Responded { get; }

    /// <summary>
    /// The answer to an <c>invoke</c> activity, written as the HTTP response; 501 if the turn sets none.
    /// Sending an activity of type <c>invokeResponse</c> sets it too.
    /// </summary>
    InvokeResponse? InvokeResponse { get; set; }

    /// <summary>Sends a text message (<c>inputHint</c> defaults to <c>acceptingInput</c>).</summary>
    Task<ResourceResponse?> SendActivityAsync(string text, string? speak = null, string inputHint = InputHints.AcceptingInput, CancellationToken cancellationToken = default);

    /// <summary>Sends an activity, addressed as a reply to the inbound activity.</summary>
    Task<ResourceResponse?> SendActivityAsync(Activity activity, CancellationToken cancellationToken = default);

    /// <summary>Sends activities in order; one response per activity (null for those not sent, e.g. trace off the Emulator).</summary>
    Task<IReadOnlyList<ResourceResponse?>> SendActivitiesAsync(IReadOnlyList<Activity> activities, CancellationToken cancellationToken = default);

    /// <summary>Replaces an activity sent earlier (its <see cref="Activity.Id"/> must be set).</summary>
    Task<ResourceResponse?> UpdateActivityAsync(Activity activity, CancellationToken cancellationToken = default);

    /// <summary>Deletes an activity sent earlier.</summary>
    Task DeleteActivityAsync(string activityId, CancellationToken cancellationToken = default);
}
