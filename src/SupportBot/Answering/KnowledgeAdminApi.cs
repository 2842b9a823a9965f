using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using SupportBot.Limits;

namespace SupportBot.Answering;

/// <summary>
/// <c>POST /admin/knowledge/reload</c>: operators reload the knowledge now instead of waiting for the watcher
/// (or with <c>Knowledge:Watch=false</c>). Exists only when <c>Knowledge:ReloadSecret</c> is set (404 otherwise);
/// the caller sends it as <c>Authorization: Bearer …</c>, compared in constant time.
/// </summary>
public static class KnowledgeAdminApi
{
    /// <summary>The route.</summary>
    public const string ReloadRoute = "/admin/knowledge/reload";

    /// <summary>Maps the reload endpoint.</summary>
    public static IEndpointRouteBuilder MapKnowledgeAdminApi(this IEndpointRouteBuilder endpoints)
    {
        // The conversations window (30 a minute) also bounds guessing at the secret.
        endpoints.MapPost(ReloadRoute, ReloadAsync).RequireRateLimiting(RequestLimits.Conversations);
        return endpoints;
    }

    internal static async Task<IResult> ReloadAsync(
        HttpContext context,
        KnowledgeReloader reloader,
        IOptions<KnowledgeReloadOptions> options,
        ILogger<KnowledgeReloader> logger,
        CancellationToken cancellationToken)
    {
        var secret = options.Value.ReloadSecret;
        if (string.IsNullOrWhiteSpace(secret))
        {
            // Indistinguishable from a route that does not exist.
            return TypedResults.NotFound();
        }

        if (!Authorized(context.Request, secret))
        {
            Log.ReloadUnauthorized(logger, context.Connection.RemoteIpAddress?.ToString());
            context.Response.Headers.WWWAuthenticate = "Bearer";
            return TypedResults.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: "Unauthorized",
                detail: "Send the reload secret (Knowledge:ReloadSecret) as Authorization: Bearer <secret>.");
        }

        var result = await reloader.ReloadAsync("admin", cancellationToken).ConfigureAwait(false);
        return result.Outcome switch
        {
            KnowledgeReloadOutcome.Loaded or KnowledgeReloadOutcome.Unchanged => TypedResults.Ok(new KnowledgeReloadResponse(
                result.Outcome == KnowledgeReloadOutcome.Loaded ? "loaded" : "unchanged",
                result.Serving?.Id,
                result.Serving?.LoadedAt,
                result.Outcome == KnowledgeReloadOutcome.Loaded ? result.Previous?.Id : null)),
            KnowledgeReloadOutcome.Refused => TypedResults.Problem(
                statusCode: StatusCodes.Status422UnprocessableEntity,
                title: "Knowledge change refused",
                detail: $"Version {result.Serving?.Id ?? "none"} keeps serving. Fix every problem listed and reload again.",
                extensions: new Dictionary<string, object?> { ["version"] = result.Error?.Version, ["problems"] = result.Error?.Problems }),
            _ => TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "Knowledge files are changing",
                detail: "Files changed while they were read; reload again once the copy is complete."),
        };
    }

    private static bool Authorized(HttpRequest request, string secret)
    {
        const string Scheme = "Bearer ";
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        // Hashing first makes both sides the same length, so the comparison time says nothing about the secret.
        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(header[Scheme.Length..].Trim()));
        var expected = SHA256.HashData(Encoding.UTF8.GetBytes(secret.Trim()));
        return CryptographicOperations.FixedTimeEquals(presented, expected);
    }
}

/// <summary>The reload endpoint's answer.</summary>
/// <param name="Outcome"><c>loaded</c> or <c>unchanged</c>.</param>
/// <param name="Version">The version serving now.</param>
/// <param name="LoadedAt">Since when it serves.</param>
/// <param name="PreviousVersion">The version it replaced, when one was loaded.</param>
public sealed record KnowledgeReloadResponse(string Outcome, string? Version, DateTimeOffset? LoadedAt, string? PreviousVersion);
