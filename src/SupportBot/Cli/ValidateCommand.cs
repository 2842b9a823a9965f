using System.CommandLine;
using SupportBot.Engine.Knowledge;

namespace SupportBot.Cli;

/// <summary><c>validate</c>: checks the whole knowledge folder and lists every problem with file and line.</summary>
internal static class ValidateCommand
{
    public static Command Create(Option<string?> knowledge, TimeProvider time)
    {
        var command = new Command("validate", "Check the knowledge folder; list every problem with its file and line");
        command.SetAction(parse =>
        {
            var path = parse.GetValue(knowledge) ?? EngineFactory.Bind<KnowledgeOptions>(EngineFactory.Configuration(), KnowledgeOptions.SectionName).ResolvePath();
            var (loaded, problems) = KnowledgeLoader.TryLoad(path, time);
            foreach (var problem in problems)
            {
                Console.WriteLine(problem);
            }

            if (loaded is null)
            {
                Console.Error.WriteLine($"{problems.Count} problem(s) in {path}: nothing was loaded.");
                return ExitCodes.Failed;
            }

            Console.WriteLine($"OK: {path}: {loaded.Articles.Count} articles, {loaded.PassagesById.Count} passages, " +
                              $"{loaded.Faqs.Count} FAQ entries ({loaded.Faqs.Sum(f => f.Alternates.Count)} alternate phrasings), " +
                              $"{loaded.Synonyms.Groups.Count} synonym groups, {loaded.Responses.Intents.Count} small-talk intents.");
            return ExitCodes.Ok;
        });
        return command;
    }
}
