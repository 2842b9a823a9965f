using SupportBot.Engine.Answering;

namespace SupportBot.Answering;

/// <summary>
/// The answer engine of the host. It is built from the knowledge folder in the background after start-up, so
/// the process answers <c>/healthz</c> at once and <c>/readyz</c> once the index is loaded, and rebuilt when
/// the knowledge changes. Within one HTTP request every call returns the same version, and that version
/// stays usable until the request ends even if a newer one is swapped in meanwhile.
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
