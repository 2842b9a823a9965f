using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using SupportBot.Engine.Analysis;
using SupportBot.Engine.Answering;
using SupportBot.Engine.Evaluation;
using SupportBot.Engine.Indexing;
using SupportBot.Engine.Tests.Support;

namespace SupportBot.Engine.Tests.Indexing;

public sealed class SearchIndexTests(RealKnowledge real) : IClassFixture<RealKnowledge>, IDisposable
{
    private readonly string _temp = Path.Combine(Path.GetTempPath(), "supportbot-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_temp))
        {
            Directory.Delete(_temp, recursive: true);
        }
    }

    [Fact]
    public void Build_FromKnowledge_IndexesEveryFaqAndPassageOnce()
    {
        var documents = real.Engine.Index.Documents;

        Assert.Equal(real.Knowledge.Faqs.Count + real.Knowledge.PassagesById.Count, documents.Count);
        Assert.Equal(documents.Count, documents.Select(d => d.Id).Distinct().Count());
        Assert.Equal(real.Knowledge.Faqs.Select(f => f.Id).Order(), documents.Where(d => d.Kind == DocumentKinds.Faq).Select(d => d.Id).Order());
        Assert.Equal(real.Knowledge.PassagesById.Keys.Order(), documents.Where(d => d.Kind == DocumentKinds.Passage).Select(d => d.Id).Order());
    }

    [Fact]
    public void Build_InMemoryAndToAFile_RankTheSame()
    {
        var documents = DocumentBuilder.Build(real.Knowledge);
        var path = Path.Combine(_temp, "index", "supportbot.db");
        using var memory = SearchIndex.Build(documents, new SearchIndexOptions());
        using var file = SearchIndex.Build(documents, new SearchIndexOptions { DatabasePath = path });

        Assert.True(File.Exists(path));
        Assert.False(File.Exists(path + ".building"));
        string[] queries = ["\"free\" OR \"offer\"", "\"september\" AND \"29\"", "\"kaspersky\"", "{title questions} : (\"ban\" OR \"banned\")", "\"no such word at all\""];
        foreach (var query in queries)
        {
            var inMemory = memory.Query(s => s.Rank(query, 50));
            var onDisk = file.Query(s => s.Rank(query, 50));

            Assert.Equal(inMemory, onDisk);
            Assert.Equal(Rows(memory.Query(s => s.Match(query))), Rows(file.Query(s => s.Match(query))));
        }
    }

    [Fact]
    public void Build_EngineInMemoryAndToAFile_AnswersAndSearchesTheSame()
    {
        var path = Path.Combine(_temp, "engine.db");
        using var onDisk = RealKnowledge.CreateEngine(real.Knowledge, new SearchIndexOptions { DatabasePath = path });

        Assert.True(File.Exists(path));
        foreach (var question in Questions())
        {
            Assert.Equal(Describe(real.Engine.Ask(question)), Describe(onDisk.Ask(question)));
            Assert.Equal(Describe(real.Engine.Search(question, 5)), Describe(onDisk.Search(question, 5)));
        }
    }

    [Fact]
    public void Build_WithPhraseTokens_DocumentsAreOneSegment()
    {
        // The tokens are written by updating rows, which leaves their words in a second segment unless merged.
        var path = Path.Combine(_temp, "tokens.db");
        using (var index = SearchIndex.Build(DocumentBuilder.Build(real.Knowledge), new SearchIndexOptions { DatabasePath = path }, real.Knowledge.Synonyms.Groups.SelectMany(g => g)))
        {
            Assert.True(index.PhraseTokenCount > 100);
        }

        using var file = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        file.Open();
        using var segments = file.CreateCommand();
        segments.CommandText = "SELECT count(DISTINCT segid) FROM docs_idx;";

        Assert.Equal(1L, segments.ExecuteScalar());
    }

    [Fact]
    public void Build_ToAnExistingFile_ReplacesIt()
    {
        var path = Path.Combine(_temp, "again.db");
        using (var first = RealKnowledge.CreateEngine(real.Knowledge, new SearchIndexOptions { DatabasePath = path }))
        {
            Assert.Equal(AnswerKinds.Faq, first.Ask("free offer").Kind);
        }

        using var second = RealKnowledge.CreateEngine(real.Knowledge, new SearchIndexOptions { DatabasePath = path });

        Assert.Equal(Describe(real.Engine.Ask("free offer")), Describe(second.Ask("free offer")));
    }

    [Fact]
    public void Ask_DevQuestions_SameAnswersWithPhraseTokensOnAndOff()
    {
        // The tokens make each row a few words longer for bm25, and change nothing else it counts.
        using var without = RealKnowledge.CreateEngine(real.Knowledge, new SearchIndexOptions { PhraseTokens = false });

        Assert.True(real.Engine.Index.PhraseTokenCount > 100);
        Assert.Equal(0, without.Index.PhraseTokenCount);
        foreach (var question in EvalQuestion.ReadFile(RepoPaths.DevQuestions).Select(q => q.Question))
        {
            Assert.Equal((without.Ask(question).Kind, without.Ask(question).DocumentId), (real.Engine.Ask(question).Kind, real.Engine.Ask(question).DocumentId));
            Assert.Equal(without.Search(question, 1).Hits.Select(h => h.Id), real.Engine.Search(question, 1).Hits.Select(h => h.Id));
        }
    }

    [Fact]
    public void Search_FreeOffer_RanksAnFaqAboutTheFreeOfferFirst()
    {
        var results = real.Engine.Search("free offer", 10);

        var top = results.Hits[0];
        Assert.Equal(DocumentKinds.Faq, top.Kind);
        Assert.Contains("offer", real.Knowledge.FaqsById[top.Id].Tags);
        Assert.Contains("free", real.Knowledge.FaqsById[top.Id].Tags);
    }

