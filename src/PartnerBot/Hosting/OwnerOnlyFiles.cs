namespace PartnerBot.Hosting;

/// <summary>
/// Creates files and folders that only the app's own user can read: keys and the database must not be readable
/// by other accounts on the machine, whatever the umask says.
/// </summary>
public static class OwnerOnlyFiles
{
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    public const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Creates the folder (owner-only) when it does not exist; an existing folder is left as the operator made it.</summary>
    public static void EnsureDirectory(string directory)
    {
        if (string.IsNullOrEmpty(directory) || Directory.Exists(directory)) return;
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(directory);
        else Directory.CreateDirectory(directory, DirectoryMode);
    }

    /// <summary>Writes a new file readable by the owner only; fails if the file already exists (never overwrites a key).</summary>
    public static void CreateNew(string path, ReadOnlySpan<byte> content)
    {
        EnsureDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var options = new FileStreamOptions { Mode = System.IO.FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = FileMode;
        using var stream = new FileStream(path, options);
        stream.Write(content);
        stream.Flush(flushToDisk: true);
    }
}
