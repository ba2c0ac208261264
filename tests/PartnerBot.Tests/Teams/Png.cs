using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace PartnerBot.Tests.Teams;

internal readonly record struct Pixel(byte R, byte G, byte B, byte A);

/// <summary>A minimal PNG reader for 8-bit, non-interlaced grey, RGB, grey+alpha and RGBA images.</summary>
internal sealed class Png
{
    public const byte Gray = 0, Rgb = 2, GrayAlpha = 4, Rgba = 6;
    public static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Width and height from the IHDR chunk, which every PNG has first: bytes 16-23, big-endian.</summary>
    public static (int Width, int Height) SizeOf(string path)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length > 24 && bytes.AsSpan(0, 8).SequenceEqual(Signature), $"{path} is not a PNG file");
        Assert.Equal("IHDR", Encoding.ASCII.GetString(bytes, 12, 4));
        return ((int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(16)), (int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(20)));
    }

    private readonly byte[] _data;
    private readonly int _channels;

    private Png(int width, int height, byte colorType, int channels, byte[] data)
    {
        Width = width;
        Height = height;
        ColorType = colorType;
        _channels = channels;
        _data = data;
    }

    public int Width { get; }
    public int Height { get; }
    public byte ColorType { get; }

    public Pixel PixelAt(int x, int y)
    {
        var o = (y * Width + x) * _channels;
        return ColorType switch
        {
            Gray => new(_data[o], _data[o], _data[o], 255),
            GrayAlpha => new(_data[o], _data[o], _data[o], _data[o + 1]),
            Rgb => new(_data[o], _data[o + 1], _data[o + 2], 255),
            _ => new(_data[o], _data[o + 1], _data[o + 2], _data[o + 3]),
        };
    }

    public IEnumerable<Pixel> Pixels()
    {
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++) yield return PixelAt(x, y);
        }
    }

    public static Png Decode(string path)
    {
        var (width, height) = SizeOf(path);
        var bytes = File.ReadAllBytes(path);
        var bitDepth = bytes[24];
        var colorType = bytes[25];
        var interlace = bytes[28];
        Assert.Equal(8, bitDepth);
        Assert.Equal(0, interlace);
        var channels = colorType switch { Gray => 1, Rgb => 3, GrayAlpha => 2, Rgba => 4, _ => 0 };
        Assert.True(channels > 0, $"{path}: colour type {colorType} is not one this reader handles");

        using var compressed = new MemoryStream();
        for (var offset = 8; offset + 12 <= bytes.Length;)
        {
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(offset));
            var type = Encoding.ASCII.GetString(bytes, offset + 4, 4);
            if (type == "IDAT") compressed.Write(bytes, offset + 8, length);
            if (type == "IEND") break;
            offset += 12 + length;
        }
        compressed.Position = 0;
        using var inflated = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionMode.Decompress)) zlib.CopyTo(inflated);
        var filtered = inflated.ToArray();

        var stride = width * channels;
        Assert.Equal(height * (stride + 1), filtered.Length);
        var pixels = new byte[height * stride];
        for (var y = 0; y < height; y++)
        {
            var filter = filtered[y * (stride + 1)];
            Assert.InRange(filter, (byte)0, (byte)4);
            for (var i = 0; i < stride; i++)
            {
                int left = i >= channels ? pixels[y * stride + i - channels] : 0;
                int up = y > 0 ? pixels[(y - 1) * stride + i] : 0;
                int upLeft = i >= channels && y > 0 ? pixels[(y - 1) * stride + i - channels] : 0;
                var predictor = filter switch
                {
                    1 => left,
                    2 => up,
                    3 => (left + up) / 2,
                    4 => Paeth(left, up, upLeft),
                    _ => 0,
                };
                pixels[y * stride + i] = (byte)(filtered[y * (stride + 1) + 1 + i] + predictor);
            }
        }
        return new Png(width, height, colorType, channels, pixels);
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
