using System.Text.Json;
using Assistant.Bot.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Assistant.Bot.Channels.BotFramework;

/// <summary>An acknowledged activity not yet answered, as stored: its row id and the activity.</summary>
internal sealed record InboxEntry(long Id, Activity Activity);

/// <summary>
/// Activities acknowledged (200) but not yet answered, in the database: a message is stored before the channel hears
/// 200 and deleted once answered, so an instance that dies in between leaves it for a restart (or, on PostgreSQL, for
/// another instance) to answer. Each entry is leased by the instance answering it; the instance renews its leases while
/// it lives, and an entry whose lease ran out belongs to nobody.
/// </summary>
internal interface IActivityInbox
{
    /// <summary>Stores the activity, leased to <paramref name="owner"/> for <paramref name="lease"/>; committed on return.</summary>
    Task<InboxEntry> AddAsync(Activity activity, string owner, TimeSpan lease, CancellationToken cancellationToken);

    Task RemoveAsync(long id, CancellationToken cancellationToken);

    /// <summary>Extends every lease <paramref name="owner"/> holds to <paramref name="lease"/> from now.</summary>
    Task RenewAsync(string owner, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>Takes over entries nobody answers (lease run out), oldest first, at most <paramref name="max"/>.</summary>
    Task<IReadOnlyList<InboxEntry>> ClaimOrphansAsync(string owner, TimeSpan lease, int max, CancellationToken cancellationToken);
}

/// <summary>The inbox in SQLite. One instance uses the file, so anything another process left is an orphan at once.</summary>
internal sealed class SqliteActivityInbox(SqliteDatabase database, TimeProvider clock) : IActivityInbox
{
    public async Task<InboxEntry> AddAsync(Activity activity, string owner, TimeSpan lease, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var insert = connection.CreateCommand();
        insert.CommandText = """
            INSERT INTO botframework_inbox (activity, owner, lease_until, received_at) VALUES ($activity, $owner, $lease, $now)
            RETURNING id
            """;
        insert.Parameters.AddWithValue("$activity", JsonSerializer.Serialize(activity, ActivityJson.Options));
        insert.Parameters.AddWithValue("$owner", owner);
        insert.Parameters.AddWithValue("$lease", Now() + (long)lease.TotalMilliseconds);
        insert.Parameters.AddWithValue("$now", Now());
        return new InboxEntry((long)(await insert.ExecuteScalarAsync(cancellationToken))!, activity);
    }

    public async Task RemoveAsync(long id, CancellationToken cancellationToken)
    {
        // Deleting an answered entry need not wait for the disk: lost, it costs a repeated answer, not a missing one.
        await using var connection = await database.OpenAsync(cancellationToken, durable: false);
        await using var delete = connection.CreateCommand();
        delete.CommandText = "DELETE FROM botframework_inbox WHERE id = $id";
        delete.Parameters.AddWithValue("$id", id);
        await delete.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task RenewAsync(string owner, TimeSpan lease, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken, durable: false);
        await using var update = connection.CreateCommand();
        update.CommandText = "UPDATE botframework_inbox SET lease_until = $lease WHERE owner = $owner";
        update.Parameters.AddWithValue("$owner", owner);
        update.Parameters.AddWithValue("$lease", Now() + (long)lease.TotalMilliseconds);
        await update.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<InboxEntry>> ClaimOrphansAsync(string owner, TimeSpan lease, int max, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var claim = connection.CreateCommand();
        claim.CommandText = """
            UPDATE botframework_inbox SET owner = $owner, lease_until = $lease
            WHERE id IN (SELECT id FROM botframework_inbox WHERE owner <> $owner OR lease_until < $now ORDER BY id LIMIT $max)
            RETURNING id, activity
            """;
        claim.Parameters.AddWithValue("$owner", owner);
        claim.Parameters.AddWithValue("$lease", Now() + (long)lease.TotalMilliseconds);
        claim.Parameters.AddWithValue("$now", Now());
        claim.Parameters.AddWithValue("$max", max);
        return await ActivityInboxSchema.ReadEntriesAsync(await claim.ExecuteReaderAsync(cancellationToken), cancellationToken);
    }

    private long Now() => clock.GetUtcNow().ToUnixTimeMilliseconds();
}

/// <summary>
/// The inbox in PostgreSQL, shared by every instance; a live instance's leases are left alone. Lease times are the
/// database server's clock, so instances whose clocks disagree still agree on which leases ran out.
/// </summary>
internal sealed class PostgresActivityInbox(PostgresDatabase database) : IActivityInbox
{
    public async Task<InboxEntry> AddAsync(Activity activity, string owner, TimeSpan lease, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var insert = new NpgsqlCommand("""
            INSERT INTO botframework_inbox (activity, owner, lease_until, received_at) VALUES (@activity, @owner, now() + @lease, now())
            RETURNING id
            """, connection);
        insert.Parameters.AddWithValue("activity", NpgsqlDbType.Jsonb, JsonSerializer.Serialize(activity, ActivityJson.Options));
        insert.Parameters.AddWithValue("owner", owner);
        insert.Parameters.AddWithValue("lease", lease);
        return new InboxEntry((long)(await insert.ExecuteScalarAsync(cancellationToken))!, activity);
    }

