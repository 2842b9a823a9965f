namespace SupportBot.BotFramework.Schema;

public sealed partial class Activity
{
    /// <summary>
    /// What makes this activity unusable as received, or null. JSON lets a sender put <c>null</c> in any array;
    /// no channel does, and code reading <c>membersAdded</c> or <c>entities</c> rightly expects members and
    /// entities, so receivers refuse such an activity where it arrives (400) rather than fail its turn.
    /// </summary>
    public string? FindNullElement() =>
        HasNull(MembersAdded) ? "membersAdded has a null member"
        : HasNull(MembersRemoved) ? "membersRemoved has a null member"
        : HasNull(ReactionsAdded) ? "reactionsAdded has a null reaction"
        : HasNull(ReactionsRemoved) ? "reactionsRemoved has a null reaction"
        : HasNull(Attachments) ? "attachments has a null attachment"
        : HasNull(Entities) ? "entities has a null entity"
        : HasNull(ListenFor) ? "listenFor has a null entry"
        : HasNull(SuggestedActions?.Actions) ? "suggestedActions.actions has a null action"
        : null;

    private static bool HasNull<T>(IList<T>? list) => list is not null && list.Any(item => item is null);
}
