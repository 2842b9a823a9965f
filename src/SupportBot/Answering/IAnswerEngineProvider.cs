using SupportBot.Engine.Answering;

namespace SupportBot.Answering;

/// <summary>
/// The one answer engine of the host. It is built from the knowledge folder in the background after
/// start-up, so the process answers <c>/healthz</c> at once and <c>/readyz</c> once the index is loaded.
/// </summary>
public interface IAnswerEngineProvider
{
    /// <summary>True once the knowledge is loaded and indexed.</summary>
    bool IsReady { get; }

    /// <summary>The engine, or null while it is still loading.</summary>
    AnswerEngine? Current { get; }

    /// <summary>The engine, waiting for it while it loads.</summary>
    Task<AnswerEngine> GetAsync(CancellationToken cancellationToken);
}
