using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Assistant.Bot.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Assistant.Bot.Security;

/// <summary>
/// The operator page's sessions, kept on the server: the cookie carries a random session id, and the session is good
/// only while its row is in the database (every instance sees the same rows). "退出" deletes the row, so a copied cookie
/// is worthless afterwards; and every session ends <c>Assistant:Auth:SessionAbsoluteHours</c> after its login, however
/// often the cookie renewed itself in between.
/// </summary>
public sealed class OperatorSessions(IOperatorSessionStore store, IOptions<AuthOptions> options, TimeProvider clock)
{
    /// <summary>The claim holding the session id.</summary>
    public const string SessionClaim = "assistant:session";

    /// <summary>Records a new session and signs the caller in with it.</summary>
    public async Task SignInAsync(HttpContext http, string name, string role, params Claim[] claims)
    {
        var id = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var now = clock.GetUtcNow();
        await store.AddAsync(Key(id), now, now.AddHours(options.Value.SessionAbsoluteHours), http.RequestAborted);
        var principal = AuthSchemes.Principal(AuthSchemes.Session, name, role, [.. claims, new Claim(SessionClaim, id)]);
        await http.SignInAsync(AuthSchemes.Session, principal);
    }

    /// <summary>Ends the caller's session on the server (if the cookie names one) and clears the cookie.</summary>
    public async Task SignOutAsync(HttpContext http)
    {
        var result = await http.AuthenticateAsync(AuthSchemes.Session);
        if (result.Principal?.FindFirst(SessionClaim)?.Value is { } id)
        {
            await store.RemoveAsync(Key(id), CancellationToken.None);
        }

        await http.SignOutAsync(AuthSchemes.Session);
    }

    /// <summary>True while the principal's session is recorded and within its absolute lifetime.</summary>
    public async Task<bool> IsActiveAsync(ClaimsPrincipal? principal, CancellationToken cancellationToken) =>
        principal?.FindFirst(SessionClaim)?.Value is { Length: > 0 and <= 100 } id
        && await store.IsActiveAsync(Key(id), clock.GetUtcNow(), cancellationToken);

    /// <summary>Only a hash is stored: the database alone never yields a session id.</summary>
    private static string Key(string id) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id)));
}

/// <summary>Recorded operator sessions, by the hash of their id.</summary>
public interface IOperatorSessionStore
{
    Task AddAsync(string key, DateTimeOffset createdAt, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    Task<bool> IsActiveAsync(string key, DateTimeOffset now, CancellationToken cancellationToken);

    Task RemoveAsync(string key, CancellationToken cancellationToken);

    /// <summary>Deletes sessions past their absolute lifetime; returns how many.</summary>
    Task<int> DeleteExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken);
}

internal sealed class OperatorSessionSchema : ISqliteSchema, IPostgresSchema
{
    IEnumerable<Migration> ISqliteSchema.Migrations =>
    [
        new("sessions-001", """
            CREATE TABLE operator_sessions (
                id TEXT PRIMARY KEY,
                created_at INTEGER NOT NULL,
                expires_at INTEGER NOT NULL
            ) WITHOUT ROWID;
            CREATE INDEX operator_sessions_expires ON operator_sessions (expires_at);
            """),
    ];

    IEnumerable<Migration> IPostgresSchema.Migrations =>
    [
        new("sessions-001", """
            CREATE TABLE operator_sessions (
                id         text PRIMARY KEY,
                created_at timestamptz NOT NULL,
                expires_at timestamptz NOT NULL);
            CREATE INDEX operator_sessions_expires ON operator_sessions (expires_at);
            """),
    ];
}

internal sealed class SqliteOperatorSessionStore(SqliteDatabase database) : IOperatorSessionStore
{
    public Task AddAsync(string key, DateTimeOffset createdAt, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
        ExecuteAsync("INSERT INTO operator_sessions (id, created_at, expires_at) VALUES ($id, $created, $expires)", cancellationToken,
            ("$id", key), ("$created", createdAt.ToUnixTimeSeconds()), ("$expires", expiresAt.ToUnixTimeSeconds()));

    public async Task<bool> IsActiveAsync(string key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var select = connection.CreateCommand();
        select.CommandText = "SELECT 1 FROM operator_sessions WHERE id = $id AND expires_at > $now";
        select.Parameters.AddWithValue("$id", key);
        select.Parameters.AddWithValue("$now", now.ToUnixTimeSeconds());
        return await select.ExecuteScalarAsync(cancellationToken) is not null;
    }

    public Task RemoveAsync(string key, CancellationToken cancellationToken) =>
        ExecuteAsync("DELETE FROM operator_sessions WHERE id = $id", cancellationToken, ("$id", key));

    public Task<int> DeleteExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        ExecuteAsync("DELETE FROM operator_sessions WHERE expires_at <= $now", cancellationToken, ("$now", now.ToUnixTimeSeconds()));

    private async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

internal sealed class PostgresOperatorSessionStore(PostgresDatabase database) : IOperatorSessionStore
{
    public Task AddAsync(string key, DateTimeOffset createdAt, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
        ExecuteAsync("INSERT INTO operator_sessions (id, created_at, expires_at) VALUES (@id, @created, @expires)", cancellationToken,
            ("id", key), ("created", createdAt.ToUniversalTime()), ("expires", expiresAt.ToUniversalTime()));

    public async Task<bool> IsActiveAsync(string key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var select = new NpgsqlCommand("SELECT 1 FROM operator_sessions WHERE id = @id AND expires_at > @now", connection);
        select.Parameters.AddWithValue("id", key);
        select.Parameters.AddWithValue("now", now.ToUniversalTime());
        return await select.ExecuteScalarAsync(cancellationToken) is not null;
    }

    public Task RemoveAsync(string key, CancellationToken cancellationToken) =>
        ExecuteAsync("DELETE FROM operator_sessions WHERE id = @id", cancellationToken, ("id", key));

    public Task<int> DeleteExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        ExecuteAsync("DELETE FROM operator_sessions WHERE expires_at <= @now", cancellationToken, ("now", now.ToUniversalTime()));

    private async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

/// <summary>Deletes sessions past their absolute lifetime (they are refused anyway; this keeps the table small).</summary>
internal sealed class OperatorSessionSweep(IOperatorSessionStore store, TimeProvider clock, ILogger<OperatorSessionSweep> logger)
    : Hosting.RetentionSweep(clock, logger)
{
    protected override string What => "expired operator sessions";

    protected override Task<int> DeleteAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        store.DeleteExpiredAsync(now, cancellationToken);
}
