using System.Data.Common;
using System.Runtime.CompilerServices;
using EfaGateway.Core.Deliveries;
using EfaGateway.Persistence.Model;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace EfaGateway.Persistence;

/// <summary>The embedded default: one SQLite file in WAL mode.</summary>
public sealed class SqliteGatewayDbContext(DbContextOptions<SqliteGatewayDbContext> options) : GatewayDbContext(options)
{
    /// <summary>Applies the provider, the connection settings and the per-connection pragmas.</summary>
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder, string connectionString) =>
        builder.UseSqlite(PrepareConnectionString(connectionString)).AddInterceptors(SqlitePragmas.Instance, SqliteWriteGate.Instance);

    /// <summary>Normalises the connection string and creates the database file's directory (SQLite creates only the file).</summary>
    public static string PrepareConnectionString(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString) { ForeignKeys = true };
        var isFile = builder.Mode != SqliteOpenMode.Memory && !string.IsNullOrEmpty(builder.DataSource)
            && builder.DataSource != ":memory:" && !builder.DataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase);
        if (isFile && Path.GetDirectoryName(Path.GetFullPath(builder.DataSource)) is { Length: > 0 } directory)
        {
            Directory.CreateDirectory(directory);
        }

        return builder.ToString();
    }

    // No row locks in SQLite: the caller's transaction is BEGIN IMMEDIATE (Microsoft.Data.Sqlite's default for a
    // non-deferred transaction), so it holds the database's write lock from the start and claims are serialised.
    // INDEXED BY: without statistics SQLite prefers an index with an equality on State and then sorts every due row to
    // return one, so a claim cost grew with the queue (a third of a delivery's CPU at a backlog of a few thousand).
    internal const string ClaimSql = "SELECT * FROM \"Deliveries\" INDEXED BY \"" + DeliveryConfiguration.DueIndexName + "\" WHERE "
        + DeliveryConfiguration.DueFilter + " AND \"NextAttemptAt\" <= {0} ORDER BY \"NextAttemptAt\", \"CreatedAt\" LIMIT 1";

    internal override async Task<Delivery?> LockNextDueDeliveryAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        // The column holds UTC ticks (see ConfigureConventions); a raw parameter bypasses the converter.
        var rows = await Deliveries.FromSqlRaw(ClaimSql, now.UtcTicks).AsNoTracking().ToListAsync(cancellationToken);
        return rows.Count == 0 ? null : rows[0];
    }

    internal override async Task ScrubAfterDeletionAsync(CancellationToken cancellationToken)
    {
        // secure_delete (set per connection) zeroes deleted rows in the pages written since; the WAL still holds older
        // page images with the data until a checkpoint copies the pages back and TRUNCATE empties it. A reader can keep
        // the checkpoint busy for a moment, so it is tried a few times; if it stays busy, the next run completes it.
        var connection = Database.GetDbConnection();
        await Database.OpenConnectionAsync(cancellationToken);
        try
        {
            for (var attempt = 0; attempt < 20; attempt++)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                if (await reader.ReadAsync(cancellationToken) && reader.GetInt32(0) == 0)
                {
                    return;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
            }
        }
        finally
        {
            await Database.CloseConnectionAsync();
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no timestamp type and EF cannot compare or order DateTimeOffset stored as text there.
        // UTC ticks in an INTEGER column compare and sort correctly and lose no precision.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToUtcTicksConverter>();
    }

    /// <summary>Stores a DateTimeOffset as its UTC ticks; reads it back as UTC.</summary>
    internal sealed class DateTimeOffsetToUtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
        value => value.UtcTicks,
        ticks => new DateTimeOffset(ticks, TimeSpan.Zero));

    /// <summary>
    /// Per connection: wait for locks instead of failing with SQLITE_BUSY, WAL so readers never block the writer,
    /// synchronous=NORMAL (durable across process crashes, fast enough: DESIGN.md §8), foreign keys enforced, and
    /// secure_delete so deleted personal data is overwritten instead of lingering in free pages.
    /// </summary>
    private sealed class SqlitePragmas : DbConnectionInterceptor
    {
        public static readonly SqlitePragmas Instance = new();

        // The pragmas are settings of the native connection, which Microsoft.Data.Sqlite pools and hands out again on
        // the next Open; they are set once per native connection rather than on every Open (five statements parsed
        // and run per store operation were a visible share of a submit's CPU).
        private readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> prepared = [];

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
        {
            if (!NeedsPragmas(connection))
            {
                return;
            }

            using var command = CreateCommand(connection);
            command.ExecuteNonQuery();
            Remember(connection);
        }

        public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData,
            CancellationToken cancellationToken = default)
        {
            if (!NeedsPragmas(connection))
            {
                return;
            }

            await using var command = CreateCommand(connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
            Remember(connection);
        }

        private bool NeedsPragmas(DbConnection connection) =>
            connection is not SqliteConnection { Handle: { } handle } || !prepared.TryGetValue(handle, out _);

        private void Remember(DbConnection connection)
        {
            if (connection is SqliteConnection { Handle: { } handle })
            {
                prepared.AddOrUpdate(handle, Marker);
            }
        }

        private static readonly object Marker = new();

        private static DbCommand CreateCommand(DbConnection connection)
        {
            // The busy timeout follows the command timeout, so "Default Timeout" in the connection string governs both.
            var timeoutSeconds = connection is SqliteConnection sqlite ? sqlite.DefaultTimeout : 30;
            var command = connection.CreateCommand();
            command.CommandText =
                $"PRAGMA busy_timeout = {timeoutSeconds * 1000}; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; " +
                "PRAGMA foreign_keys = ON; PRAGMA secure_delete = ON;";
            return command;
        }
    }
}