    [Fact]
    public void Search_UnknownWordBesideOnlyTheSubjectsWords_StillRanksOnThem()
    {
        // "legit" is in no document and "kaspersky", "leaving", "us" are in most: ranking on "legit" alone found nothing.
        var results = real.Engine.Search("is kasp legit leaving the us", 3);

        Assert.NotEmpty(results.Hits);
        Assert.Equal("is-kaspersky-leaving", results.Hits[0].Id);
    }

    [Fact]
    public void Search_FreeOffer_RanksBestFirstWithoutRepeats()
    {
        var hits = real.Engine.Search("free offer", 10).Hits;

        Assert.InRange(hits.Count, 2, 10);
        Assert.Equal(hits.Count, hits.Select(h => h.Id).Distinct().Count());
        Assert.Equal(hits.Select(h => h.Score).OrderDescending(), hits.Select(h => h.Score));
        Assert.All(hits, h => Assert.InRange(h.Confidence, 0, 1));
        Assert.All(hits, h => Assert.Equal(real.Engine.Index.Documents.Single(d => d.Id == h.Id).Text, h.Text));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Search_Top_LimitsTheHits(int top)
    {
        var hits = real.Engine.Search("kaspersky ban", top).Hits;

        Assert.Equal(top, hits.Count);
        Assert.Equal(real.Engine.Search("kaspersky ban", 10).Hits.Take(top).Select(h => h.Id), hits.Select(h => h.Id));
    }

    [Fact]
    public void Search_FreeOffer_SnippetsMarkTheMatchedWords()
    {
        string[] alternatives = ["free", "offer", .. real.Knowledge.Synonyms.Lookup("free") ?? [], .. real.Knowledge.Synonyms.Lookup("offer") ?? []];

        var hits = real.Engine.Search("free offer", 5).Hits;

        Assert.NotEmpty(hits);
        foreach (var hit in hits)
        {
            var marked = TextChecks.MarkedFragments(hit.Snippet);
            Assert.True(marked.Count > 0, $"{hit.Id}: no marks in \"{hit.Snippet}\"");
            foreach (var fragment in marked.Select(TextNormalizer.Normalize))
            {
                // The index stems words, so "offered" is a match for "offer".
                Assert.True(alternatives.Any(a => fragment.Contains(a, StringComparison.Ordinal) || fragment.StartsWith(a[..Math.Min(a.Length, 4)], StringComparison.Ordinal)),
                    $"{hit.Id}: marked \"{fragment}\", which is not a form of 'free' or 'offer'");
            }

            Assert.Contains(TextChecks.Unmarked(hit.Snippet).Trim('…', ' '), TextChecks.Unmarked(hit.Text), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Ask_ConcurrentlyFromManyThreads_AnswersAsSequentially()
    {
        var questions = Questions();
        var expected = questions.Select(q => Describe(real.Engine.Ask(q))).ToList();
        // A fresh engine, so that pooled sessions and memoised matches are created under contention.
        using var engine = RealKnowledge.CreateEngine(real.Knowledge, new SearchIndexOptions { MatchCacheSize = 64 });
        var answers = new string[2000];
        var failures = new ConcurrentQueue<Exception>();

        Parallel.For(0, answers.Length, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(4, Environment.ProcessorCount * 2) }, i =>
        {
            try
            {
                answers[i] = Describe(engine.Ask(questions[i % questions.Count]));
            }
            catch (Exception ex)
            {
                failures.Enqueue(ex);
            }
        });

        Assert.Empty(failures);
        for (var i = 0; i < answers.Length; i++)
        {
            Assert.Equal(expected[i % questions.Count], answers[i]);
        }
    }

    [Fact]
    public void Search_ConcurrentlyFromManyThreads_FindsAsSequentially()
    {
        var queries = Questions().Take(60).ToList();
        var expected = queries.Select(q => Describe(real.Engine.Search(q, 5))).ToList();
        using var engine = RealKnowledge.CreateEngine(real.Knowledge);
        var results = new string[600];

        Parallel.For(0, results.Length, i => results[i] = Describe(engine.Search(queries[i % queries.Count], 5)));

        for (var i = 0; i < results.Length; i++)
        {
            Assert.Equal(expected[i % queries.Count], results[i]);
        }
    }

    /// <summary>A spread of questions: every FAQ's question and two of its phrasings, small talk, out of scope, a passage.</summary>
    private List<string> Questions() =>
    [
        .. real.Knowledge.Faqs.SelectMany(f => new[] { f.Question, f.Alternates[0], f.Alternates[^1] }),
        "hi", "thanks a lot", "bye", "who are you", "what's the weather", "tell me a joke", "how do I reset my iPhone",
        "international relations and digital security", "septmber cutoff", "kasperski free offer", "",
    ];

    private static string Describe(Answer a) =>
        string.Join(" | ", a.Kind, a.DocumentId, a.Intent, a.Text, a.HighlightedText, a.Confidence.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
            string.Join(";", a.Sources.Select(s => s.PassageId + ":" + s.Quote)), string.Join(";", a.FollowUps.Select(f => f.Id)), string.Join(";", a.Corrections));

    private static string Describe(SearchResults r) =>
        string.Join(" || ", r.Hits.Select(h => string.Join(" | ", h.Id, h.Kind, h.Title, h.Snippet, h.Score.ToString("R", System.Globalization.CultureInfo.InvariantCulture), h.Source.Title)));

    private List<int> Rows(RowSet rows) => Enumerable.Range(0, real.Engine.Index.Documents.Count).Where(rows.Contains).ToList();
}
