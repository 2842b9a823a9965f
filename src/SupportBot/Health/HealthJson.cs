using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SupportBot.Health;

/// <summary>
/// Health responses as JSON: <c>{"status": "Healthy", "checks": {"knowledge-index": {"status", "description",
/// "data": {…}}}}</c>, so an operator (or a script) sees which version serves and why a replica is not ready.
/// </summary>
internal static class HealthJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(
                e => e.Key,
                e => new { status = e.Value.Status.ToString(), description = e.Value.Description, data = e.Value.Data }),
        };
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        return JsonSerializer.SerializeAsync(context.Response.Body, body, Options, context.RequestAborted);
    }
}
