using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using SupportBot.Engine.Answering;
using SupportBot.Engine.Evaluation;
using SupportBot.Engine.Knowledge;
using SupportBot.Privacy;

namespace SupportBot.Cli;

/// <summary>
/// <c>bench</c>: index build time and per-question latency in one process, reported as medians and
/// percentiles because the machines are shared and noisy. Not a test: it asserts nothing.
/// </summary>
internal static class BenchCommand
{
    public static Command Create(Option<string?> knowledge, TimeProvider time)
    {
        var questions = new Option<string[]>("--questions") { Description = "Question files to cycle through", AllowMultipleArgumentsPerToken = true };
        var count = new Option<int>("--count") { Description = "Questions to time (default 5000)", DefaultValueFactory = _ => 5000 };
        var builds = new Option<int>("--builds") { Description = "Index builds to time (default 15)", DefaultValueFactory = _ => 15 };
        var command = new Command("bench", "Measure index build time and per-question latency (p50/p99)") { questions, count, builds };
        command.SetAction(parse =>
        {
            var configuration = EngineFactory.Configuration();
            var path = parse.GetValue(knowledge) ?? EngineFactory.Bind<KnowledgeOptions>(configuration, KnowledgeOptions.SectionName).ResolvePath();
            var files = parse.GetValue(questions) is { Length: > 0 } given ? given : DefaultQuestionFiles();
            var set = files.SelectMany(EvalQuestion.ReadFile).Select(q => q.Question).ToList();
            if (set.Count == 0)
            {
                Console.Error.WriteLine("bench: no questions; pass --questions FILE");
                return ExitCodes.Usage;
            }

            var load = Stopwatch.StartNew();
            var kb = KnowledgeLoader.Load(path, time);
            var loadMs = load.Elapsed.TotalMilliseconds;

            var buildTimes = new List<double>();
            for (var i = 0; i < Math.Max(1, parse.GetValue(builds)); i++)
            {
                var sw = Stopwatch.StartNew();
                using var built = EngineFactory.Create(configuration, time, path);
                buildTimes.Add(sw.Elapsed.TotalMilliseconds);
            }

            using var engine = EngineFactory.Create(configuration, time, path);
            foreach (var q in set)
            {
                engine.Ask(q); // warm-up: JIT, prepared statements, pooled sessions
            }

            var n = Math.Max(1, parse.GetValue(count));
            var latencies = new double[n];
            var perQuestion = new Dictionary<string, List<double>>(StringComparer.Ordinal);
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            var total = Stopwatch.StartNew();
            for (var i = 0; i < n; i++)
            {
                var sw = Stopwatch.StartNew();
                var question = set[i % set.Count];
                engine.Ask(question);
                latencies[i] = sw.Elapsed.TotalMicroseconds;
                if (!perQuestion.TryGetValue(question, out var times))
                {
                    perQuestion[question] = times = [];
                }

                times.Add(latencies[i]);
            }

            var elapsed = total.Elapsed;
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            Array.Sort(latencies);
            buildTimes.Sort();
            var inv = CultureInfo.InvariantCulture;
            Console.WriteLine(string.Create(inv, $"machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}"));
            Console.WriteLine(string.Create(inv, $"knowledge: {kb.Faqs.Count} FAQ entries, {kb.PassagesById.Count} passages; load+validate {loadMs:0.0} ms (cold, first in process)"));
            Console.WriteLine(string.Create(inv, $"engine build (load, validate, index): median {Median(buildTimes):0.0} ms, min {buildTimes[0]:0.0} ms over {buildTimes.Count} builds"));
            Console.WriteLine(string.Create(inv, $"questions: {n} ({set.Count} distinct), {n / elapsed.TotalSeconds:0} per second on one thread"));
            Console.WriteLine(string.Create(inv, $"latency µs: p50 {Percentile(latencies, 0.50):0} | p90 {Percentile(latencies, 0.90):0} | p99 {Percentile(latencies, 0.99):0} | max {latencies[^1]:0}"));
            Console.WriteLine(string.Create(inv, $"allocated per question: {allocated / n / 1024.0:0.0} KiB; working set {Environment.WorkingSet / (1024 * 1024)} MiB"));
            Console.WriteLine(string.Create(inv, $"redaction µs per question (PiiRedactor, as stored): plain p50 {RedactionMicros(set, ""):0.00} | with card, e-mail and phone p50 {RedactionMicros(set, PersonalData):0.00}"));
            Console.WriteLine("slowest questions (median µs over their repeats):");
            foreach (var (question, median) in perQuestion
                         .Select(p => (p.Key, Median(p.Value.Order().ToList())))
                         .OrderByDescending(p => p.Item2).Take(5))
            {
                Console.WriteLine(string.Create(inv, $"  {median,8:0}  {(question.Length > 80 ? question[..80] + "…" : question)}"));
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    private static readonly string[] QuestionFiles =
        ["tests/eval/heldout-questions.jsonl", "tests/eval/engine-questions.jsonl", "../shared/eval/dev-questions.jsonl"];

    private const string PersonalData = " my card 4111 1111 1111 1111, mail jane.doe@example.com or call (555) 123-4567";

    /// <summary>Median time to redact each question (with <paramref name="suffix"/> appended), after a warm-up pass.</summary>
    private static double RedactionMicros(List<string> questions, string suffix)
    {
        var inputs = questions.Select(q => q + suffix).ToList();
        var times = new List<double>(inputs.Count * 10);
        for (var round = 0; round < 11; round++)
        {
            foreach (var input in inputs)
            {
                var sw = Stopwatch.StartNew();
                PiiRedactor.Redact(input);
                if (round > 0)
                {
                    times.Add(sw.Elapsed.TotalMicroseconds);
                }
            }
        }

        times.Sort();
        return Median(times);
    }

    private static string[] DefaultQuestionFiles() => QuestionFiles.Where(File.Exists).ToArray();

    private static double Median(List<double> sorted) => sorted[sorted.Count / 2];

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
