using EfaGateway.Core.Drafts;
using EfaGateway.Core.Ports;
using Microsoft.EntityFrameworkCore;

namespace EfaGateway.Persistence.Stores;

/// <summary>Drafts; a fresh DbContext per operation (see <see cref="DeliveryStore"/> for why).</summary>
public sealed class DraftStore(IDbContextFactory<GatewayDbContext> contexts) : IDraftStore
{
    public async Task AddAsync(Draft draft, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Drafts.Add(draft);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<Draft?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Drafts.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
    }

    public async Task UpdateAsync(Draft draft, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Drafts.Update(draft);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Drafts last saved at or before <paramref name="cutoff"/>, oldest first (30 days after saving means gone at that instant).</summary>
    public async Task<IReadOnlyList<Draft>> ListSavedBeforeAsync(DateTimeOffset cutoff, int max, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Drafts.AsNoTracking()
            .Where(d => d.SavedAt <= cutoff)
            .OrderBy(d => d.SavedAt)
            .Take(max)
            .ToListAsync(cancellationToken);
    }

    public async Task DeleteAsync(Draft draft, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Drafts.Where(d => d.Id == draft.Id).ExecuteDeleteAsync(cancellationToken);
    }
}
