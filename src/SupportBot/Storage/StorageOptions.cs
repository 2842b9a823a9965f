using Microsoft.Extensions.Options;

namespace SupportBot.Storage;

/// <summary>Where the host keeps what must outlive a turn (configuration section <c>Storage</c>).</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>
    /// The SQLite file for feedback, the question log and (when <see cref="ConversationState"/> is
    /// <c>Sqlite</c>) conversation state. Relative paths resolve against the current directory. Default
    /// <c>data/supportbot.db</c>; the folder is created.
    /// </summary>
    public string DatabasePath { get; set; } = "data/supportbot.db";

    /// <summary>
    /// Where conversation state lives: <c>InMemory</c> (default; lost on restart, which only forgets the last
    /// answer and pending clarification) or <c>Sqlite</c> (in <see cref="DatabasePath"/>).
    /// </summary>
    public string ConversationState { get; set; } = StorageKinds.InMemory;

    /// <summary>Most conversations the in-memory store keeps; the least recently updated are dropped. Default 10,000.</summary>
    public int MaxInMemoryConversations { get; set; } = 10_000;

    /// <summary>Longest question text stored in the question log and feedback, in characters. Default 2,000.</summary>
    public int MaxStoredQuestionLength { get; set; } = 2_000;

    public string ResolveDatabasePath() => Path.GetFullPath(DatabasePath);
}

/// <summary>Values of <see cref="StorageOptions.ConversationState"/>.</summary>
public static class StorageKinds
{
    public const string InMemory = "InMemory";
    public const string Sqlite = "Sqlite";
}

internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.DatabasePath))
        {
            failures.Add($"{StorageOptions.SectionName}:{nameof(StorageOptions.DatabasePath)} is required (e.g. data/supportbot.db).");
        }

        if (!string.Equals(options.ConversationState, StorageKinds.InMemory, StringComparison.OrdinalIgnoreCase)
            && !string.Equals(options.ConversationState, StorageKinds.Sqlite, StringComparison.OrdinalIgnoreCase))
        {
            failures.Add($"{StorageOptions.SectionName}:{nameof(StorageOptions.ConversationState)} must be {StorageKinds.InMemory} or {StorageKinds.Sqlite}, not '{options.ConversationState}'.");
        }

        if (options.MaxInMemoryConversations < 1)
        {
            failures.Add($"{StorageOptions.SectionName}:{nameof(StorageOptions.MaxInMemoryConversations)} must be at least 1.");
        }

        if (options.MaxStoredQuestionLength < 1)
        {
            failures.Add($"{StorageOptions.SectionName}:{nameof(StorageOptions.MaxStoredQuestionLength)} must be at least 1.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
