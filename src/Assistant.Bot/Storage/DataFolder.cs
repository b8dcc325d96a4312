namespace Assistant.Bot.Storage;

/// <summary>
/// The data folder holds complaint texts with phone numbers, secrets and the keys that seal sessions: on Unix it is
/// owner-only (folders 0700, files 0600) whatever the process umask. The folder and the database file are created with
/// those modes; SQLite gives its <c>-wal</c> and <c>-shm</c> files the database file's mode, so they follow. Every start
/// checks the whole folder, warns about anything others may read, and fixes it where it can.
/// </summary>
public static class DataFolder
{
    public const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>The folder (and any missing parent below it), created owner-only when missing.</summary>
    public static string CreateFolder(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else if (!Directory.Exists(path))
        {
            Directory.CreateDirectory(path, FolderMode);
        }

        return path;
    }

    /// <summary>An empty owner-only file, when missing: created before SQLite opens it, so SQLite's own files inherit the mode.</summary>
    public static void CreateFile(string path)
    {
        if (OperatingSystem.IsWindows() || File.Exists(path))
        {
            return;
        }

        try
        {
            using var _ = new FileStream(path, new FileStreamOptions
            {
                Mode = System.IO.FileMode.CreateNew,
                Access = FileAccess.Write,
                UnixCreateMode = FileMode,
            });
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created it first.
        }

        // The umask can only take bits away, but say it outright.
        File.SetUnixFileMode(path, FileMode);
    }

    /// <summary>
    /// Every entry in the folder (and the folder itself) whose mode lets anyone but the owner in: fixed to 0700/0600 when
    /// this process may change it (it owns the file), reported either way. Returns what was found.
    /// </summary>
    public static IReadOnlyList<string> Secure(string path, ILogger? logger = null)
    {
        var found = new List<string>();
        if (OperatingSystem.IsWindows() || !Directory.Exists(path))
        {
            return found;
        }

        Check(new DirectoryInfo(path), FolderMode, found, logger);
        foreach (var entry in new DirectoryInfo(path).EnumerateFileSystemInfos("*", new EnumerationOptions
                 {
                     RecurseSubdirectories = true,
                     IgnoreInaccessible = true,
                     AttributesToSkip = FileAttributes.ReparsePoint,
                 }))
        {
            Check(entry, entry is DirectoryInfo ? FolderMode : FileMode, found, logger);
        }

        return found;
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static void Check(FileSystemInfo entry, UnixFileMode wanted, List<string> found, ILogger? logger)
    {
        // Group and other bits only: an owner who chose fewer rights for themselves is no leak.
        const UnixFileMode others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
            | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute
            | UnixFileMode.SetUser | UnixFileMode.SetGroup | UnixFileMode.StickyBit;
        if (entry.LinkTarget is not null || (entry.UnixFileMode & others) == 0)
        {
            return;
        }

        found.Add(entry.FullName);
        var mode = entry.UnixFileMode;
        try
        {
            entry.UnixFileMode = wanted;
            logger?.LogWarning(
                "{Path} was readable by other users (mode {Mode}); changed to {Wanted}: the data folder holds complaints and secrets",
                entry.FullName, Octal(mode), Octal(wanted));
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            logger?.LogWarning(
                "{Path} is readable by other users (mode {Mode}) and this process cannot change it (not its owner): make it {Wanted}",
                entry.FullName, Octal(mode), Octal(wanted));
        }
    }

    private static string Octal(UnixFileMode mode) => Convert.ToString((int)mode, 8).PadLeft(4, '0');
}

/// <summary>Data-protection keys as files, made owner-only as soon as they are written (the repository uses the umask).</summary>
internal sealed class OwnerOnlyXmlRepository(Microsoft.AspNetCore.DataProtection.Repositories.IXmlRepository files, string folder)
    : Microsoft.AspNetCore.DataProtection.Repositories.IXmlRepository
{
    public IReadOnlyCollection<System.Xml.Linq.XElement> GetAllElements() => files.GetAllElements();

    public void StoreElement(System.Xml.Linq.XElement element, string friendlyName)
    {
        files.StoreElement(element, friendlyName);
        DataFolder.Secure(folder);
    }
}
