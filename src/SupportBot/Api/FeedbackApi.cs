using System.Globalization;
using SupportBot.Limits;
using SupportBot.Storage;

namespace SupportBot.Api;

/// <summary>
/// <c>GET /api/feedback/summary?recent=N</c>: the customers' "Was this helpful?" answers counted overall and per
/// FAQ entry or passage, and the N most recent (default 20, at most 200) without the question text, which
/// this unauthenticated API never shows. With Redis it is the same report on every replica. 503 when the
/// store cannot be reached.
/// </summary>
public static class FeedbackApi
{
    public const string SummaryPath = "/api/feedback/summary";
    public const int DefaultRecent = 20;
    public const int MaxRecent = 200;

    public static IEndpointRouteBuilder MapFeedbackApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(SummaryPath, SummaryAsync).RequireRateLimiting(RequestLimits.Searches);
        return endpoints;
    }

    internal static async Task<IResult> SummaryAsync(HttpRequest request, IFeedbackStore feedback, CancellationToken cancellationToken)
    {
        var recent = DefaultRecent;
        var value = request.Query["recent"];
        if (value.Count > 0
            && (value.Count > 1 || !int.TryParse(value.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out recent) || recent > MaxRecent))
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["recent"] = [$"recent must be a whole number from 0 to {MaxRecent}."] },
                title: "The request is not valid.");
        }

        try
        {
            var summary = await feedback.SummarizeAsync(cancellationToken).ConfigureAwait(false);
            var latest = await feedback.RecentAsync(recent, cancellationToken).ConfigureAwait(false);
            return TypedResults.Json(new FeedbackReport(
                summary.Helpful,
                summary.NotHelpful,
                summary.Documents,
                latest.Select(f => new RecentFeedback(f.AnswerId, f.DocumentId, f.Helpful, f.Channel, f.RecordedAt)).ToList()));
        }
        catch (StorageUnavailableException)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "Feedback store unavailable",
                detail: "The shared store cannot be reached; try again in a moment.");
        }
    }
}

/// <summary>The body of <c>GET /api/feedback/summary</c>.</summary>
public sealed record FeedbackReport(int Helpful, int NotHelpful, IReadOnlyList<DocumentFeedback> Documents, IReadOnlyList<RecentFeedback> Recent);

/// <summary>One recent rating, without the question text.</summary>
public sealed record RecentFeedback(string AnswerId, string? DocumentId, bool Helpful, string Channel, DateTimeOffset RecordedAt);