    public async Task RemoveAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var delete = new NpgsqlCommand("DELETE FROM botframework_inbox WHERE id = @id", connection);
        delete.Parameters.AddWithValue("id", id);
        await delete.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task RenewAsync(string owner, TimeSpan lease, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var update = new NpgsqlCommand("UPDATE botframework_inbox SET lease_until = now() + @lease WHERE owner = @owner", connection);
        update.Parameters.AddWithValue("owner", owner);
        update.Parameters.AddWithValue("lease", lease);
        await update.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<InboxEntry>> ClaimOrphansAsync(string owner, TimeSpan lease, int max, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        // SKIP LOCKED: two instances sweeping at once take different entries, never the same one twice.
        await using var claim = new NpgsqlCommand("""
            UPDATE botframework_inbox SET owner = @owner, lease_until = now() + @lease
            WHERE id IN (SELECT id FROM botframework_inbox WHERE lease_until < now() ORDER BY id LIMIT @max FOR UPDATE SKIP LOCKED)
            RETURNING id, activity::text
            """, connection);
        claim.Parameters.AddWithValue("owner", owner);
        claim.Parameters.AddWithValue("lease", lease);
        claim.Parameters.AddWithValue("max", max);
        return await ActivityInboxSchema.ReadEntriesAsync(await claim.ExecuteReaderAsync(cancellationToken), cancellationToken);
    }
}

internal sealed class ActivityInboxSchema : ISqliteSchema, IPostgresSchema
{
    IEnumerable<Migration> ISqliteSchema.Migrations =>
    [
        new("botframework-inbox-001", """
            CREATE TABLE botframework_inbox (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                activity TEXT NOT NULL,
                owner TEXT NOT NULL,
                lease_until INTEGER NOT NULL,
                received_at INTEGER NOT NULL);
            """),
    ];

    IEnumerable<Migration> IPostgresSchema.Migrations =>
    [
        new("botframework-inbox-001", """
            CREATE TABLE botframework_inbox (
                id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                activity    jsonb NOT NULL,
                owner       text NOT NULL,
                lease_until timestamptz NOT NULL,
                received_at timestamptz NOT NULL);
            CREATE INDEX botframework_inbox_owner ON botframework_inbox (owner);
            CREATE INDEX botframework_inbox_lease ON botframework_inbox (lease_until);
            """),
    ];

    /// <summary>Claimed entries, oldest first (RETURNING gives no order), so a conversation's messages stay in order.</summary>
    internal static async Task<IReadOnlyList<InboxEntry>> ReadEntriesAsync(System.Data.Common.DbDataReader reader, CancellationToken cancellationToken)
    {
        await using (reader)
        {
            var entries = new List<InboxEntry>();
            while (await reader.ReadAsync(cancellationToken))
            {
                var activity = JsonSerializer.Deserialize<Activity>(reader.GetString(1), ActivityJson.Options);
                if (activity is not null)
                {
                    entries.Add(new InboxEntry(reader.GetInt64(0), activity));
                }
            }

            return entries.OrderBy(e => e.Id).ToList();
        }
    }
}
