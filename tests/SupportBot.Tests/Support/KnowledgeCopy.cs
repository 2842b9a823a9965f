namespace SupportBot.Tests.Support;

/// <summary>A copy of the real knowledge folder in a temporary directory, for a test to break.</summary>
internal sealed class KnowledgeCopy : IDisposable
{
    private readonly string _parent = Path.Combine(Path.GetTempPath(), "supportbot-cli-tests", Guid.NewGuid().ToString("N"));

    public KnowledgeCopy()
    {
        Root = Path.Combine(_parent, "knowledge");
        var source = Path.Combine(CliRunner.RepoRoot, "knowledge");
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(Root, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    /// <summary>The copied knowledge folder (named <c>knowledge</c>, so problems read <c>knowledge/faq/….yaml:line</c>).</summary>
    public string Root { get; }

    public string PathOf(string relative) => Path.Combine(Root, relative);

    /// <summary>Inserts <paramref name="line"/> after line number <paramref name="after"/> (1-based; 0 inserts at the top).</summary>
    public void InsertLine(string relative, int after, string line)
    {
        var lines = File.ReadAllLines(PathOf(relative)).ToList();
        lines.Insert(after, line);
        File.WriteAllLines(PathOf(relative), lines);
    }

    /// <summary>The 1-based number of the first line of a file starting (after indentation) with <paramref name="prefix"/>.</summary>
    public int FirstLineStartingWith(string relative, string prefix)
    {
        var lines = File.ReadAllLines(PathOf(relative));
        var index = Array.FindIndex(lines, l => l.TrimStart().StartsWith(prefix, StringComparison.Ordinal));
        return index >= 0 ? index + 1 : throw new InvalidOperationException($"{relative} has no line starting with '{prefix}'");
    }

    public void Dispose()
    {
        if (Directory.Exists(_parent))
        {
            Directory.Delete(_parent, recursive: true);
        }
    }
}
