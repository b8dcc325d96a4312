using System.Text;
using Npgsql;

namespace Assistant.Bot.Storage;

/// <summary>Secrets as files in the data folder (owner-only on Unix): the embedded default.</summary>
internal sealed class FileSecretStore(string dataDirectory) : ISecretStore
{
    public string Describe(string name) => Path.Combine(dataDirectory, name);

    public string GetOrCreate(string name, Func<string> create, out bool created)
    {
        created = false;
        var path = Describe(name);
        if (!File.Exists(path))
        {
            var value = create();
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            try
            {
                // CreateNew is O_EXCL: of processes starting at once, exactly one creates the file.
                using var file = new FileStream(path, options);
                file.Write(Encoding.ASCII.GetBytes(value));
                file.Flush(flushToDisk: true);
                created = true;
                return value;
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process created it first: use theirs, so both agree.
            }
        }

        return ReadWritten(path);
    }

    /// <summary>The file's value, waiting briefly when it is still empty: the process that created it may not have written yet.</summary>
    private static string ReadWritten(string path)
    {
        for (var attempt = 0; ; attempt++)
        {
            var value = File.ReadAllText(path).Trim();
            if (value.Length > 0)
            {
                return value;
            }

            if (attempt == 100)
            {
                throw new InvalidDataException($"{path} is empty: delete it, and a new value is generated on the next start.");
            }

            Thread.Sleep(10);
        }
    }
}

/// <summary>Secrets in PostgreSQL, so every instance signs and checks with the same keys.</summary>
internal sealed class PostgresSecretStore(PostgresDatabase database) : ISecretStore
{
    public string Describe(string name) => $"table server_secrets, name '{name}' ({database.Description})";

    public string GetOrCreate(string name, Func<string> create, out bool created)
    {
        using var connection = database.Open();
        // The insert waits for a concurrent one of the same name and then does nothing; the select that follows (a new
        // snapshot) sees the winner's.
        using (var insert = new NpgsqlCommand(
            "INSERT INTO server_secrets (name, value) VALUES (@name, @value) ON CONFLICT (name) DO NOTHING RETURNING value", connection))
        {
            insert.Parameters.AddWithValue("name", name);
            insert.Parameters.AddWithValue("value", create());
            if (insert.ExecuteScalar() is string value)
            {
                created = true;
                return value;
            }
        }

        created = false;
        using var select = new NpgsqlCommand("SELECT value FROM server_secrets WHERE name = @name", connection);
        select.Parameters.AddWithValue("name", name);
        return (string)select.ExecuteScalar()!;
    }

    internal sealed class Schema : IPostgresSchema
    {
        public IEnumerable<Migration> Migrations =>
        [
            new("secrets-001", """
                CREATE TABLE server_secrets (
                    name       text PRIMARY KEY,
                    value      text NOT NULL,
                    created_at timestamptz NOT NULL DEFAULT now());
                """),
        ];
    }
}
