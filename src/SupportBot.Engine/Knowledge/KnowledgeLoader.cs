using SupportBot.Engine.Ingestion;

namespace SupportBot.Engine.Knowledge;

/// <summary>
/// Loads <c>knowledge/</c>: articles (through ingestion), FAQ entries, synonyms and responses, then checks
/// them all together. Either everything loads or nothing does: any problem fails the whole load, with the
/// full list of problems.
/// </summary>
public static class KnowledgeLoader
{
    public const string ArticlesFolder = "articles";
    public const string FaqFolder = "faq";
    public const string IngestionFile = "ingestion.yaml";
    public const string SynonymsFile = "synonyms.txt";
    public const string ResponsesFile = "responses.yaml";
    public const string CommonWordsFile = "common-words.txt";
    public const string EnglishWordsFile = "english-words.txt";

    /// <summary>Loads and validates; throws <see cref="KnowledgeLoadException"/> with every problem found.</summary>
    public static KnowledgeBase Load(string root, TimeProvider time)
    {
        var (knowledge, problems) = TryLoad(root, time);
        return problems.Count == 0 ? knowledge! : throw new KnowledgeLoadException(problems);
    }

    /// <summary>Loads and validates; returns the knowledge base only when there are no problems.</summary>
    public static (KnowledgeBase? Knowledge, IReadOnlyList<KnowledgeProblem> Problems) TryLoad(string root, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(time);
        var problems = new List<KnowledgeProblem>();
        if (!Directory.Exists(root))
        {
            problems.Add(new KnowledgeProblem(root, 0, "the knowledge folder does not exist"));
            return (null, problems);
        }

        var files = new KnowledgeFiles(root, problems);
        var rules = files.ReadOptional(IngestionFile, (f, t) => IngestionRules.Read(f, t, problems)) ?? IngestionRules.Empty;
        var articles = files.ReadAll(ArticlesFolder, "*.md", (f, t) => ArticleIngester.Read(f, t, rules, problems));
        var faqs = files.ReadAll(FaqFolder, "*.yaml", (f, t) => FaqReader.Read(f, t, problems)).SelectMany(x => x).ToList();
        var synonyms = files.ReadRequired(SynonymsFile, (f, t) => SynonymMap.Read(f, t, problems)) ?? SynonymMap.Empty;
        var responses = files.ReadRequired(ResponsesFile, (f, t) => ResponsesReader.Read(f, t, problems));
        var commonWords = files.ReadOptional(CommonWordsFile, (_, t) => ReadWordList(t));
        var englishWords = files.ReadOptional(EnglishWordsFile, (_, t) => ReadWordList(t));

        if (articles.Count == 0)
        {
            problems.Add(new KnowledgeProblem(files.Relative(Path.Combine(root, ArticlesFolder)), 0, "there are no articles"));
        }

        if (faqs.Count == 0)
        {
            problems.Add(new KnowledgeProblem(files.Relative(Path.Combine(root, FaqFolder)), 0, "there are no FAQ entries"));
        }

        var resolved = FaqValidator.Validate(faqs, articles, responses, time, problems);
        if (problems.Count > 0 || responses is null)
        {
            return (null, problems);
        }

        return (new KnowledgeBase(articles, resolved, synonyms, responses, commonWords, englishWords), problems);
    }

    private static HashSet<string> ReadWordList(string text) => text
        .Split('\n')
        .Select(line => line.Trim().ToLowerInvariant())
        .Where(line => line.Length > 0 && !line.StartsWith('#'))
        .ToHashSet(StringComparer.Ordinal);

    /// <summary>Reads files below the root, turning I/O failures into problems rather than crashes.</summary>
    private sealed class KnowledgeFiles(string root, List<KnowledgeProblem> problems)
    {
        public string Relative(string path) => Path.GetRelativePath(Path.GetDirectoryName(Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar))!, path);

        public T? ReadRequired<T>(string name, Func<string, string, T?> read) where T : class
        {
            var path = Path.Combine(root, name);
            if (!File.Exists(path))
            {
                problems.Add(new KnowledgeProblem(Relative(path), 0, "required file is missing"));
                return null;
            }

            return Read(path, read);
        }

        public T? ReadOptional<T>(string name, Func<string, string, T?> read) where T : class
        {
            var path = Path.Combine(root, name);
            return File.Exists(path) ? Read(path, read) : null;
        }

        public List<T> ReadAll<T>(string folder, string pattern, Func<string, string, T?> read) where T : class
        {
            var dir = Path.Combine(root, folder);
            if (!Directory.Exists(dir))
            {
                return [];
            }

            return Directory.GetFiles(dir, pattern)
                .Order(StringComparer.Ordinal)
                .Select(path => Read(path, read))
                .OfType<T>()
                .ToList();
        }

        private T? Read<T>(string path, Func<string, string, T?> read) where T : class
        {
            string text;
            try
            {
                text = File.ReadAllText(path);
            }
            catch (IOException ex)
            {
                problems.Add(new KnowledgeProblem(Relative(path), 0, $"cannot be read: {ex.Message}"));
                return null;
            }
            catch (UnauthorizedAccessException ex)
            {
                problems.Add(new KnowledgeProblem(Relative(path), 0, $"cannot be read: {ex.Message}"));
                return null;
            }

            return read(Relative(path), text);
        }
    }
}
