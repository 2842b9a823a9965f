namespace SupportBot.Engine.Tests.Support;

/// <summary>
/// A small, valid knowledge set written to a temporary folder: one article with front matter, two FAQ entries,
/// synonyms, responses with every intent, and ingestion rules. A test changes one of the texts to break one
/// thing, then calls <see cref="Write"/>. The folder is deleted on dispose.
/// </summary>
public sealed class KnowledgeFolder : IDisposable
{
    public const string ArticleFile = "articles/sample.md";
    public const string FaqFile = "faq/entries.yaml";
    public const string ResponsesFile = "responses.yaml";
    public const string SynonymsFile = "synonyms.txt";
    public const string IngestionFile = "ingestion.yaml";

    public const string DefaultArticle =
        """
        ---
        id: sample
        title: Acme Closes Its Widget Service
        publisher: Example News
        date: 2024-06-01
        url:
        ---
        Acme Closes Its Widget Service

        Share This Post

        Acme said it will stop the widget service on September 29, 2024, and customers must move their data before then.

        Customer Support

        Support staff in the Springfield office will answer calls about widgets until the end of the year.

        More Articles

        An unrelated story about gardening tools.
        """;

    public const string DefaultFaq =
        """
        # Two entries that point at each other.
        - id: service-end
          question: When did the widget service stop?
          alternates:
            - when does the widget service end
            - widget shutdown date
            - last day for widgets
            - is the widget service still running
            - widget service cutoff
          answer: >-
            Acme stopped the widget service on September 29, 2024.
          sources:
            - article: sample
              quote: "Acme said it will stop the widget service on September 29, 2024"
          followUps: [move-data]
          tags: [dates, shutdown]

        - id: move-data
          question: What should widget customers do with their data?
          alternates:
            - where do i move my widget data
            - widget data export
            - save my data from widgets
            - do i need to move my data
            - what happens to my widget files
          answer: Acme told customers to move their data before the widget service stopped.
          sources:
            - article: sample
              quote: "customers must move their data before then."
          followUps:
            - service-end
          tags: [data]
        """;

    public const string DefaultResponses =
        """
        # Small talk and fixed texts.
        greeting:
          patterns: [hi, hello]
          replies:
            - Hello! Ask me about the widget service.
        thanks:
          patterns: [thanks, thank you]
          replies:
            - You're welcome.
        help:
          patterns: [help, what can you do]
          replies:
            - I answer questions about the widget service.
        goodbye:
          patterns: [bye, goodbye]
          replies:
            - Goodbye!
        identity:
          patterns: [who are you]
          replies:
            - I'm a test bot.
        complaint:
          patterns: [useless]
          replies:
            - Sorry about that.
        fallback: Sorry, I do not know that.
        handoff: "To talk to a person: {contact}"
        welcome: Welcome to widget help.
        clarify: 'Did you mean "{0}" or "{1}"?'
        suggested:
          - service-end
          - move-data
        """;

    public const string DefaultSynonyms =
        """
        # test synonyms
        stop, end, cutoff, shutdown
        widget, widgets
        gadget, gadgets
        """;

    public const string DefaultIngestion =
        """
        dropLines:
          - '^Share This Post$'
        cutFrom:
          - '^More Articles$'
        """;

    private readonly string _parent;

    public KnowledgeFolder()
    {
        _parent = Path.Combine(Path.GetTempPath(), "supportbot-tests", Guid.NewGuid().ToString("N"));
        Root = Path.Combine(_parent, "knowledge");
    }

    /// <summary>The knowledge folder (named <c>knowledge</c>, as in the repository).</summary>
    public string Root { get; }

    public string? Article { get; set; } = DefaultArticle;

    public string? Faq { get; set; } = DefaultFaq;

    public string? Responses { get; set; } = DefaultResponses;

    public string? Synonyms { get; set; } = DefaultSynonyms;

    public string? Ingestion { get; set; } = DefaultIngestion;

    /// <summary>Writes the files (a null text leaves the file out) and returns the knowledge folder.</summary>
    public string Write()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }

        WriteFile(ArticleFile, Article);
        WriteFile(FaqFile, Faq);
        WriteFile(ResponsesFile, Responses);
        WriteFile(SynonymsFile, Synonyms);
        WriteFile(IngestionFile, Ingestion);
        Directory.CreateDirectory(Path.Combine(Root, "articles"));
        Directory.CreateDirectory(Path.Combine(Root, "faq"));
        return Root;
    }

    /// <summary>How a problem in <paramref name="relativeFile"/> names it: relative to the knowledge folder's parent.</summary>
    public static string ProblemPath(string relativeFile) => Path.Combine("knowledge", relativeFile.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>The 1-based numbers of the lines of <paramref name="text"/> containing <paramref name="fragment"/>.</summary>
    public static List<int> LinesOf(string? text, string fragment)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        return Enumerable.Range(0, lines.Length).Where(i => lines[i].Contains(fragment, StringComparison.Ordinal)).Select(i => i + 1).ToList();
    }

    /// <summary>The 1-based number of the only line of <paramref name="text"/> containing <paramref name="fragment"/>.</summary>
    public static int LineOf(string? text, string fragment)
    {
        var found = LinesOf(text, fragment);
        return found.Count == 1
            ? found[0]
            : throw new ArgumentException($"'{fragment}' is on {found.Count} lines of the test's own text; make it unique", nameof(fragment));
    }

    /// <summary>Replaces the one occurrence of <paramref name="old"/>, failing loudly when the test's text has none or several.</summary>
    public static string ReplaceOnce(string? text, string old, string replacement)
    {
        ArgumentNullException.ThrowIfNull(text);
        var at = text.IndexOf(old, StringComparison.Ordinal);
        if (at < 0 || text.IndexOf(old, at + 1, StringComparison.Ordinal) >= 0)
        {
            throw new ArgumentException($"'{old}' must occur exactly once in the test's own text", nameof(old));
        }

        return string.Concat(text.AsSpan(0, at), replacement, text.AsSpan(at + old.Length));
    }

    public void Dispose()
    {
        if (Directory.Exists(_parent))
        {
            Directory.Delete(_parent, recursive: true);
        }
    }

    private void WriteFile(string relative, string? text)
    {
        var path = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (text is not null)
        {
            File.WriteAllText(path, text);
        }
    }
}
