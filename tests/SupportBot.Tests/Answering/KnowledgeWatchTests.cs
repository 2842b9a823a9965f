using System.Diagnostics;
using System.Net;
using SupportBot.Tests.Support;
using static SupportBot.Tests.Answering.ReloadScenario;

namespace SupportBot.Tests.Answering;

/// <summary>The host watching a temporary copy of knowledge/ (Knowledge:Watch, the default) and reloading it.</summary>
public sealed class KnowledgeWatchTests
{
    [Fact]
    public async Task Watch_FaqAnswerChanged_NewAnswerServedAndReadyzNamesTheNewVersion()
    {
        using var knowledge = new KnowledgeCopy();
        await using var host = await StartAsync(knowledge.Root);
        Assert.Equal(0, await ServedRevisionAsync(host));
        var (_, before) = await ReadyzAsync(host);
        var firstVersion = KnowledgeCheck(before)["data"]!["version"]!.GetValue<string>();

        WriteRevision(knowledge.Root, 1);
        await WaitUntilServedAsync(host, 1);

        var (status, after) = await ReadyzAsync(host);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy", after["status"]!.GetValue<string>());
        var data = KnowledgeCheck(after)["data"]!;
        Assert.NotEqual(firstVersion, data["version"]!.GetValue<string>());
        Assert.Matches("^[0-9a-f]{12}$", data["version"]!.GetValue<string>());
        Assert.True(data["loadedAt"]!.GetValue<DateTimeOffset>() > KnowledgeCheck(before)["data"]!["loadedAt"]!.GetValue<DateTimeOffset>());
        var reloaded = Assert.Single(host.Logs.Lines, l => l.EventId == 3002);
        Assert.Contains($"version {data["version"]} replaces {firstVersion}", reloaded.Message, StringComparison.Ordinal);
        BotHost.DeleteData(host.DataFolder);
    }

    [Fact]
    public async Task Watch_InvalidChangeThenFix_OldAnswerServesProblemLoggedWithFileAndLineThenFixReloads()
    {
        using var knowledge = new KnowledgeCopy();
        await using var host = await StartAsync(knowledge.Root);
        var (_, original) = await ReadyzAsync(host);
        var originalVersion = KnowledgeCheck(original)["data"]!["version"]!.GetValue<string>();

        // The new answer and an unknown field in one change: the answer must not be served.
        var idLine = knowledge.FirstLineStartingWith(FaqFile, "- id: updates-stopped");
        var lines = File.ReadAllLines(knowledge.PathOf(FaqFile)).ToList();
        lines.Insert(idLine, "  colour: blue");
        WriteAtomically(knowledge.PathOf(FaqFile), WithRevision(string.Join('\n', lines) + "\n", 1));
        await WaitForLogAsync(host, 3003);

        Assert.Equal(0, await ServedRevisionAsync(host));
        var expected = $"{Path.Combine("knowledge", FaqFile)}:{idLine + 1}: unknown field 'colour'";
        Assert.Contains(host.Logs.Lines, l => l.EventId == 3004 && l.Level == LogLevel.Error && l.Message.Contains(expected, StringComparison.Ordinal));
        var (status, degraded) = await ReadyzAsync(host);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Degraded", degraded["status"]!.GetValue<string>());
        var check = KnowledgeCheck(degraded)["data"]!;
        Assert.Equal(originalVersion, check["version"]!.GetValue<string>());
        Assert.Contains(check["lastReloadError"]!["problems"]!.AsArray(), p => p!.GetValue<string>().Contains(expected, StringComparison.Ordinal));

        // Refused once, not again on every poll of the same content.
        await Task.Delay(TimeSpan.FromMilliseconds(600));
        Assert.Single(host.Logs.Lines, l => l.EventId == 3003);

        lines.RemoveAt(idLine);
        WriteAtomically(knowledge.PathOf(FaqFile), WithRevision(string.Join('\n', lines) + "\n", 1));
        await WaitUntilServedAsync(host, 1);

        var (_, fixedReady) = await ReadyzAsync(host);
        Assert.Equal("Healthy", fixedReady["status"]!.GetValue<string>());
        Assert.Null(KnowledgeCheck(fixedReady)["data"]!["lastReloadError"]);
        BotHost.DeleteData(host.DataFolder);
    }

