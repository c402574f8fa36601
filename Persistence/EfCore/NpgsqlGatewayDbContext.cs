using EfaGateway.Core.Deliveries;
using EfaGateway.Persistence.Model;
using Microsoft.EntityFrameworkCore;

namespace EfaGateway.Persistence;

/// <summary>Production: several hosts on one PostgreSQL database; deliveries are claimed with row locks.</summary>
public sealed class NpgsqlGatewayDbContext(DbContextOptions<NpgsqlGatewayDbContext> options) : GatewayDbContext(options)
{
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder, string connectionString) =>
        builder.UseNpgsql(connectionString);

    // SKIP LOCKED: a row another host is claiming right now is passed over instead of waited for, so workers never
    // queue behind each other. Not composed with LINQ: EF would wrap it in a subquery and move the lock. The states are
    // literals, not parameters: PostgreSQL can use the partial due index only when it can prove the query implies the
    // index's predicate, which a generic plan with parameters does not allow.
    internal const string ClaimSql = "SELECT * FROM \"Deliveries\" WHERE " + DeliveryConfiguration.DueFilter
        + " AND \"NextAttemptAt\" <= {0} ORDER BY \"NextAttemptAt\", \"CreatedAt\" LIMIT 1 FOR UPDATE SKIP LOCKED";

    internal override async Task<Delivery?> LockNextDueDeliveryAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var rows = await Deliveries.FromSqlRaw(ClaimSql, now).AsNoTracking().ToListAsync(cancellationToken);
        return rows.Count == 0 ? null : rows[0];
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        // Byte order for blob keys: prefix scans (LIKE 'prefix%') can use the primary key index under "C" collation.
        builder.Entity<BlobRecord>().Property(b => b.Key).UseCollation("C");
    }
}
