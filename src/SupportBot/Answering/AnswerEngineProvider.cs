using SupportBot.Engine.Answering;

namespace SupportBot.Answering;

/// <inheritdoc cref="IAnswerEngineProvider"/>
internal sealed class AnswerEngineProvider : IAnswerEngineProvider, IDisposable
{
    private readonly TaskCompletionSource<AnswerEngine> _engine = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsReady => _engine.Task.IsCompletedSuccessfully;

    public AnswerEngine? Current => IsReady ? _engine.Task.Result : null;

    public Task<AnswerEngine> GetAsync(CancellationToken cancellationToken) => _engine.Task.WaitAsync(cancellationToken);

    public void SetEngine(AnswerEngine engine) => _engine.TrySetResult(engine);

    public void SetFailed(Exception exception) => _engine.TrySetException(exception);

    public void Dispose()
    {
        if (IsReady)
        {
            _engine.Task.Result.Dispose();
        }
    }
}
