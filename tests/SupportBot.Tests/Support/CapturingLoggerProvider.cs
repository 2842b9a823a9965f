using System.Collections.Concurrent;

namespace SupportBot.Tests.Support;

/// <summary>Keeps every formatted log line (with its event id and exception), so tests can check what is and is not logged.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<LogLine> _lines = new();

    public IReadOnlyList<LogLine> Lines => _lines.ToList();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<LogLine> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue(new LogLine(category, logLevel, eventId.Id, formatter(state, exception), exception));
    }
}

internal sealed record LogLine(string Category, LogLevel Level, int EventId, string Message, Exception? Exception)
{
    public override string ToString() => $"{Level} {Category}[{EventId}] {Message} {Exception}";
}
