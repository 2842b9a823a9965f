using System.CommandLine;
using Microsoft.Extensions.Options;
using SupportBot.Engine.Knowledge;

namespace SupportBot.Cli;

/// <summary>The command line: verbs for customers' questions, agents' lookups and knowledge authors.</summary>
internal static class CliApp
{
    /// <summary>Verbs handled here; anything else (no verb, serve, host options like --urls) starts the host.</summary>
    public static readonly string[] Verbs = ["ask", "search", "eval", "validate", "export", "bench", "--help", "-h", "-?", "--version"];

    public static int Run(string[] args, TimeProvider time)
    {
        var knowledge = new Option<string?>("--knowledge") { Description = "The knowledge folder (default: ./knowledge, else the copy next to the program)" };
        var root = new RootCommand("SupportBot: answers questions about Kaspersky's exit from the United States, with sources.")
        {
            AskCommand.Create(knowledge, time),
            SearchCommand.Create(knowledge, time),
            EvalCommand.Create(knowledge, time),
            ValidateCommand.Create(knowledge, time),
            ExportCommand.Create(knowledge, time),
            BenchCommand.Create(knowledge, time),
            new Command("serve", "Run the chat host (the default): /api/messages, /api/ask, /api/search, /healthz"),
        };
        root.Options.Add(knowledge);
        knowledge.Recursive = true;
        try
        {
            return root.Parse(args).Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception ex) when (ex is KnowledgeLoadException or OptionsValidationException)
        {
            // The one place a verb's unusable knowledge base or settings are reported: every problem, no stack trace.
            Console.Error.WriteLine(ex.Message);
            return ExitCodes.Failed;
        }
    }
}
