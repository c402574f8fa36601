using EfaGateway.Core.Deliveries;
using EfaGateway.Core.Ports;
using EfaGateway.Core.Submissions;
using Microsoft.EntityFrameworkCore;

namespace EfaGateway.Persistence.Stores;

/// <summary>Submissions; a fresh DbContext per operation (see <see cref="DeliveryStore"/> for why).</summary>
public sealed class SubmissionStore(IDbContextFactory<GatewayDbContext> contexts) : ISubmissionStore
{
    public async Task AddAsync(Submission submission, IReadOnlyList<Delivery> deliveries, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Submissions.Add(submission);
        db.Deliveries.AddRange(deliveries);

        // The outbox: an explicit transaction, so the submission and its deliveries commit together even if EF ever
        // splits the inserts into several batches.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        DeliveryVersions.Remember(deliveries);
    }

    public async Task<Submission?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Submissions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
    }

    public async Task<Submission?> FindByVorgangsnummerAsync(string tenantId, string vorgangsnummer, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Submissions.AsNoTracking()
            .SingleOrDefaultAsync(s => s.TenantId == tenantId && s.Vorgangsnummer == vorgangsnummer, cancellationToken);
    }

    public async Task SaveAsync(Submission submission, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);

        // Update marks the submission and its attachments (real keys, never generated) as modified: the purge changes both.
        db.Submissions.Update(submission);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<Guid>> ListUnpurgedAsync(int max, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Submissions.AsNoTracking()
            .Where(s => s.PersonalDataPurgedAt == null)
            .OrderBy(s => s.ReceivedAt)
            .Take(max)
            .Select(s => s.Id)
            .ToListAsync(cancellationToken);
    }
}
