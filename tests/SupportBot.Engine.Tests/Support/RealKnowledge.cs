using SupportBot.Engine.Analysis;
using SupportBot.Engine.Answering;
using SupportBot.Engine.Indexing;
using SupportBot.Engine.Knowledge;

namespace SupportBot.Engine.Tests.Support;

/// <summary>The product's own knowledge folder, loaded once, and an engine over it with default options.</summary>
public sealed class RealKnowledge : IDisposable
{
    public RealKnowledge()
    {
        Knowledge = KnowledgeLoader.Load(RepoPaths.Knowledge, FixedTimeProvider.Today);
        Engine = CreateEngine(Knowledge);
    }

    public KnowledgeBase Knowledge { get; }

    public AnswerEngine Engine { get; }

    public static AnswerEngine CreateEngine(KnowledgeBase knowledge, SearchIndexOptions? indexOptions = null) =>
        new(knowledge, new AnswerEngineOptions(), indexOptions ?? new SearchIndexOptions(), new SpellingOptions());

    /// <summary>Every word of the knowledge base as the engine sees it (questions, titles, answers, passages, tags, synonyms).</summary>
    public IEnumerable<string> VocabularyWords() =>
        DocumentBuilder.Build(Knowledge)
            .SelectMany(d => d.Questions.Append(d.Title).Append(d.Text).Concat(d.Tags))
            .SelectMany(text => TextNormalizer.Words(TextNormalizer.Normalize(text)))
            .Concat(Knowledge.Synonyms.AllWords)
            .Concat(QuestionKinds.AskingWords);

    public void Dispose() => Engine.Dispose();
}
