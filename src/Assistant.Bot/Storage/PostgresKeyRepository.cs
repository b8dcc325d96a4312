using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Npgsql;

namespace Assistant.Bot.Storage;

/// <summary>
/// ASP.NET Core data-protection keys (which seal the operator page's session cookie) in PostgreSQL, so a session begun on
/// one instance is good on every other.
/// </summary>
internal sealed class PostgresKeyRepository(PostgresDatabase database) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var connection = database.Open();
        using var select = new NpgsqlCommand("SELECT xml FROM dataprotection_keys ORDER BY created_at", connection);
        using var reader = select.ExecuteReader();
        var elements = new List<XElement>();
        while (reader.Read())
        {
            elements.Add(XElement.Parse(reader.GetString(0)));
        }

        return elements;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var connection = database.Open();
        using var insert = new NpgsqlCommand("INSERT INTO dataprotection_keys (name, xml) VALUES (@name, @xml)", connection);
        insert.Parameters.AddWithValue("name", string.IsNullOrEmpty(friendlyName) ? Guid.NewGuid().ToString("n") : friendlyName);
        insert.Parameters.AddWithValue("xml", element.ToString(SaveOptions.DisableFormatting));
        insert.ExecuteNonQuery();
    }

    internal sealed class Schema : IPostgresSchema
    {
        public IEnumerable<Migration> Migrations =>
        [
            new("dataprotection-001", """
                CREATE TABLE dataprotection_keys (
                    name       text PRIMARY KEY,
                    xml        text NOT NULL,
                    created_at timestamptz NOT NULL DEFAULT now());
                """),
        ];
    }
}
