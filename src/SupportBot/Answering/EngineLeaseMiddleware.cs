namespace SupportBot.Answering;

/// <summary>
/// Opens an <see cref="AnswerEngineProvider.BeginScope"/> around every request, so a request uses one
/// knowledge version from start to end and that version outlives a reload until the request is done.
/// </summary>
internal sealed class EngineLeaseMiddleware(RequestDelegate next, AnswerEngineProvider provider)
{
    public async Task InvokeAsync(HttpContext context)
    {
        using (provider.BeginScope())
        {
            await next(context).ConfigureAwait(false);
        }
    }
}

/// <summary>
/// Puts <see cref="EngineLeaseMiddleware"/> first in the pipeline from <c>AddAnswering</c>: a host that forgot
/// a <c>Use…</c> line would lose the protection silently, and nothing must run outside it.
/// </summary>
internal sealed class EngineLeaseStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.UseMiddleware<EngineLeaseMiddleware>();
        next(app);
    };
}
