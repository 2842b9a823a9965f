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

    /// <summary>The spelling vocabulary the engine builds from this knowledge (its words, synonyms and asking words).</summary>
    public IEnumerable<string> VocabularyWords() => AnswerEngine.Vocabulary(DocumentBuilder.Build(Knowledge), Knowledge.Synonyms);

    public void Dispose() => Engine.Dispose();
}
