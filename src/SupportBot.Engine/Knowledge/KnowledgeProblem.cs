namespace SupportBot.Engine.Knowledge;

/// <summary>One thing wrong with the knowledge base, located by file and line.</summary>
public sealed record KnowledgeProblem(string File, int Line, string Message)
{
    public override string ToString() => Line > 0 ? $"{File}:{Line}: {Message}" : $"{File}: {Message}";
}

/// <summary>
/// The knowledge base did not load. Carries every problem found, so an author can fix them all in one go;
/// nothing is ever half-loaded.
/// </summary>
public sealed class KnowledgeLoadException : Exception
{
    public KnowledgeLoadException(IReadOnlyList<KnowledgeProblem> problems)
        : base($"The knowledge base has {problems.Count} problem(s):{Environment.NewLine}" +
               string.Join(Environment.NewLine, problems.Select(p => "  " + p)))
    {
        Problems = problems;
    }

    public KnowledgeLoadException() : this([]) { }

    public KnowledgeLoadException(string message) : base(message) => Problems = [];

    public KnowledgeLoadException(string message, Exception innerException) : base(message, innerException) => Problems = [];

    public IReadOnlyList<KnowledgeProblem> Problems { get; }
}
