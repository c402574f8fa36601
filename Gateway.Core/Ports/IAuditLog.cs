using EfaGateway.Core.Audit;

namespace EfaGateway.Core.Ports;

/// <summary>A tenant's append-only audit log. There is no update; lines leave only with their tenant (contract end).</summary>
public interface IAuditLog
{
    /// <summary>Appends one line, stamped with the current time.</summary>
    Task RecordAsync(AuditEvent auditEvent, CancellationToken cancellationToken);

    /// <summary>One page (1-based) of the tenant's log, newest first.</summary>
    Task<AuditPage> ReadAsync(string tenantId, int page, int pageSize, CancellationToken cancellationToken);
}
