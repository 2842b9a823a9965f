using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using SupportBot.Answering;
using SupportBot.BotFramework.Schema;
using SupportBot.BotFramework.Teams;
using SupportBot.Engine.Answering;
using SupportBot.Engine.Indexing;

namespace SupportBot.Bot;

/// <summary>
/// The support agents' search in Teams' compose box (<c>composeExtension/query</c>): the top FAQ entries and
/// passages, each an answer card with a thumbnail preview whose tap (<c>composeExtension/selectItem</c>)
/// returns the same card. The opening query (<c>initialRun</c>) or an empty one lists the most asked questions.
/// </summary>
internal sealed class SupportMessagingExtension(IAnswerEngineProvider engines, IOptions<BotOptions> options, ILogger<SupportMessagingExtension> logger)
{
    /// <summary>The manifest's parameter name for the search text.</summary>
    public const string QueryParameter = "query";

    /// <summary>The parameter Teams sends for the opening query.</summary>
    public const string InitialRunParameter = "initialRun";

    private const int PreviewTextLength = 160;

    private readonly BotOptions _options = options.Value;

    public async Task<MessagingExtensionResponse> QueryAsync(MessagingExtensionQuery query, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        if (await EngineWithinBudgetAsync(cancellationToken).ConfigureAwait(false) is not { } engine)
        {
            return NotReady();
        }

        var skip = Math.Max(0, query.QueryOptions?.Skip ?? 0);
        var count = Math.Clamp(query.QueryOptions?.Count ?? _options.MaxSearchResults, 1, _options.MaxSearchResults);
        var text = query.GetParameterValue(QueryParameter)?.Trim();
        var initialRun = string.Equals(query.GetParameterValue(InitialRunParameter), "true", StringComparison.OrdinalIgnoreCase);

        List<MessagingExtensionAttachment> results;
        if (initialRun || string.IsNullOrEmpty(text))
        {
            results = engine.Knowledge.Responses.Suggested
                .Where(engine.Knowledge.FaqsById.ContainsKey)
                .Skip(skip).Take(count)
                .Select(id => Result(engine, id, DocumentKinds.Faq, preview: null))
                .OfType<MessagingExtensionAttachment>()
                .ToList();
        }
        else
        {
            // prefixLast: the agent is still typing the last word.
            results = engine.Search(text, skip + count, prefixLast: true).Hits
                .Skip(skip)
                .Select(hit => Result(engine, hit.Id, hit.Kind, PlainSnippet(hit.Snippet)))
                .OfType<MessagingExtensionAttachment>()
                .ToList();
        }

        Log.Searched(logger, results.Count, watch.Elapsed.TotalMilliseconds);
        return Response(results);
    }

    public async Task<MessagingExtensionResponse> SelectItemAsync(JsonElement value, CancellationToken cancellationToken)
    {
        if (await EngineWithinBudgetAsync(cancellationToken).ConfigureAwait(false) is not { } engine)
        {
            return NotReady();
        }

        var id = value.TryGetProperty("id", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString() : null;
        var kind = value.TryGetProperty("kind", out var k) && k.ValueKind == JsonValueKind.String ? k.GetString() : DocumentKinds.Faq;
        var result = id is null ? null : Result(engine, id, kind!, preview: null);
        return result is null
            ? new MessagingExtensionResponse { ComposeExtension = new MessagingExtensionResult { Type = MessagingExtensionResultTypes.Message, Text = "That answer is no longer available." } }
            : Response([result]);
    }

    private async Task<AnswerEngine?> EngineWithinBudgetAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await engines.GetAsync(cancellationToken).WaitAsync(_options.SearchBudget, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            Log.SearchNotReady(logger);
            return null;
        }
    }

    private MessagingExtensionResponse NotReady() => new()
    {
        ComposeExtension = new MessagingExtensionResult { Type = MessagingExtensionResultTypes.Message, Text = _options.NotReady },
    };

    private static MessagingExtensionResponse Response(IList<MessagingExtensionAttachment> results) => new()
    {
        ComposeExtension = new MessagingExtensionResult
        {
            Type = MessagingExtensionResultTypes.Result,
            AttachmentLayout = AttachmentLayoutTypes.List,
            Attachments = results,
        },
    };

    /// <summary>The answer card of an FAQ entry or passage, with its preview; null for an unknown id.</summary>
    private MessagingExtensionAttachment? Result(AnswerEngine engine, string id, string kind, string? preview)
    {
        var knowledge = engine.Knowledge;
        var document = engine.Index.Documents.FirstOrDefault(d => d.Id == id && d.Kind == kind);
        IReadOnlyList<AnswerSource> sources;
        if (document is null)
        {
            return null;
        }

        if (kind == DocumentKinds.Faq && knowledge.FaqsById.TryGetValue(id, out var faq))
        {
            sources = faq.Sources
                .Where(s => knowledge.ArticlesById.ContainsKey(s.ArticleId))
                .Select(s => new AnswerSource(knowledge.ArticlesById[s.ArticleId].Title, knowledge.ArticlesById[s.ArticleId].Url, s.Quote, s.PassageId))
                .ToList();
        }
        else if (kind == DocumentKinds.Passage && knowledge.PassagesById.TryGetValue(id, out var passage)
                 && knowledge.ArticlesById.TryGetValue(passage.ArticleId, out var article))
        {
            sources = [new AnswerSource(article.Title, article.Url, "", passage.Id)];
        }
        else
        {
            return null;
        }

        var (title, text) = (document.Title, document.Text);
        var body = new List<JsonNode> { AdaptiveCards.Text(Markdown.Escape(title), bold: true), AdaptiveCards.Text(Markdown.Escape(text)) };
        var sourceBlocks = AdaptiveCards.Sources(sources, _options.MaxQuoteLength).ToList();
        if (sourceBlocks.Count > 0)
        {
            sourceBlocks[0]["separator"] = true;
        }

        body.AddRange(sourceBlocks);
        var card = AdaptiveCards.ToAttachment(AdaptiveCards.Card(body));

        // Adaptive results show nothing in the list without an explicit hero/thumbnail preview; its only
        // allowed action is an invoke tap, which Teams turns into composeExtension/selectItem with this value.
        var thumbnail = new JsonObject
        {
            ["title"] = title,
            ["text"] = Markdown.Shorten(preview ?? text, PreviewTextLength),
            ["tap"] = new JsonObject { ["type"] = ActionTypes.Invoke, ["value"] = new JsonObject { ["id"] = id, ["kind"] = kind } },
        };
        return new MessagingExtensionAttachment
        {
            ContentType = card.ContentType,
            Content = card.Content,
            Preview = new Attachment { ContentType = AttachmentContentTypes.ThumbnailCard, Content = JsonSerializer.SerializeToElement(thumbnail, BotJson.Options) },
        };
    }

    private static string PlainSnippet(string marked) => marked
        .Replace(SearchIndex.MarkStart.ToString(), "", StringComparison.Ordinal)
        .Replace(SearchIndex.MarkEnd.ToString(), "", StringComparison.Ordinal);
}
