using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SupportBot.Answering;
using SupportBot.BotFramework.Schema;
using SupportBot.Engine.Answering;
using SupportBot.Limits;
using SupportBot.Storage;
using SupportBot.Telemetry;

namespace SupportBot.Api;

/// <summary>
/// The agents' JSON API: <c>POST /api/ask</c> (the answer as one line of <c>ask --jsonl</c>) and
/// <c>GET /api/search?q=&amp;top=</c>. Input is checked here, by hand, so every bad request gets a 4xx
/// ProblemDetails body naming the problem (415 for a body that is not JSON), never a framework default or a 500.
/// </summary>
public static class AgentsApi
{
    /// <summary>Channel name of API questions in the question log.</summary>
    public const string Channel = "api";

    public static IServiceCollection AddAgentsApi(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<AgentsApiOptions>().Bind(configuration.GetSection(AgentsApiOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AgentsApiOptions>, AgentsApiOptionsValidator>());
        return services;
    }

    public static IEndpointRouteBuilder MapAgentsApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api");
        api.MapPost("/ask", AskAsync).RequireRateLimiting(RequestLimits.Messages);
        api.MapGet("/search", Search).RequireRateLimiting(RequestLimits.Searches);
        return endpoints;
    }

    internal static async Task<IResult> AskAsync(
        HttpRequest request,
        IAnswerEngineProvider engines,
        IQuestionLog questions,
        IOptions<AgentsApiOptions> apiOptions,
        IOptions<AnswerEngineOptions> answerOptions,
        TimeProvider time,
        SupportBotTelemetry telemetry,
        CancellationToken cancellationToken)
    {
        if (!request.HasJsonContentType())
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Unsupported content type",
                detail: "Send the question as JSON with Content-Type: application/json, e.g. {\"question\": \"when did updates stop?\"}.");
        }

        var body = await ReadBodyAsync(request, apiOptions.Value.MaxBodyBytes, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status413PayloadTooLarge,
                title: "Request body too large",
                detail: $"The body must be at most {apiOptions.Value.MaxBodyBytes} bytes.");
        }

        if (ReadQuestion(body, answerOptions.Value.MaxQuestionLength, out var question) is { } invalid)
        {
            return invalid;
        }

        if (engines.Current is not { } engine)
        {
            return NotReady();
        }

        var asked = time.GetTimestamp();
        var answer = engine.Ask(question!);
        telemetry.RecordAnswer(answer, Channel, time.GetElapsedTime(asked));
        await questions.RecordAsync(
            new QuestionRecord(Guid.NewGuid().ToString("N"), answer.Question, answer.Kind, answer.Confidence, answer.DocumentId, Channel, time.GetUtcNow()),
            cancellationToken).ConfigureAwait(false);

        // Serialized exactly as `ask --jsonl` writes a line.
        return TypedResults.Text(JsonSerializer.Serialize(AnswerContract.From(answer), AnswerContract.JsonOptions), "application/json", Encoding.UTF8);
    }

    internal static IResult Search(HttpRequest request, IAnswerEngineProvider engines, IOptions<AgentsApiOptions> apiOptions, IOptions<AnswerEngineOptions> answerOptions)
    {
        var options = apiOptions.Value;
        var q = request.Query["q"];
        if (q.Count > 1)
        {
            return Invalid("q", "Give q once.");
        }

        var query = q.ToString();
        if (string.IsNullOrWhiteSpace(query))
        {
            return Invalid("q", "q is required: what to look up, e.g. /api/search?q=free+offer.");
        }

        if (query.Length > answerOptions.Value.MaxQuestionLength)
        {
            return Invalid("q", $"q must be at most {answerOptions.Value.MaxQuestionLength} characters.");
        }

        var top = options.DefaultTop;
        var topValue = request.Query["top"];
        if (topValue.Count > 0
            && (topValue.Count > 1
                || !int.TryParse(topValue.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out top)
                || top < 1 || top > options.MaxTop))
        {
            return Invalid("top", $"top must be a whole number from 1 to {options.MaxTop}.");
        }

        if (engines.Current is not { } engine)
        {
            return NotReady();
        }

        var response = SearchResponse.From(query, engine.Search(query, top));
        return TypedResults.Text(JsonSerializer.Serialize(response, SearchResponse.JsonOptions), "application/json", Encoding.UTF8);
    }

    /// <summary>The question from a JSON body, or the 400 saying what is wrong with it.</summary>
    private static ValidationProblem? ReadQuestion(byte[] body, int maxLength, out string? question)
    {
        question = null;

        // The JSON reader checks UTF-8 only when a string is read, and then throws InvalidOperationException.
        if (!Utf8.IsValid(body))
        {
            return Invalid("body", "The body is not valid UTF-8.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return Invalid("body", "The body is not valid JSON; send {\"question\": \"…\"}.");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return Invalid("body", "The body must be a JSON object: {\"question\": \"…\"}.");
            }

            if (!BotJson.IsWellFormed(document.RootElement))
            {
                return Invalid("body", "The body has a string with half a surrogate pair (an escaped \\uD800–\\uDFFF on its own).");
            }

            if (!TryGetProperty(document.RootElement, "question", out var value))
            {
                return Invalid("question", "question is required.");
            }

            if (value.ValueKind != JsonValueKind.String)
            {
                return Invalid("question", "question must be a string.");
            }

            question = value.GetString()!;
            if (string.IsNullOrWhiteSpace(question))
            {
                return Invalid("question", "question must not be empty.");
            }

            if (question.Length > maxLength)
            {
                return Invalid("question", $"question must be at most {maxLength} characters.");
            }

            return null;
        }
    }

    private static bool TryGetProperty(JsonElement root, string name, out JsonElement value)
    {
        foreach (var property in root.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = property.Value;
                return true;
            }
        }

        value = default;
        return false;
    }

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: "The request is not valid.");

    private static ProblemHttpResult NotReady() => TypedResults.Problem(
        statusCode: StatusCodes.Status503ServiceUnavailable,
        title: "Not ready",
        detail: "The knowledge index is still loading; try again in a moment.");
}
