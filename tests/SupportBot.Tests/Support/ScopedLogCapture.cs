using System.Collections.Concurrent;
using System.Globalization;

namespace SupportBot.Tests.Support;

/// <summary>
/// A logger provider that keeps every line at every level with the scopes it was written in (as the JSON
/// console formatter would print them), for tests of what log lines carry and what they must never carry.
/// Add it with <c>services.AddSingleton&lt;ILoggerProvider&gt;(capture)</c>.
/// </summary>
internal sealed class ScopedLogCapture : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<ScopedLogLine> _lines = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public IReadOnlyList<ScopedLogLine> Lines => _lines.ToList();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, this);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ScopedLogCapture owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var fields = new List<KeyValuePair<string, string?>>();
            owner._scopes.ForEachScope(
                (scope, list) =>
                {
                    if (scope is IEnumerable<KeyValuePair<string, object?>> pairs)
                    {
                        list.AddRange(pairs.Select(p => new KeyValuePair<string, string?>(p.Key, Convert.ToString(p.Value, CultureInfo.InvariantCulture))));
                    }
                    else
                    {
                        list.Add(new KeyValuePair<string, string?>("Scope", Convert.ToString(scope, CultureInfo.InvariantCulture)));
                    }
                },
                fields);
            if (state is IEnumerable<KeyValuePair<string, object?>> properties)
            {
                fields.AddRange(properties.Select(p => new KeyValuePair<string, string?>("@" + p.Key, Convert.ToString(p.Value, CultureInfo.InvariantCulture))));
            }

            owner._lines.Enqueue(new ScopedLogLine(category, logLevel, eventId.Id, formatter(state, exception), exception, fields));
        }
    }
}

/// <summary>One captured line: its message, and its scope fields and message properties (<c>@Name</c>).</summary>
internal sealed record ScopedLogLine(string Category, LogLevel Level, int EventId, string Message, Exception? Exception, IReadOnlyList<KeyValuePair<string, string?>> Fields)
{
    /// <summary>The values of scope field <paramref name="key"/>, innermost last.</summary>
    public IEnumerable<string?> Scope(string key) => Fields.Where(f => f.Key == key).Select(f => f.Value);

    /// <summary>Everything a log sink could print for this line.</summary>
    public override string ToString() =>
        $"{Level} {Category}[{EventId}] {Message} {Exception} | {string.Join("; ", Fields.Select(f => $"{f.Key}={f.Value}"))}";
}
