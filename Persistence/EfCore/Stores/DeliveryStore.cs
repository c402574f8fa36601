using EfaGateway.Core.Deliveries;
using EfaGateway.Core.Ports;
using EfaGateway.Core.Postkorb;
using Microsoft.EntityFrameworkCore;

namespace EfaGateway.Persistence.Stores;

/// <summary>
/// Deliveries and their claiming. Like every store here it works with a fresh DbContext per operation: reads are
/// never served from a change tracker filled by an earlier call (no stale entities when a scope reads the same delivery
/// twice), and the entities handed to Core are plain detached objects whose saves are explicit.
/// </summary>
public sealed class DeliveryStore(IDbContextFactory<GatewayDbContext> contexts) : IDeliveryStore
{
    public async Task<Delivery?> ClaimNextDueAsync(string workerId, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var delivery = await db.LockNextDueDeliveryAsync(now, cancellationToken);
        if (delivery is null)
        {
            await transaction.CommitAsync(cancellationToken);
            return null;
        }

        var readVersion = delivery.Version;
        delivery.Claim(workerId, now, lease);
        await DeliveryRowWriter.UpdateAsync(db, delivery, readVersion, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        DeliveryVersions.Remember(delivery);
        return delivery;
    }

    public async Task SaveAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await DeliveryRowWriter.UpdateAsync(db, delivery, DeliveryVersions.ReadVersionOf(delivery), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        DeliveryVersions.Remember(delivery);
    }

    // A lost version race rolls the item back with the outcome.
    public Task SaveWithPostkorbItemAsync(Delivery delivery, PostkorbItem item, CancellationToken cancellationToken) =>
        SaveTogetherAsync(delivery, db => db.PostkorbItems.Add(item), cancellationToken);

    // The link and the new delivery exist together or not at all.
    public async Task AddFallbackAsync(Delivery deadLettered, Delivery fallback, CancellationToken cancellationToken)
    {
        await SaveTogetherAsync(deadLettered, db => db.Deliveries.Add(fallback), cancellationToken);
        DeliveryVersions.Remember(fallback);
    }

    /// <summary>Saves a changed delivery and what <paramref name="add"/> adds in one transaction (a lost race rolls back both).</summary>
    private async Task SaveTogetherAsync(Delivery delivery, Action<GatewayDbContext> add, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await DeliveryRowWriter.UpdateAsync(db, delivery, DeliveryVersions.ReadVersionOf(delivery), cancellationToken);
        add(db);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        DeliveryVersions.Remember(delivery);
    }

    public async Task<Delivery?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var delivery = await db.Deliveries.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (delivery is not null)
        {
            DeliveryVersions.Remember(delivery);
        }

        return delivery;
    }

    public Task<IReadOnlyList<Delivery>> ListForSubmissionAsync(Guid submissionId, CancellationToken cancellationToken) =>
        ListAsync(q => q.Where(d => d.SubmissionId == submissionId).OrderBy(d => d.CreatedAt), cancellationToken);

    public Task<IReadOnlyList<Delivery>> ListExpiredLeasesAsync(DateTimeOffset now, int max, CancellationToken cancellationToken) =>
        ListAsync(q => q.Where(d => d.State == DeliveryState.InFlight && d.LeaseExpiresAt <= now)
            .OrderBy(d => d.LeaseExpiresAt)
            .Take(max), cancellationToken);

    public Task<IReadOnlyList<Delivery>> ListAwaitingReceiptAsync(int skip, int take, CancellationToken cancellationToken) =>
        ListAsync(q => q.Where(d => d.State == DeliveryState.Delivered).OrderBy(d => d.DeliveredAt).ThenBy(d => d.Id).Skip(skip).Take(take),
            cancellationToken);

    public Task<IReadOnlyList<Delivery>> ListAwaitingReceiptAsync(string transportId, string tenantId, string processId, int take,
        CancellationToken cancellationToken) =>
        ListAsync(q => q.Where(d => d.State == DeliveryState.Delivered && d.TransportId == transportId && d.TenantId == tenantId
                && d.ProcessId == processId)
            .OrderBy(d => d.DeliveredAt).ThenBy(d => d.Id).Take(take), cancellationToken);

    public Task<IReadOnlyList<Delivery>> ListDeadLetteredAsync(string tenantId, CancellationToken cancellationToken) =>
        ListAsync(q => q.Where(d => d.TenantId == tenantId && d.State == DeliveryState.DeadLettered)
            .OrderBy(d => d.DeadLetteredAt), cancellationToken);

    private async Task<IReadOnlyList<Delivery>> ListAsync(Func<IQueryable<Delivery>, IQueryable<Delivery>> query,
        CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var deliveries = await query(db.Deliveries.AsNoTracking()).ToListAsync(cancellationToken);
        DeliveryVersions.Remember(deliveries);
        return deliveries;
    }
}
