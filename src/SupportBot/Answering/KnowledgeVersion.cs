namespace SupportBot.Answering;

/// <summary>The knowledge a host is answering from.</summary>
/// <param name="Id">Hash of the folder's content (<see cref="KnowledgeFingerprint"/>).</param>
/// <param name="LoadedAt">When this version started serving.</param>
/// <param name="FaqCount">FAQ entries.</param>
/// <param name="PassageCount">Article passages.</param>
public sealed record KnowledgeVersion(string Id, DateTimeOffset LoadedAt, int FaqCount, int PassageCount);

/// <summary>The last knowledge change that was refused; the version before it kept serving.</summary>
/// <param name="Version">Content hash of the refused folder.</param>
/// <param name="At">When it was refused.</param>
/// <param name="Problems">Every problem, <c>file:line: message</c>.</param>
public sealed record KnowledgeReloadError(string Version, DateTimeOffset At, IReadOnlyList<string> Problems);

/// <summary>What a reload did.</summary>
public enum KnowledgeReloadOutcome
{
    /// <summary>A new version is serving.</summary>
    Loaded,

    /// <summary>The folder holds the version already serving; nothing was built.</summary>
    Unchanged,

    /// <summary>The folder's content is invalid; the version before keeps serving.</summary>
    Refused,

    /// <summary>Files changed while they were being read; nothing was swapped, try again.</summary>
    Changing,
}

/// <summary>The outcome of one reload, with the version serving afterwards.</summary>
public sealed record KnowledgeReloadResult(
    KnowledgeReloadOutcome Outcome,
    KnowledgeVersion? Serving,
    KnowledgeVersion? Previous = null,
    KnowledgeReloadError? Error = null);
