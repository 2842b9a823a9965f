using SupportBot.Engine.Answering;

namespace SupportBot.Answering;

/// <summary>
/// One loaded version: its engine (which owns native SQLite connections) and a count of who holds it. The
/// provider holds one reference while the version is current; each request that uses it holds another. The
/// engine is disposed when the last reference goes, so a request in flight during a swap finishes on the
/// version it started with, and a retired version is freed as soon as nobody uses it.
/// </summary>
internal sealed class LoadedKnowledge
{
    private readonly Action<LoadedKnowledge>? _released;
    private int _references = 1;

    public LoadedKnowledge(AnswerEngine engine, KnowledgeVersion version, Action<LoadedKnowledge>? released = null)
    {
        Engine = engine;
        Version = version;
        _released = released;
    }

    public AnswerEngine Engine { get; }

    public KnowledgeVersion Version { get; }

    /// <summary>True once the last reference is gone and the engine disposed.</summary>
    public bool IsReleased => Volatile.Read(ref _references) == 0;

    /// <summary>Takes a reference unless the version is already released (then the caller reads the current one again).</summary>
    public bool TryAcquire()
    {
        while (true)
        {
            var count = Volatile.Read(ref _references);
            if (count == 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _references, count + 1, count) == count)
            {
                return true;
            }
        }
    }

    /// <summary>Gives a reference back; the last one disposes the engine.</summary>
    public void Release()
    {
        var count = Interlocked.Decrement(ref _references);
        if (count == 0)
        {
            Engine.Dispose();
            _released?.Invoke(this);
        }
        else if (count < 0)
        {
            throw new InvalidOperationException($"Knowledge version {Version.Id} was released more often than acquired.");
        }
    }
}
