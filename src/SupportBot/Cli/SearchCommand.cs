using System.CommandLine;
using System.Globalization;
using System.Text.Json;

namespace SupportBot.Cli;

/// <summary><c>search "query" [--top N]</c>: the agents' lookup, every matching FAQ and passage, ranked.</summary>
internal static class SearchCommand
{
    private static readonly JsonSerializerOptions Indented = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Create(Option<string?> knowledge, TimeProvider time)
    {
        var query = new Argument<string[]>("query") { Description = "What to look up", Arity = ArgumentArity.OneOrMore };
        var top = new Option<int>("--top") { Description = "How many results (default 10)", DefaultValueFactory = _ => 10 };
        var json = new Option<bool>("--json") { Description = "Write the results as JSON" };
        var explain = new Option<bool>("--explain") { Description = "Show how each word of the query counted for each hit" };
        var command = new Command("search", "Look up every matching FAQ entry and passage, ranked, with snippets") { query, top, json, explain };
        command.SetAction(parse =>
        {
            if (parse.GetValue(top) < 1)
            {
                Console.Error.WriteLine("search: --top must be at least 1");
                return ExitCodes.Usage;
            }

            using var engine = EngineFactory.Create(EngineFactory.Configuration(), time, parse.GetValue(knowledge));
            var results = engine.Search(string.Join(' ', parse.GetValue(query) ?? []), parse.GetValue(top));
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(results, Indented));
                return ExitCodes.Ok;
            }

            if (results.Hits.Count == 0)
            {
                Console.WriteLine("No matching FAQ entry or passage.");
            }

            var rank = 0;
            foreach (var hit in results.Hits)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{++rank,2}. [{hit.Kind}] {hit.Id}  score {hit.Score:0.000}  confidence {hit.Confidence:0.00}"));
                Console.WriteLine($"    {hit.Title}");
                Console.WriteLine($"    {Marks.ForConsole(hit.Snippet)}");
                Console.WriteLine($"    Source: {hit.Source.Title}");
                if (parse.GetValue(explain))
                {
                    Console.WriteLine($"    Words: {hit.Explanation}");
                }
            }

            if (results.Corrections.Count > 0)
            {
                Console.WriteLine($"(read as: {string.Join(", ", results.Corrections)})");
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
