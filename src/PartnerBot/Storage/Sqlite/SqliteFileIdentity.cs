using System.Runtime.InteropServices;

namespace PartnerBot.Storage.Sqlite;

/// <summary>
/// Which file a path names now: its device and inode, read with Linux's <c>statx</c> (whose layout is the same on
/// every architecture). A file moved over the database gets a new inode though its name, size and even its content
/// may match; a look at the content through SQLite cannot tell, because SQLite reads the new file through the old
/// file's write-ahead log still lying beside it. Null where the call does not exist (another OS, another C library):
/// the watch then compares content only.
/// </summary>
internal readonly record struct SqliteFileIdentity(ulong Inode, uint DeviceMajor, uint DeviceMinor)
{
    private const int AtFdCwd = -100;
    private const uint StatxIno = 0x100;
    private const int StatxSize = 256;
    private const int NoSuchFile = 2;

    private static bool _unsupported;

    // One buffer a thread: the look runs before every commit.
    [ThreadStatic] private static byte[]? _buffer;

    /// <summary>The identity of the file at <paramref name="path"/>; <see cref="Missing"/> when nothing is there; null when it cannot be known.</summary>
    public static SqliteFileIdentity? Of(string path)
    {
        if (_unsupported || !OperatingSystem.IsLinux()) return null;
        var buffer = _buffer ??= new byte[StatxSize];
        try
        {
            if (Statx(AtFdCwd, path, 0, StatxIno, buffer) != 0)
            {
                return Marshal.GetLastPInvokeError() == NoSuchFile ? Missing : null;
            }
        }
        catch (Exception exception) when (exception is EntryPointNotFoundException or DllNotFoundException)
        {
            _unsupported = true;
            return null;
        }
        // struct statx, in the machine's byte order: stx_ino at 32, stx_dev_major at 136, stx_dev_minor at 140.
        return new SqliteFileIdentity(
            MemoryMarshal.Read<ulong>(buffer.AsSpan(32)),
            MemoryMarshal.Read<uint>(buffer.AsSpan(136)),
            MemoryMarshal.Read<uint>(buffer.AsSpan(140)));
    }

    /// <summary>No file at the path.</summary>
    public static SqliteFileIdentity Missing { get; } = new(0, 0, 0);

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static extern int Statx(int directory, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, [Out] byte[] buffer);
}
