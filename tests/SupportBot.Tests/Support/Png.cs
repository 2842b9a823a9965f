using System.Buffers.Binary;
using System.IO.Compression;

namespace SupportBot.Tests.Support;

/// <summary>A small PNG reader (8-bit RGB/RGBA, not interlaced) so tests can look at icon pixels.</summary>
internal sealed class Png
{
    private readonly byte[] _rgba;

    private Png(int width, int height, byte[] rgba)
    {
        Width = width;
        Height = height;
        _rgba = rgba;
    }

    public int Width { get; }

    public int Height { get; }

    public IEnumerable<(byte R, byte G, byte B, byte A)> Pixels()
    {
        for (var i = 0; i < _rgba.Length; i += 4)
        {
            yield return (_rgba[i], _rgba[i + 1], _rgba[i + 2], _rgba[i + 3]);
        }
    }

    public static Png Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, bytes[..8]);
        int width = 0, height = 0, channels = 0;
        using var idat = new MemoryStream();
        for (var offset = 8; offset < bytes.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(offset));
            var type = System.Text.Encoding.ASCII.GetString(bytes, offset + 4, 4);
            var data = bytes.AsSpan(offset + 8, length);
            if (type == "IHDR")
            {
                width = BinaryPrimitives.ReadInt32BigEndian(data);
                height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                Assert.Equal(8, data[8]);
                channels = data[9] switch { 6 => 4, 2 => 3, _ => throw new NotSupportedException($"colour type {data[9]}") };
                Assert.Equal(0, data[12]);
            }
            else if (type == "IDAT")
            {
                idat.Write(data);
            }

            offset += 12 + length;
        }

        idat.Position = 0;
        using var inflated = new MemoryStream();
        using (var zlib = new ZLibStream(idat, CompressionMode.Decompress))
        {
            zlib.CopyTo(inflated);
        }

        return new Png(width, height, Unfilter(inflated.ToArray(), width, height, channels));
    }

    private static byte[] Unfilter(byte[] raw, int width, int height, int channels)
    {
        var stride = width * channels;
        var image = new byte[height * stride];
        for (var y = 0; y < height; y++)
        {
            var filter = raw[y * (stride + 1)];
            for (var x = 0; x < stride; x++)
            {
                var value = raw[(y * (stride + 1)) + 1 + x];
                int a = x >= channels ? image[(y * stride) + x - channels] : 0;
                int b = y > 0 ? image[((y - 1) * stride) + x] : 0;
                int c = x >= channels && y > 0 ? image[((y - 1) * stride) + x - channels] : 0;
                image[(y * stride) + x] = (byte)(value + filter switch
                {
                    0 => 0,
                    1 => a,
                    2 => b,
                    3 => (a + b) / 2,
                    4 => Paeth(a, b, c),
                    _ => throw new NotSupportedException($"filter {filter}"),
                });
            }
        }

        if (channels == 4)
        {
            return image;
        }

        var rgba = new byte[width * height * 4];
        for (int i = 0, j = 0; i < image.Length; i += 3, j += 4)
        {
            (rgba[j], rgba[j + 1], rgba[j + 2], rgba[j + 3]) = (image[i], image[i + 1], image[i + 2], 255);
        }

        return rgba;
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        var (pa, pb, pc) = (Math.Abs(p - a), Math.Abs(p - b), Math.Abs(p - c));
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
