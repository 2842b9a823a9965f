using System.Collections.Concurrent;
using SupportBot.Tests.Support;
using static SupportBot.Tests.Answering.ReloadScenario;

namespace SupportBot.Tests.Answering;

/// <summary>Reloads while customers are asking: the swap is atomic and nothing fails.</summary>
public sealed class KnowledgeReloaderTests
{
    private const int Clients = 4;
    private const int Revisions = 4;

    [Fact]
    public async Task Reload_UnderLoad_ZeroFailedRequestsEveryAnswerFromAVersionAndEachClientNeverGoesBack()
    {
        using var knowledge = new KnowledgeCopy();
        // All the clients share one address: the per-client windows would (rightly) answer 429.
        await using var host = await StartAsync(knowledge.Root, new Dictionary<string, string?> { ["RateLimits:PerClient"] = "false" });
        using var stop = new CancellationTokenSource();
        var failures = new ConcurrentQueue<string>();
        // Each client's answers in order (written by that client only, read once all have stopped), its latest
        // revision and how many it has had so far (read meanwhile).
        var answers = Enumerable.Range(0, Clients).Select(_ => new List<int>()).ToArray();
        var latest = new int[Clients];
        var counts = new int[Clients];

        var clients = Enumerable.Range(0, Clients).Select(client => Task.Run(async () =>
        {
            // Its own connection per client, as separate customers have.
            using var http = new HttpClient { BaseAddress = host.Http.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    var revision = RevisionOf(await AskAsync(http));
                    answers[client].Add(revision);
                    Volatile.Write(ref latest[client], revision);
                }
#pragma warning disable CA1031 // Every failure is the finding: counted, not thrown.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    failures.Enqueue($"client {client}: {ex.GetType().Name}: {ex.Message}");
                }

                Interlocked.Increment(ref counts[client]);
            }
        })).ToList();

        for (var revision = 1; revision <= Revisions; revision++)
        {
            // Every client asks a while on each version before it changes.
            var before = Enumerable.Range(0, Clients).Select(i => Volatile.Read(ref counts[i])).ToArray();
            await WaitUntilAsync(() => Task.FromResult(Enumerable.Range(0, Clients).All(i => Volatile.Read(ref counts[i]) >= before[i] + 20)), "every client has asked 20 times");
            WriteRevision(knowledge.Root, revision);
            var target = revision;
            await WaitUntilAsync(() => Task.FromResult(Enumerable.Range(0, Clients).Any(i => Volatile.Read(ref latest[i]) == target)), $"revision {target} is served under load");
        }

        var last = Enumerable.Range(0, Clients).Select(i => Volatile.Read(ref counts[i])).ToArray();
        await WaitUntilAsync(() => Task.FromResult(Enumerable.Range(0, Clients).All(i => Volatile.Read(ref counts[i]) >= last[i] + 20)), "every client has asked the last version");
        await stop.CancelAsync();
        await Task.WhenAll(clients);

        Assert.Empty(failures);
        foreach (var revisions in answers)
        {
            Assert.DoesNotContain(-1, revisions);
            // Revisions only go forward for a client asking one question after another: each request reads the
            // version current when it starts, and a swap never goes back.
            Assert.Equal(revisions.Order(), revisions);
            Assert.Equal(Revisions, revisions[^1]);
        }

        Assert.Equal(Enumerable.Range(0, Revisions + 1), answers.SelectMany(a => a).Distinct().Order());
        // Every retired version was released once its last request ended (the in-flight ones finished on it).
        await WaitForLogAsync(host, 3005, Revisions);
        Assert.Equal(Revisions, host.Logs.Lines.Count(l => l.EventId == 3002));
        // (Readiness probes before the first load log errors of their own; the host's own code logged none.)
        Assert.DoesNotContain(host.Logs.Lines, l => l.Level >= LogLevel.Error && l.Category.StartsWith("SupportBot", StringComparison.Ordinal));
        BotHost.DeleteData(host.DataFolder);
    }
}
