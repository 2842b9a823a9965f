namespace SupportBot.BotFramework.Schema;

public sealed partial class Activity
{
    /// <summary>A copy sharing nested objects: enough to re-address an activity without touching the caller's.</summary>
    internal Activity CloneShallow() => (Activity)MemberwiseClone();
}
