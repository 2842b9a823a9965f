using System.Text.Json;

namespace SupportBot.Bot;

/// <summary>
/// What a card button sends back in <c>activity.value</c>: <c>{"action":"feedback","helpful":true,"answerId":…,"question":…}</c>,
/// <c>{"action":"ask","question":…}</c> or <c>{"action":"handoff"}</c>. Anything else is not ours and is ignored.
/// </summary>
internal sealed record SubmitValue(string Action, bool? Helpful, string? AnswerId, string? Question, string? DocumentId)
{
    public const string Feedback = "feedback";
    public const string Ask = "ask";
    public const string Handoff = "handoff";

    private const int MaxIdLength = 128;

    public static SubmitValue? Read(JsonElement? value)
    {
        if (value is not { ValueKind: JsonValueKind.Object } data || String(data, "action") is not { } action)
        {
            return null;
        }

        var helpful = data.TryGetProperty("helpful", out var h) && h.ValueKind is JsonValueKind.True or JsonValueKind.False ? h.GetBoolean() : (bool?)null;
        var answerId = String(data, "answerId");
        var submit = new SubmitValue(action, helpful, answerId is { Length: <= MaxIdLength } ? answerId : null, String(data, "question"), String(data, "documentId"));
        return submit.IsValid ? submit : null;
    }

    private bool IsValid => Action switch
    {
        Feedback => Helpful is not null && !string.IsNullOrEmpty(AnswerId),
        Ask => !string.IsNullOrWhiteSpace(Question),
        Handoff => true,
        _ => false,
    };

    private static string? String(JsonElement data, string name) =>
        data.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
}
