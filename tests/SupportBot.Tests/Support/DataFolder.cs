using System.Text;

namespace SupportBot.Tests.Support;

/// <summary>What a host left on disk, read byte for byte (SQLite's main file, its WAL and anything else).</summary>
internal static class DataFolder
{
    /// <summary>The files under <paramref name="folder"/> whose bytes contain <paramref name="text"/> as UTF-8.</summary>
    public static List<string> FilesContaining(string folder, string text)
    {
        var needle = Encoding.UTF8.GetBytes(text);
        return Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(file => ReadShared(file).AsSpan().IndexOf(needle) >= 0)
            .ToList();
    }

    // The host still has the database open.
    private static byte[] ReadShared(string file)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
