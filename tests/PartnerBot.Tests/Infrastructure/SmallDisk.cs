using System.Diagnostics;

namespace PartnerBot.Tests.Infrastructure;

/// <summary>
/// A folder of its own on a small RAM disk (tmpfs), so a test can fill it to the last byte, mark files immutable,
/// or damage them, without touching anything else on the machine. Mounting needs root (or CAP_SYS_ADMIN); where
/// that is missing, the tests that need it are skipped with the reason (<see cref="SmallDiskFactAttribute"/>).
/// </summary>
public sealed class SmallDisk : IDisposable
{
    private static readonly Lazy<string?> Unavailable = new(() =>
    {
        if (!OperatingSystem.IsLinux()) return "a tmpfs mount needs Linux";
        try
        {
            using var probe = new SmallDisk(1);
            return null;
        }
        catch (Exception exception) when (exception is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return "mounting a tmpfs is not permitted here (it needs root or CAP_SYS_ADMIN): " + exception.Message;
        }
    });

    /// <summary>Why no small disk can be made on this machine, or null when one can.</summary>
    public static string? WhyUnavailable => Unavailable.Value;

    public SmallDisk(int megabytes)
    {
        Path = TestDirectory.Create();
        try
        {
            Run("mount", "-t", "tmpfs", "-o", $"size={megabytes}m,mode=0700", "tmpfs", Path);
        }
        catch
        {
            TestDirectory.TryDelete(Path);
            throw;
        }
    }

    public string Path { get; }

    /// <summary>Writes a file until the disk has no byte left.</summary>
    public void Fill()
    {
        using var filler = new FileStream(System.IO.Path.Combine(Path, "filler"), FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0);
        var block = new byte[1 << 16];
        try
        {
            while (true) filler.Write(block);
        }
        catch (IOException)
        {
            // No space left on the device.
        }
        try
        {
            while (true) filler.Write(block, 0, 1);
        }
        catch (IOException)
        {
        }
    }

    public void Free() => File.Delete(System.IO.Path.Combine(Path, "filler"));

    /// <summary>Sets or clears the immutable attribute: not even root may open the file for writing.</summary>
    public static void Immutable(string file, bool on) => Run("chattr", on ? "+i" : "-i", file);

    public void Dispose()
    {
        foreach (var file in Directory.EnumerateFiles(Path))
        {
            try
            {
                Immutable(file, false);
            }
            catch (InvalidOperationException)
            {
            }
        }
        try
        {
            Run("umount", "-l", Path);
        }
        catch (InvalidOperationException)
        {
        }
        TestDirectory.TryDelete(Path);
    }

    private static void Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed: {error.Trim()}");
    }
}

/// <summary>A fact that needs a <see cref="SmallDisk"/>; skipped, with the reason, where none can be mounted.</summary>
public sealed class SmallDiskFactAttribute : FactAttribute
{
    public SmallDiskFactAttribute()
    {
        if (SmallDisk.WhyUnavailable is { } reason) Skip = reason;
    }
}
