using System.Globalization;
using System.Text.RegularExpressions;
using SupportBot.Tests.Support;

namespace SupportBot.Tests.Cli;

public sealed partial class SearchCommandTests
{
    [Fact]
    public void Search_FreeOfferTopThree_PrintsAtMostThreeRankedHitsWithMarkedWords()
    {
        var result = CliRunner.Run("search", "free offer", "--top", "3");

        Assert.True(result.ExitCode == 0, result.ToString());
        var hits = HitLine().Matches(result.Stdout).ToList();
        Assert.InRange(hits.Count, 1, 3);
        Assert.Equal(Enumerable.Range(1, hits.Count), hits.Select(h => int.Parse(h.Groups["rank"].Value, CultureInfo.InvariantCulture)));
        var scores = hits.Select(h => double.Parse(h.Groups["score"].Value, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(scores.OrderDescending(), scores);
        Assert.Equal("faq", hits[0].Groups["kind"].Value);

        var marked = Marked().Matches(result.Stdout).Select(m => m.Groups[1].Value.ToLowerInvariant()).ToList();
        Assert.NotEmpty(marked);
        Assert.Contains(marked, m => m.Contains("free", StringComparison.Ordinal) || m.Contains("offer", StringComparison.Ordinal));
        Assert.DoesNotContain('\uE000', result.Stdout);
        Assert.DoesNotContain('\uE001', result.Stdout);
    }

    [Fact]
    public void Search_DefaultTop_ShowsMoreThanTopThree()
    {
        var three = HitLine().Matches(CliRunner.Run("search", "kaspersky ban", "--top", "3").Stdout).Select(h => h.Groups["id"].Value).ToList();
        var all = HitLine().Matches(CliRunner.Run("search", "kaspersky ban").Stdout).Select(h => h.Groups["id"].Value).ToList();

        Assert.Equal(3, three.Count);
        Assert.True(all.Count > 3, $"{all.Count} hits");
        Assert.Equal(all.Take(3), three);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    public void Search_TopBelowOne_IsAUsageError(string top)
    {
        var result = CliRunner.Run("search", "free offer", "--top", top);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("--top", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(HitLine().Matches(result.Stdout));
    }

    [GeneratedRegex(@"^\s*(?<rank>\d+)\. \[(?<kind>faq|passage)\] (?<id>\S+)\s+score (?<score>-?[0-9.]+)", RegexOptions.Multiline)]
    private static partial Regex HitLine();

    [GeneratedRegex("«([^»]*)»")]
    private static partial Regex Marked();
}
