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
        if (File.Exists(path))
        {
            return File.ReadAllText(path).Trim();
        }

        // Written in full under a temporary name, then linked into place unless another process got there first: nobody
        // ever reads a half-written file, and when two race, both use the winner's.
        var value = create();
        var temporary = $"{path}.{Guid.NewGuid():n}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var file = new FileStream(temporary, options))
        {
            file.Write(Encoding.ASCII.GetBytes(value));
            file.Flush(flushToDisk: true);
        }

        try
        {
            File.Move(temporary, path, overwrite: false);
            created = true;
            return value;
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary);
            return File.ReadAllText(path).Trim();
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
