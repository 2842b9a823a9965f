using SupportBot.Answering;
using SupportBot.Tests.Support;

namespace SupportBot.Tests.Answering;

public sealed class KnowledgeFingerprintTests
{
    [Fact]
    public void Compute_SameContentInAnotherFolder_SameVersion()
    {
        using var a = new KnowledgeCopy();
        using var b = new KnowledgeCopy();

        Assert.Equal(KnowledgeFingerprint.Compute(a.Root), KnowledgeFingerprint.Compute(b.Root));
        Assert.Matches("^[0-9a-f]{12}$", KnowledgeFingerprint.Compute(a.Root));
    }

    [Fact]
    public void Compute_OneByteChangedSameSizeAndTime_DifferentVersion()
    {
        using var knowledge = new KnowledgeCopy();
        var before = KnowledgeFingerprint.Compute(knowledge.Root);
        var path = knowledge.PathOf("synonyms.txt");
        var time = File.GetLastWriteTimeUtc(path);
        var bytes = File.ReadAllBytes(path);
        bytes[^2] = (byte)(bytes[^2] == (byte)'x' ? 'y' : 'x');
        File.WriteAllBytes(path, bytes);
        File.SetLastWriteTimeUtc(path, time);

        Assert.NotEqual(before, KnowledgeFingerprint.Compute(knowledge.Root));
    }

    [Fact]
    public void Compute_FileRenamed_DifferentVersion()
    {
        using var knowledge = new KnowledgeCopy();
        var before = KnowledgeFingerprint.Compute(knowledge.Root);
        var faq = Directory.GetFiles(knowledge.PathOf("faq")).Order(StringComparer.Ordinal).First();
        File.Move(faq, Path.Combine(knowledge.PathOf("faq"), "zz-" + Path.GetFileName(faq)));

        Assert.NotEqual(before, KnowledgeFingerprint.Compute(knowledge.Root));
    }

    [Fact]
    public void Compute_HiddenEntriesAdded_SameVersion()
    {
        using var knowledge = new KnowledgeCopy();
        var before = KnowledgeFingerprint.Compute(knowledge.Root);
        File.WriteAllText(knowledge.PathOf("faq/.dates.yaml.swp"), "editor state");
        Directory.CreateDirectory(knowledge.PathOf("..2024_10_01_09_00_00.1"));
        File.WriteAllText(knowledge.PathOf("..2024_10_01_09_00_00.1/responses.yaml"), "kubelet's copy");

        Assert.Equal(before, KnowledgeFingerprint.Compute(knowledge.Root));
    }

    [Fact]
    public void Compute_MissingFolder_Missing() =>
        Assert.Equal(KnowledgeFingerprint.Missing, KnowledgeFingerprint.Compute(Path.Combine(Path.GetTempPath(), "supportbot-none-" + Guid.NewGuid().ToString("N"))));
}
