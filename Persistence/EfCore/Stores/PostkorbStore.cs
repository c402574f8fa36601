using EfaGateway.Core.Ports;
using EfaGateway.Core.Postkorb;
using Microsoft.EntityFrameworkCore;

namespace EfaGateway.Persistence.Stores;

/// <summary>Postkorb items; a fresh DbContext per operation (see <see cref="DeliveryStore"/> for why).</summary>
public sealed class PostkorbStore(IDbContextFactory<GatewayDbContext> contexts) : IPostkorbStore
{
    public async Task<PostkorbItem?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.PostkorbItems.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, cancellationToken);
    }

    public async Task AddAsync(PostkorbItem item, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.PostkorbItems.Add(item);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task SaveAsync(PostkorbItem item, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);

        // Load and copy rather than attach: the files are immutable and travel with the row, so only the item's own
        // columns are written, whatever Core may let change on it later.
        var stored = await db.PostkorbItems.SingleOrDefaultAsync(i => i.Id == item.Id, cancellationToken)
            ?? throw new InvalidOperationException($"Postkorb item {item.Id} does not exist (any more).");
        db.Entry(stored).CurrentValues.SetValues(item);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<PostkorbItem>> ListAsync(string tenantId, string? processId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var items = db.PostkorbItems.AsNoTracking().Where(i => i.TenantId == tenantId);
        if (processId is not null)
        {
            items = items.Where(i => i.ProcessId == processId);
        }

        return await items.OrderByDescending(i => i.ProvidedAt).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<PostkorbItem>> ListDueForDeletionAsync(DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.PostkorbItems.AsNoTracking()
            .Where(i => i.DeleteAt <= now)
            .OrderBy(i => i.DeleteAt)
            .Take(max)
            .ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<PostkorbItem>> ListUnnotifiedAsync(int max, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.PostkorbItems.AsNoTracking()
            .Where(i => i.NotifiedAt == null)
            .OrderBy(i => i.ProvidedAt)
            .Take(max)
            .ToListAsync(cancellationToken);
    }

    public async Task MarkNotifiedAsync(IReadOnlyCollection<Guid> itemIds, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(itemIds);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var ids = itemIds.ToList();
        await db.PostkorbItems.Where(i => ids.Contains(i.Id) && i.NotifiedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(i => i.NotifiedAt, at), cancellationToken);
    }

    public async Task<bool> AnyForSubmissionAsync(Guid submissionId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.PostkorbItems.AnyAsync(i => i.SubmissionId == submissionId, cancellationToken);
    }

    public async Task<bool> DeleteAsync(PostkorbItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.PostkorbItems.Where(i => i.Id == item.Id).ExecuteDeleteAsync(cancellationToken) > 0;
    }
}
