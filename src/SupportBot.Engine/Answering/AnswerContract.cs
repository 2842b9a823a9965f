using System.Text.Json;
using System.Text.Json.Serialization;

namespace SupportBot.Engine.Answering;

/// <summary>A source as the JSON contract shows it.</summary>
public sealed record SourceContract(
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("url")] string? Url,
    [property: JsonPropertyName("quote")] string Quote);

/// <summary>
/// The answer as one line of <c>ask --jsonl</c> and the body of <c>POST /api/ask</c>:
/// question, kind, answer (plain text), confidence, sources, followUps, plus the id, the further ids answered in
/// the same reply, the intent and the hand-off as extras.
/// </summary>
public sealed record AnswerContract(
    [property: JsonPropertyName("question")] string Question,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("answer")] string Answer,
    [property: JsonPropertyName("confidence")] double Confidence,
    [property: JsonPropertyName("sources")] IReadOnlyList<SourceContract> Sources,
    [property: JsonPropertyName("followUps")] IReadOnlyList<string> FollowUps,
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("intent")] string? Intent,
    [property: JsonPropertyName("handoff")] bool Handoff,
    [property: JsonPropertyName("alsoAnswered")] IReadOnlyList<string> AlsoAnswered)
{
    /// <summary>Compact, nulls kept (url is null when unknown), no HTML escaping beyond JSON's own.</summary>
    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = false,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static AnswerContract From(Answer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return new AnswerContract(
            answer.Question,
            answer.Kind,
            answer.Text,
            answer.Confidence,
            answer.Sources.Select(s => new SourceContract(s.Title, string.IsNullOrEmpty(s.Url) ? null : s.Url, s.Quote)).ToList(),
            answer.FollowUps.Select(f => f.Question).ToList(),
            answer.DocumentId,
            answer.Intent,
            answer.OffersHandoff,
            answer.AlsoAnswered);
    }
}
