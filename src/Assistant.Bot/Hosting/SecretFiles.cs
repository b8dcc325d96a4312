using System.Text;

namespace Assistant.Bot.Hosting;

/// <summary>Secrets the server generates once and keeps in the data folder, readable by its own user only.</summary>
internal static class SecretFiles
{
    /// <summary>
    /// The file's trimmed content; when it is missing, <paramref name="create"/>'s value written with mode 0600
    /// (<paramref name="created"/> true). If another process creates it first, theirs is used, so both agree.
    /// </summary>
    public static string ReadOrCreate(string path, Func<string> create, out bool created)
    {
        created = false;
        if (File.Exists(path))
        {
            return File.ReadAllText(path).Trim();
        }

        var value = create();
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using var writer = new StreamWriter(path, Encoding.ASCII, options);
            writer.Write(value);
        }
        catch (IOException) when (File.Exists(path))
        {
            return File.ReadAllText(path).Trim();
        }

        created = true;
        return value;
    }
}
