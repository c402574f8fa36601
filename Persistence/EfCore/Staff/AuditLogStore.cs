using EfaGateway.Core.Audit;
using EfaGateway.Core.Ports;
using Microsoft.EntityFrameworkCore;

namespace EfaGateway.Persistence.Staff;

/// <summary>The audit log on its own context per call, so a line is written whatever the caller's unit of work does.</summary>
public sealed class AuditLogStore(IDbContextFactory<GatewayDbContext> contexts, TimeProvider time) : IAuditLog
{
    public async Task RecordAsync(AuditEvent auditEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.AuditLog.Add(new AuditRecord
        {
            TenantId = auditEvent.TenantId,
            At = time.GetUtcNow(),
            Actor = Truncate(auditEvent.Actor, 193)!,
            Action = auditEvent.Action,
            Target = Truncate(auditEvent.Target, 200),
            Details = Truncate(auditEvent.Details, 500),
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<AuditPage> ReadAsync(string tenantId, int page, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(page, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var lines = db.AuditLog.AsNoTracking().Where(r => r.TenantId == tenantId);
        var total = await lines.CountAsync(cancellationToken);

        // Newest first by insertion order: the id grows with every line, so equal timestamps keep their order.
        var rows = await lines.OrderByDescending(r => r.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new AuditPage(rows.Select(r => new AuditEntry(r.Id, r.At, r.TenantId, r.Actor, r.Action, r.Target, r.Details)).ToList(), page, pageSize, total);
    }

    // A typed user name on a failed sign-in can be anything; the column is bounded.
    private static string? Truncate(string? value, int max) => value is null || value.Length <= max ? value : value[..max];
}
