using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Assistant.Bot.Storage;
using Microsoft.AspNetCore.WebUtilities;
using Npgsql;

namespace Assistant.Bot.Progress;

/// <summary>What a unit's secret opens: the API (X-Api-Key, staff of that unit) or its calendar feed link.</summary>
public static class SecretPurpose
{
    public const string Api = "api";
    public const string Calendar = "calendar";
}

public sealed record UnitSecretInfo(string Id, string Unit, string Purpose, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

/// <summary>
/// Per-unit secrets: staff keys (<c>staff key create 区城市管理委</c>) and calendar links. Only a SHA-256 of each is stored;
/// the secret itself is shown once, when it is made.
/// </summary>
public interface IUnitSecretStore
{
    Task<(UnitSecretInfo Info, string Secret)> CreateAsync(string unit, string purpose, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>The unit a presented secret belongs to, when it is one of that purpose and not revoked.</summary>
    Task<string?> UnitOfAsync(string secret, string purpose, CancellationToken cancellationToken);

    /// <summary>Revokes one secret by id, or every secret of <paramref name="unit"/> for the purpose; returns how many.</summary>
    Task<int> RevokeAsync(string? id, string? unit, string purpose, DateTimeOffset at, CancellationToken cancellationToken);

    Task<IReadOnlyList<UnitSecretInfo>> ListAsync(CancellationToken cancellationToken);
}

internal static class UnitSecret
{
    /// <summary>32 random bytes, URL-safe (43 characters): fits a header and a calendar URL.</summary>
    public static string New() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret.Trim())));

    public static string NewId() => Guid.NewGuid().ToString("n")[..12];
}

internal sealed class SqliteUnitSecretStore(SqliteDatabase database) : IUnitSecretStore
{
    public async Task<(UnitSecretInfo Info, string Secret)> CreateAsync(string unit, string purpose, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var secret = UnitSecret.New();
        var info = new UnitSecretInfo(UnitSecret.NewId(), unit, purpose, at, null);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO unit_secrets (id, unit, purpose, secret_hash, created_at) VALUES ($id, $unit, $purpose, $hash, $at)";
        command.Parameters.AddWithValue("$id", info.Id);
        command.Parameters.AddWithValue("$unit", unit);
        command.Parameters.AddWithValue("$purpose", purpose);
        command.Parameters.AddWithValue("$hash", UnitSecret.Hash(secret));
        command.Parameters.AddWithValue("$at", Time(at));
        await command.ExecuteNonQueryAsync(cancellationToken);
        return (info, secret);
    }

    public async Task<string?> UnitOfAsync(string secret, string purpose, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken, durable: false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT unit FROM unit_secrets WHERE secret_hash = $hash AND purpose = $purpose AND revoked_at IS NULL";
        command.Parameters.AddWithValue("$hash", UnitSecret.Hash(secret));
        command.Parameters.AddWithValue("$purpose", purpose);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    public async Task<int> RevokeAsync(string? id, string? unit, string purpose, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE unit_secrets SET revoked_at = $at
            WHERE revoked_at IS NULL AND purpose = $purpose AND ($id IS NULL OR id = $id) AND ($unit IS NULL OR unit = $unit)
              AND ($id IS NOT NULL OR $unit IS NOT NULL)
            """;
        command.Parameters.AddWithValue("$at", Time(at));
        command.Parameters.AddWithValue("$purpose", purpose);
        command.Parameters.AddWithValue("$id", (object?)id ?? DBNull.Value);
        command.Parameters.AddWithValue("$unit", (object?)unit ?? DBNull.Value);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<UnitSecretInfo>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, unit, purpose, created_at, revoked_at FROM unit_secrets ORDER BY created_at";
        var list = new List<UnitSecretInfo>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new UnitSecretInfo(reader.GetString(0), reader.GetString(1), reader.GetString(2), Parse(reader.GetString(3)),
                reader.IsDBNull(4) ? null : Parse(reader.GetString(4))));
        }

        return list;
    }

    private static string Time(DateTimeOffset t) => t.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset Parse(string s) => DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}

internal sealed class PostgresUnitSecretStore(PostgresDatabase database) : IUnitSecretStore
{
    public async Task<(UnitSecretInfo Info, string Secret)> CreateAsync(string unit, string purpose, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var secret = UnitSecret.New();
        var info = new UnitSecretInfo(UnitSecret.NewId(), unit, purpose, at, null);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "INSERT INTO unit_secrets (id, unit, purpose, secret_hash, created_at) VALUES (@id, @unit, @purpose, @hash, @at)", connection);
        command.Parameters.AddWithValue("id", info.Id);
        command.Parameters.AddWithValue("unit", unit);
        command.Parameters.AddWithValue("purpose", purpose);
        command.Parameters.AddWithValue("hash", UnitSecret.Hash(secret));
        command.Parameters.AddWithValue("at", at.ToUniversalTime());
        await command.ExecuteNonQueryAsync(cancellationToken);
        return (info, secret);
    }

    public async Task<string?> UnitOfAsync(string secret, string purpose, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT unit FROM unit_secrets WHERE secret_hash = @hash AND purpose = @purpose AND revoked_at IS NULL", connection);
        command.Parameters.AddWithValue("hash", UnitSecret.Hash(secret));
        command.Parameters.AddWithValue("purpose", purpose);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    public async Task<int> RevokeAsync(string? id, string? unit, string purpose, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (id is null && unit is null)
        {
            return 0;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            $"UPDATE unit_secrets SET revoked_at = @at WHERE revoked_at IS NULL AND purpose = @purpose{(id is null ? "" : " AND id = @id")}{(unit is null ? "" : " AND unit = @unit")}",
            connection);
        command.Parameters.AddWithValue("at", at.ToUniversalTime());
        command.Parameters.AddWithValue("purpose", purpose);
        if (id is not null)
        {
            command.Parameters.AddWithValue("id", id);
        }

        if (unit is not null)
        {
            command.Parameters.AddWithValue("unit", unit);
        }

        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<UnitSecretInfo>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT id, unit, purpose, created_at, revoked_at FROM unit_secrets ORDER BY created_at", connection);
        var list = new List<UnitSecretInfo>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new UnitSecretInfo(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3),
                reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4)));
        }

        return list;
    }
}
