using EfaGateway.Core.Ports;
using Microsoft.EntityFrameworkCore;

namespace EfaGateway.Persistence.Stores;

/// <summary>
/// Housekeeping after the retention run's deletions. SQLite: zeroed rows (secure_delete) and a truncated WAL.
/// PostgreSQL: nothing to do here — autovacuum reclaims deleted rows and checkpoints recycle the server's WAL.
/// </summary>
public sealed class StoreMaintenance(IDbContextFactory<GatewayDbContext> contexts) : IStoreMaintenance
{
    public async Task AfterDeletionAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.ScrubAfterDeletionAsync(cancellationToken);
    }
}
