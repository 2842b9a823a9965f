using System.Buffers;
using System.Diagnostics;

namespace SupportBot.Telemetry;

/// <summary>
/// Gives every request a correlation id and puts it on every log line the request writes (a logging scope
/// with <c>CorrelationId</c>) and on its response (<c>X-Correlation-ID</c>). The id is the caller's
/// <c>X-Correlation-ID</c> when it is a plain token (letters, digits, <c>-._:</c>, at most 128), else the
/// W3C trace id, which continues the caller's <c>traceparent</c> when one was sent. Runs first, so even
/// the exception handler's lines carry it. Writes a Debug line per request (method, path, status, time; no query).
/// </summary>
internal sealed class CorrelationMiddleware(RequestDelegate next, TimeProvider time, ILogger<CorrelationMiddleware> logger)
{
    /// <summary>The request and response header.</summary>
    public const string HeaderName = "X-Correlation-ID";

    /// <summary>The span tag holding the id, for finding a request's trace from its logs.</summary>
    public const string SpanTag = "supportbot.correlation_id";

    private const int MaxLength = 128;

    private static readonly SearchValues<char> Allowed =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._:");

    public async Task InvokeAsync(HttpContext context)
    {
        var id = FromHeader(context.Request.Headers[HeaderName].ToString())
            ?? Activity.Current?.TraceId.ToHexString()
            ?? ActivityTraceId.CreateRandom().ToHexString();
        Activity.Current?.SetTag(SpanTag, id);

        // On starting, so responses the exception handler rewrites (it clears headers) carry it too.
        context.Response.OnStarting(
            static state =>
            {
                var (response, value) = ((HttpResponse, string))state;
                response.Headers[HeaderName] = value;
                return Task.CompletedTask;
            },
            (context.Response, id));

        using (logger.BeginScope(new LogScope(new KeyValuePair<string, object?>(LogScope.CorrelationId, id))))
        {
            var started = time.GetTimestamp();
            await next(context).ConfigureAwait(false);

            // The path only: query strings carry stream tokens and search text.
            Log.RequestFinished(logger, context.Request.Method, LogScope.Safe(context.Request.Path.Value) ?? "/", context.Response.StatusCode, time.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    // A caller's id is echoed into logs and headers: only a short plain token is taken.
    internal static string? FromHeader(string value) =>
        value.Length is > 0 and <= MaxLength && !value.AsSpan().ContainsAnyExcept(Allowed) ? value : null;
}

/// <summary>Puts <see cref="CorrelationMiddleware"/> in front of the host's whole pipeline.</summary>
internal sealed class CorrelationStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.UseMiddleware<CorrelationMiddleware>();
        next(app);
    };
}
