using System.Text.Json;
using SupportBot.Engine.Knowledge;
using SupportBot.Tests.Support;

namespace SupportBot.Tests.Cli;

public sealed class ExportCommandTests
{
    [Fact]
    public void ExportJsonl_RealKnowledge_WritesEveryFaqAndPassageOnceAsIndexed()
    {
        var knowledge = KnowledgeLoader.Load(Path.Combine(CliRunner.RepoRoot, "knowledge"), TimeProvider.System);

        var result = CliRunner.Run("export", "--jsonl");

        Assert.True(result.ExitCode == 0, result.ToString());
        var documents = AskCommandTests.OutputLines(result).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(knowledge.Faqs.Count + knowledge.PassagesById.Count, documents.Count);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var document in documents)
        {
            var id = document.GetProperty("id").GetString();
            var kind = document.GetProperty("kind").GetString();
            var title = document.GetProperty("title").GetString();
            var text = document.GetProperty("text").GetString();
            var questions = document.GetProperty("questions");
            Assert.False(string.IsNullOrWhiteSpace(id));
            Assert.True(ids.Add(id), $"id '{id}' is exported twice");
            Assert.False(string.IsNullOrWhiteSpace(title));
            Assert.Equal(JsonValueKind.Array, questions.ValueKind);
            Assert.All(questions.EnumerateArray(), q => Assert.Equal(JsonValueKind.String, q.ValueKind));
            var phrasings = questions.EnumerateArray().Select(q => q.GetString()!).ToList();
            switch (kind)
            {
                case "faq":
                    var faq = knowledge.FaqsById[id];
                    Assert.Equal(faq.Answer, text);
                    Assert.Equal([faq.Question, .. faq.Alternates], phrasings);
                    break;
                case "passage":
                    Assert.Equal(knowledge.PassagesById[id].Text, text);
                    Assert.Empty(phrasings);
                    break;
                default:
                    Assert.Fail($"'{id}' has kind '{kind}'");
                    break;
            }
        }

        Assert.Equal(knowledge.Faqs.Count, documents.Count(d => d.GetProperty("kind").GetString() == "faq"));
    }
}
