using EfaGateway.Core.Deliveries;
using EfaGateway.Core.Ports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace EfaGateway.Persistence.Stores;

/// <summary>
/// A tenant's rows, found through the model rather than a hand-kept list: every table with a <c>TenantId</c> column
/// is the tenant's, so a table added later is exported and deleted with the rest without anyone remembering it.
/// </summary>
public sealed class TenantDataStore(IDbContextFactory<GatewayDbContext> contexts) : ITenantDataStore
{
    private const string TenantColumn = "TenantId";

    public async Task<TenantBlobOwners> ListBlobOwnersAsync(string tenantId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return new TenantBlobOwners(
            await db.Submissions.Where(s => s.TenantId == tenantId).Select(s => s.Id).ToListAsync(cancellationToken),
            await db.PostkorbItems.Where(p => p.TenantId == tenantId).Select(p => p.Id).ToListAsync(cancellationToken),
            await db.Drafts.Where(d => d.TenantId == tenantId).Select(d => d.Id).ToListAsync(cancellationToken));
    }

    public async Task<IReadOnlyList<Delivery>> ListDeliveriesAsync(string tenantId, DeliveryListQuery query, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var deliveries = db.Deliveries.AsNoTracking().Where(d => d.TenantId == tenantId);
        if (query.State is { } state)
        {
            deliveries = deliveries.Where(d => d.State == state);
        }

        if (query.Since is { } since)
        {
            deliveries = deliveries.Where(d => d.CreatedAt >= since);
        }

        if (query.After is { } after)
        {
            // Keyset paging: a page never repeats or skips a delivery when others are added or deleted meanwhile.
            deliveries = deliveries.Where(d => d.Id.CompareTo(after) > 0);
        }

        return await deliveries.OrderBy(d => d.Id).Take(query.Limit).ToListAsync(cancellationToken);
    }

    public async Task<int> CountOpenDeliveriesAsync(string tenantId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Deliveries.CountAsync(d => d.TenantId == tenantId
            && (d.State == DeliveryState.Pending || d.State == DeliveryState.InFlight || d.State == DeliveryState.Retrying), cancellationToken);
    }

    public async Task<IReadOnlyDictionary<string, int>> DeleteRowsAsync(string tenantId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var deleted = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (table, column) in TenantTables(db.Model))
        {
            deleted[table] = await DeleteAsync(db, table, column, tenantId, cancellationToken);
        }

        deleted["Tenants"] = await DeleteAsync(db, "Tenants", "Id", tenantId, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return deleted;
    }

    /// <summary>
    /// Every table with a tenant column, dependents before the tables they point to (so no foreign key is violated on
    /// the way); owned rows go with their owner's table or by cascade.
    /// </summary>
    public static IReadOnlyList<(string Table, string Column)> TenantTables(IModel model)
    {
        var scoped = model.GetEntityTypes()
            .Where(e => !e.IsOwned() && e.GetTableName() is not null && e.FindProperty(TenantColumn) is not null && e.GetTableName() != "Tenants")
            .ToList();
        var ordered = new List<IEntityType>();
        while (ordered.Count < scoped.Count)
        {
            var next = scoped.Except(ordered).FirstOrDefault(candidate => !scoped.Except(ordered).Any(other => other != candidate
                && other.GetForeignKeys().Any(fk => fk.PrincipalEntityType == candidate)));
            ordered.Add(next ?? throw new InvalidOperationException("The tenant tables refer to each other in a cycle."));
        }

        return [.. ordered.Select(e => (e.GetTableName()!, e.FindProperty(TenantColumn)!.GetColumnName()))];
    }

    private static Task<int> DeleteAsync(GatewayDbContext db, string table, string column, string tenantId, CancellationToken cancellationToken)
    {
        // Names come from the EF model, never from input; the tenant id is a parameter. Both providers quote with "".
#pragma warning disable EF1002
        return db.Database.ExecuteSqlRawAsync($"DELETE FROM \"{table}\" WHERE \"{column}\" = {{0}}", [tenantId], cancellationToken);
#pragma warning restore EF1002
    }
}
