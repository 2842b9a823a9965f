using Microsoft.Extensions.Options;

namespace SupportBot.WebChat;

/// <summary>
/// Serves the pages from wwwroot with their security headers. Every page is a static file whose script reads
/// data only through the JSON APIs and writes it as text, so a Content-Security-Policy without inline
/// scripts holds; Web Chat injects its styles at run time, hence <c>style-src 'unsafe-inline'</c> on the chat
/// page only.
/// </summary>
internal static class WebPages
{
    public const string Chat = "index.html";
    public const string Agent = "agent.html";

    public static IResult Serve(HttpContext context, IWebHostEnvironment environment, string page)
    {
        var file = environment.WebRootFileProvider.GetFileInfo(page);
        if (!file.Exists)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Page not installed", detail: $"wwwroot/{page} is missing next to the program.");
        }

        ApplyHeaders(context, page);
        return TypedResults.Stream(file.CreateReadStream(), "text/html; charset=utf-8");
    }

    public static void ApplyHeaders(HttpContext context, string fileName)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "same-origin";
        if (!fileName.EndsWith(".html", StringComparison.OrdinalIgnoreCase))
        {
            // Not fingerprinted: a short cache, so a new build's files are picked up within the hour.
            headers.CacheControl = "public, max-age=3600";
            return;
        }

        headers.CacheControl = "no-cache";
        headers.ContentSecurityPolicy = string.Equals(fileName, Chat, StringComparison.OrdinalIgnoreCase) ? ChatPolicy(context) : AgentPolicy;
        if (!string.Equals(fileName, Chat, StringComparison.OrdinalIgnoreCase))
        {
            headers.XFrameOptions = "DENY";
        }
    }

    private const string AgentPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'";

    private static string ChatPolicy(HttpContext context)
    {
        var request = context.Request;
        var socket = $"{(request.IsHttps ? "wss" : "ws")}://{request.Host}";
        var connect = $"'self' {socket}";
        var azure = context.RequestServices.GetRequiredService<IOptions<AzureDirectLineOptions>>().Value;
        if (azure.UsesAzure)
        {
            var endpoint = azure.AzureEndpoint;
            connect += $" {endpoint.Scheme}://{endpoint.Authority} wss://{endpoint.Authority}";
        }

        var ancestors = string.Join(' ', context.RequestServices.GetRequiredService<IOptions<WebChatOptions>>().Value.FrameAncestors);
        return $"default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; " +
               $"media-src 'self' blob:; connect-src {connect}; frame-ancestors {ancestors}; base-uri 'none'; form-action 'self'; object-src 'none'";
    }
}
