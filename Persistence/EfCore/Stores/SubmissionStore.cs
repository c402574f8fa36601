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

        // Only new entities, none changed after Add: scanning them again for changes before the save finds nothing
        // and was a visible share of a submit's CPU.
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        db.Submissions.Add(submission);
        db.Deliveries.AddRange(deliveries);

        // The outbox: an explicit transaction, so the submission and its deliveries commit together even if EF ever
        // splits the inserts into several batches.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (IsClashOn(ex, nameof(Submission.Vorgangsnummer)))
        {
            throw new DuplicateVorgangsnummerException(ex);
        }
        catch (DbUpdateException ex) when (IsClashOn(ex, nameof(Submission.IdempotencyKey)))
        {
            throw new DuplicateIdempotencyKeyException(ex);
        }

        await transaction.CommitAsync(cancellationToken);
        DeliveryVersions.Remember(deliveries);
    }

    /// <summary>Whether the save failed on the tenant-scoped unique index of <paramref name="column"/>.</summary>
    private static bool IsClashOn(DbUpdateException ex, string column) => ex.InnerException switch
    {
        // SQLITE_CONSTRAINT (19): "UNIQUE constraint failed: Submissions.TenantId, Submissions.Vorgangsnummer"
        Microsoft.Data.Sqlite.SqliteException sqlite => sqlite.SqliteErrorCode == 19 &&
            sqlite.Message.Contains("Submissions." + column, StringComparison.Ordinal),
        // unique_violation on the (TenantId, column) index
        Npgsql.PostgresException postgres => postgres.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation &&
            postgres.ConstraintName?.Contains(column, StringComparison.Ordinal) == true,
        _ => false,
    };

    public async Task<Submission?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Submissions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
    }

    public async Task<IReadOnlySet<Guid>> FindExistingAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        var existing = new HashSet<Guid>();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);

        // In chunks: an IN list of thousands of parameters is slow to plan, and SQLite limits a statement's parameters.
        foreach (var chunk in ids.Chunk(500))
        {
            existing.UnionWith(await db.Submissions.AsNoTracking().Where(s => chunk.Contains(s.Id)).Select(s => s.Id).ToListAsync(cancellationToken));
        }

        return existing;
    }

    public async Task<Submission?> FindByIdempotencyKeyAsync(string tenantId, string idempotencyKey, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Submissions.AsNoTracking()
            .SingleOrDefaultAsync(s => s.TenantId == tenantId && s.IdempotencyKey == idempotencyKey, cancellationToken);
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
