using SupportBot.Engine.Indexing;

namespace SupportBot.Cli;

/// <summary>Shows the index's match marks to a person: bold on a terminal, «guillemets» when redirected.</summary>
internal static class Marks
{
    public static string ForConsole(string marked)
    {
        var (open, close) = Console.IsOutputRedirected ? ("«", "»") : ("\u001b[1m", "\u001b[0m");
        return marked.Replace(SearchIndex.MarkStart.ToString(), open, StringComparison.Ordinal)
                     .Replace(SearchIndex.MarkEnd.ToString(), close, StringComparison.Ordinal);
    }
}
