using System.Security.Cryptography;
using System.Text;

namespace SupportBot.Answering;

/// <summary>
/// A hash of everything in the knowledge folder: the relative path and bytes of every file, in ordinal order.
/// It is the knowledge version reported by health, and the watcher compares it to notice a change.
/// </summary>
/// <remarks>
/// Content, not timestamps: a ConfigMap update, a <c>git checkout</c> or a copy over a network mount may keep
/// sizes and times. Entries whose names start with a dot are skipped: Kubernetes' <c>..data</c> and
/// timestamped folders (the visible names are symlinks into them, and are followed) and editors' swap files.
/// The folder is small (a few hundred KB), so hashing it every few seconds costs next to nothing.
/// </remarks>
internal static class KnowledgeFingerprint
{
    /// <summary>Characters of the SHA-256 hex kept as the version id: plenty to tell versions apart.</summary>
    public const int Length = 12;

    /// <summary>Version id of a folder that does not exist.</summary>
    public const string Missing = "missing";

    // Symlinks can form loops; a knowledge folder is two levels deep.
    private const int MaxDepth = 8;

    /// <summary>The folder's version id. Throws <see cref="IOException"/> when a file changes under it.</summary>
    public static string Compute(string root)
    {
        if (!Directory.Exists(root))
        {
            return Missing;
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Append(hash, root, "", 0);
        return Convert.ToHexStringLower(hash.GetHashAndReset())[..Length];
    }

    private static void Append(IncrementalHash hash, string folder, string relative, int depth)
    {
        if (depth > MaxDepth)
        {
            return;
        }

        var entries = new DirectoryInfo(folder).EnumerateFileSystemInfos()
            .Where(e => !e.Name.StartsWith('.'))
            .OrderBy(e => e.Name, StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var path = relative.Length == 0 ? entry.Name : relative + "/" + entry.Name;
            // Directory.Exists follows symlinks, so a ConfigMap's "faq -> ..data/faq" counts as the folder it is.
            if (Directory.Exists(entry.FullName))
            {
                Append(hash, entry.FullName, path, depth + 1);
                continue;
            }

            var bytes = File.ReadAllBytes(entry.FullName);
            hash.AppendData(Encoding.UTF8.GetBytes($"{path}\0{bytes.Length}\0"));
            hash.AppendData(bytes);
        }
    }
}
