namespace SupportBot.Answering;

/// <summary>
/// How a running host notices and takes in knowledge changes. Bound from the <c>Knowledge</c> section (beside
/// <c>Knowledge:Path</c>); validated at start-up.
/// </summary>
public sealed class KnowledgeReloadOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Knowledge";

    /// <summary>
    /// Poll the knowledge folder and rebuild the index when its content changes. Default true. Polling, not file
    /// system events: a Kubernetes ConfigMap update swaps a symlink and network mounts send no events.
    /// </summary>
    public bool Watch { get; set; } = true;

    /// <summary>How often the folder's content is hashed to look for a change. Default 5 s.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a change must stay still before it is loaded, so a copy or checkout of several files is taken
    /// in once it is complete. Default 2 s.
    /// </summary>
    public TimeSpan Debounce { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Shared secret for <c>POST /admin/knowledge/reload</c> (sent as <c>Authorization: Bearer …</c>). Empty
    /// (default): the endpoint does not exist (404). At least 16 characters; keep it in a secret store.
    /// </summary>
    public string? ReloadSecret { get; set; }
}
