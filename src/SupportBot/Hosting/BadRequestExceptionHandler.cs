using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace SupportBot.Hosting;

/// <summary>
/// The one place where exceptions that mean "the client sent something wrong" become a 4xx ProblemDetails
/// instead of a 500: Kestrel's <see cref="BadHttpRequestException"/> (malformed chunked body, body over the
/// size limit, a body that stops short; its own status code) and a <see cref="JsonException"/> escaping a body
/// read (400), and an <see cref="IOException"/> Kestrel raises while reading a body. Anything else stays a 500,
/// logged by the exception handler.
/// </summary>
internal sealed class BadRequestExceptionHandler(IProblemDetailsService problems, ILogger<BadRequestExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title) = exception switch
        {
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => (StatusCodes.Status413PayloadTooLarge, "Request body too large"),
            BadHttpRequestException bad when bad.StatusCode is >= 400 and < 500 => (bad.StatusCode, "Bad request"),
            JsonException => (StatusCodes.Status400BadRequest, "The body is not valid JSON"),

            // Kestrel reports some unreadable bodies as a bare IOException (a chunk size that overflows).
            IOException when ThrownByKestrel(exception) => (StatusCodes.Status400BadRequest, "Bad request"),
            _ => (0, ""),
        };
        if (status == 0)
        {
            return false;
        }

        Log.BadRequest(logger, status, exception.GetType().Name);
        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = status,
                Title = title,

                // Kestrel's messages say what was wrong ("Request body too large. The max request body size is
                // 1048576 bytes.") and never echo the body; a JsonException's says where, not what.
                Detail = exception is JsonException ? "The request body could not be read as JSON." : exception.Message,
            },
        }).ConfigureAwait(false);
    }

    private static bool ThrownByKestrel(Exception exception) =>
        exception.TargetSite?.DeclaringType?.Assembly.GetName().Name?.StartsWith("Microsoft.AspNetCore.Server.Kestrel", StringComparison.Ordinal) == true;
}
