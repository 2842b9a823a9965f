using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Features;

// Usage: SupportBot.LoadDriver --target http://127.0.0.1:5310 [--duration 15] [--warmup 3] [--concurrency 8]
// Bounded: runs for warmup + duration seconds, then stops; talks only to the target and its own loopback server.
var options = Options.Parse(args);
var replies = new ConcurrentDictionary<string, TaskCompletionSource<long>>(StringComparer.Ordinal);

// The fake channel: every reply the bot posts lands here; a message (not typing) completes its turn.
var channelBuilder = WebApplication.CreateSlimBuilder();
channelBuilder.WebHost.UseUrls("http://127.0.0.1:0");
channelBuilder.Logging.ClearProviders();
await using var channel = channelBuilder.Build();
channel.Run(async context =>
{
    var arrived = Stopwatch.GetTimestamp();
    var target = context.Features.Get<IHttpRequestFeature>()!.RawTarget;
    var body = await JsonNode.ParseAsync(context.Request.Body);
    if (body?["type"]?.GetValue<string>() == "message" && Uri.UnescapeDataString(target[(target.LastIndexOf('/') + 1)..]) is var replyTo
        && replies.TryRemove(replyTo, out var turn))
    {
        turn.TrySetResult(arrived);
    }

    context.Response.ContentType = "application/json";
    await context.Response.WriteAsync("{\"id\":\"r\"}");
});
await channel.StartAsync();
var serviceUrl = channel.Urls.First().TrimEnd('/') + "/";

string[] questions =
[
    "when did kaspersky updates stop?",
    "is the free offer still available",
    "why was kaspersky banned in the US",
    "what should I do now that kaspersky is leaving",
    "when did the wind down start",
    "can I still buy or renew kaspersky",
    "what's the weather like tomorrow",
    "hi",
];

using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Concurrency * 2 }) { BaseAddress = new Uri(options.Target), Timeout = TimeSpan.FromSeconds(30) };
var latencies = new ConcurrentBag<double>();
var errors = 0;
var warmupEnd = Stopwatch.GetTimestamp() + (long)(options.Warmup * Stopwatch.Frequency);
var end = warmupEnd + (long)(options.Duration * Stopwatch.Frequency);

var workers = Enumerable.Range(0, options.Concurrency).Select(worker => Task.Run(async () =>
{
    for (var n = 0; Stopwatch.GetTimestamp() < end; n++)
    {
        var id = $"load-{worker}-{n}";
        var turn = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        replies[id] = turn;
        var activity = new JsonObject
        {
            ["type"] = "message",
            ["id"] = id,
            ["channelId"] = "directline",
            ["serviceUrl"] = serviceUrl,
            ["from"] = new JsonObject { ["id"] = $"user-{worker}", ["role"] = "user" },
            ["recipient"] = new JsonObject { ["id"] = "supportbot", ["role"] = "bot" },
            ["conversation"] = new JsonObject { ["id"] = $"load-conversation-{worker}" },
            ["text"] = questions[(worker + n) % questions.Length],
        };
        var started = Stopwatch.GetTimestamp();
        var counting = started >= warmupEnd;
        try
        {
            using var content = new StringContent(activity.ToJsonString(), Encoding.UTF8);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await http.PostAsync("/api/messages", content);
            var arrived = await turn.Task.WaitAsync(TimeSpan.FromSeconds(10));
            if (!response.IsSuccessStatusCode)
            {
                throw new HttpRequestException($"status {(int)response.StatusCode}");
            }

            if (counting)
            {
                latencies.Add(Stopwatch.GetElapsedTime(started, arrived).TotalMilliseconds);
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException or TaskCanceledException)
        {
            replies.TryRemove(id, out _);
            if (counting)
            {
                Interlocked.Increment(ref errors);
            }
        }
    }
})).ToList();
await Task.WhenAll(workers);

var sorted = latencies.Order().ToArray();
var invariant = CultureInfo.InvariantCulture;
if (sorted.Length == 0)
{
    Console.Error.WriteLine($"no turn completed ({errors} errors); is the host running at {options.Target}?");
    return 1;
}

Console.WriteLine(string.Create(invariant,
    $"turns {sorted.Length} in {options.Duration:0} s with {options.Concurrency} concurrent conversations: {sorted.Length / options.Duration:0} turns/s; " +
    $"latency ms p50 {Percentile(0.50):0.00} p90 {Percentile(0.90):0.00} p99 {Percentile(0.99):0.00} max {sorted[^1]:0.00}; errors {errors}"));
return errors == 0 ? 0 : 1;

double Percentile(double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

/// <summary>Command-line options of the driver.</summary>
internal sealed record Options(string Target, double Duration, double Warmup, int Concurrency)
{
    public static Options Parse(string[] args)
    {
        string Value(string name, string fallback)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
        }

        var options = new Options(
            Value("--target", "http://127.0.0.1:5310"),
            double.Parse(Value("--duration", "15"), CultureInfo.InvariantCulture),
            double.Parse(Value("--warmup", "3"), CultureInfo.InvariantCulture),
            int.Parse(Value("--concurrency", "8"), CultureInfo.InvariantCulture));
        if (options.Duration is <= 0 or > 600 || options.Warmup is < 0 or > 60 || options.Concurrency is < 1 or > 256)
        {
            throw new ArgumentException("--duration 1..600 s, --warmup 0..60 s, --concurrency 1..256");
        }

        var target = new Uri(options.Target);
        if (!target.IsLoopback)
        {
            throw new ArgumentException("--target must be a loopback address: this driver only loads this machine.");
        }

        return options;
    }
}