    [Fact]
    public async Task Watch_InvalidChangeUndone_HealthyAgainWithoutAReload()
    {
        using var knowledge = new KnowledgeCopy();
        await using var host = await StartAsync(knowledge.Root);
        var responses = File.ReadAllText(knowledge.PathOf("responses.yaml"));
        WriteAtomically(knowledge.PathOf("responses.yaml"), responses.Replace("{contact}", "a person", StringComparison.Ordinal));
        await WaitForLogAsync(host, 3003);
        Assert.Equal("Degraded", (await ReadyzAsync(host)).Body["status"]!.GetValue<string>());

        WriteAtomically(knowledge.PathOf("responses.yaml"), responses);
        await WaitUntilAsync(async () => (await ReadyzAsync(host)).Body["status"]!.GetValue<string>() == "Healthy", "/readyz is Healthy again");

        Assert.Null(KnowledgeCheck((await ReadyzAsync(host)).Body)["data"]!["lastReloadError"]);
        Assert.DoesNotContain(host.Logs.Lines, l => l.EventId == 3002);
        BotHost.DeleteData(host.DataFolder);
    }

    [Fact]
    public async Task Watch_ConfigMapStyleSymlinkSwap_NewAnswerServed()
    {
        // The layout kubelet writes for a ConfigMap volume: the visible names are symlinks through "..data" to a
        // timestamped folder, and an update swaps "..data" in one rename.
        using var source = new KnowledgeCopy();
        var root = Path.Combine(Path.GetTempPath(), "supportbot-configmap-tests", Guid.NewGuid().ToString("N"), "knowledge");
        try
        {
            CopyFolder(source.Root, Path.Combine(root, "..2024_10_01_09_00_00.1"));
            Directory.CreateSymbolicLink(Path.Combine(root, "..data"), "..2024_10_01_09_00_00.1");
            foreach (var entry in new DirectoryInfo(source.Root).EnumerateFileSystemInfos())
            {
                var link = Path.Combine(root, entry.Name);
                var target = Path.Combine("..data", entry.Name);
                _ = entry is DirectoryInfo ? Directory.CreateSymbolicLink(link, target) : File.CreateSymbolicLink(link, target);
            }

            await using var host = await StartAsync(root);
            Assert.Equal(0, await ServedRevisionAsync(host));

            var next = Path.Combine(root, "..2024_10_01_09_05_00.2");
            CopyFolder(source.Root, next);
            WriteRevision(next, 1);
            Directory.CreateSymbolicLink(Path.Combine(root, "..data_tmp"), "..2024_10_01_09_05_00.2");
            Rename(Path.Combine(root, "..data_tmp"), Path.Combine(root, "..data"));
            Directory.Delete(Path.Combine(root, "..2024_10_01_09_00_00.1"), recursive: true);

            await WaitUntilServedAsync(host, 1);
            BotHost.DeleteData(host.DataFolder);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(root)!, recursive: true);
        }
    }

    [Fact]
    public async Task Watch_Disabled_ChangeNotLoaded()
    {
        using var knowledge = new KnowledgeCopy();
        await using var host = await StartAsync(knowledge.Root, new Dictionary<string, string?> { ["Knowledge:Watch"] = "false" });

        WriteRevision(knowledge.Root, 1);
        // Many poll intervals of the watching hosts above.
        await Task.Delay(TimeSpan.FromSeconds(1));

        Assert.Equal(0, await ServedRevisionAsync(host));
        Assert.DoesNotContain(host.Logs.Lines, l => l.EventId is 3002 or 3006);
        BotHost.DeleteData(host.DataFolder);
    }

    [Fact]
    public async Task Watch_FileIndexConfigured_EachVersionHasItsOwnFileAndTheReleasedOneIsDeleted()
    {
        using var knowledge = new KnowledgeCopy();
        var indexFolder = Path.Combine(Path.GetDirectoryName(knowledge.Root)!, "index");
        await using var host = await StartAsync(knowledge.Root, new Dictionary<string, string?> { ["Search:DatabasePath"] = Path.Combine(indexFolder, "search.db") });
        var first = Assert.Single(Directory.GetFiles(indexFolder));
        Assert.Matches(@"search\.[0-9a-f]{12}\.1\.db$", first);

        WriteRevision(knowledge.Root, 1);
        await WaitUntilServedAsync(host, 1);
        await WaitForLogAsync(host, 3005);

        var second = Assert.Single(Directory.GetFiles(indexFolder));
        Assert.Matches(@"search\.[0-9a-f]{12}\.2\.db$", second);
        BotHost.DeleteData(host.DataFolder);
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    // rename(2) over the old symlink, as kubelet's atomic writer does; .NET's File.Move will not replace a
    // symlink to a directory.
    private static void Rename(string from, string to)
    {
        using var mv = Process.Start(new ProcessStartInfo("mv", ["-T", from, to]) { UseShellExecute = false })!;
        mv.WaitForExit();
        Assert.Equal(0, mv.ExitCode);
    }
}
