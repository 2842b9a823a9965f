namespace SupportBot.Engine.Tests.Support;

/// <summary>Where the repository and its sibling shared folder are, found from the test assembly's location.</summary>
internal static class RepoPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    /// <summary>The folder holding SupportBot.sln.</summary>
    public static string Root => LazyRoot.Value;

    public static string Knowledge => Path.Combine(Root, "knowledge");

    public static string Articles => Path.Combine(Knowledge, "articles");

    /// <summary>The shared development questions, in the shared folder beside the repository (here and in CI).</summary>
    public static string DevQuestions => Path.GetFullPath(Path.Combine(Root, "..", "shared", "eval", "dev-questions.jsonl"));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SupportBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} holds SupportBot.sln");
    }
}
