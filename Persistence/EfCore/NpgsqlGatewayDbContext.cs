using EfaGateway.Core.Deliveries;
using EfaGateway.Persistence.Model;
using Microsoft.EntityFrameworkCore;

namespace EfaGateway.Persistence;

/// <summary>Production: several hosts on one PostgreSQL database; deliveries are claimed with row locks.</summary>
public sealed class NpgsqlGatewayDbContext(DbContextOptions<NpgsqlGatewayDbContext> options) : GatewayDbContext(options)
{
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder, string connectionString) =>
        builder.UseNpgsql(connectionString);

    internal override async Task<Delivery?> LockNextDueDeliveryAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var pending = nameof(DeliveryState.Pending);
        var retrying = nameof(DeliveryState.Retrying);

        // SKIP LOCKED: a row another host is claiming right now is passed over instead of waited for, so workers never
        // queue behind each other. Not composed with LINQ: EF would wrap it in a subquery and move the lock.
        var rows = await Deliveries
            .FromSql($"""
                SELECT * FROM "Deliveries"
                WHERE "State" IN ({pending}, {retrying}) AND "NextAttemptAt" <= {now}
                ORDER BY "NextAttemptAt", "CreatedAt"
                LIMIT 1
                FOR UPDATE SKIP LOCKED
                """)
            .AsTracking()
            .ToListAsync(cancellationToken);
        return rows.Count == 0 ? null : rows[0];
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        // Byte order for blob keys: prefix scans (LIKE 'prefix%') can use the primary key index under "C" collation.
        builder.Entity<BlobRecord>().Property(b => b.Key).UseCollation("C");
    }
}
