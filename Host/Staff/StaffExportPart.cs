using EfaGateway.Core.Ports;
using EfaGateway.Host.Admin;

namespace EfaGateway.Host.Staff;

/// <summary>
/// A tenant's staff and audit log in its contract-end export: <c>staff.json</c> (names, e-mail, rights, state; no
/// password hash, password history, second-factor secret or link token) and <c>audit.json</c> (the whole log, oldest first).
/// </summary>
public sealed class StaffExportPart(StaffAdministration staff, IAuditLog audit) : ITenantExportPart
{
    private const int PageSize = 500;

    public async Task WriteAsync(string tenantId, TenantExport.EntryWriter writer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writer);
        await writer.JsonAsync("staff.json", await staff.ListAsync(tenantId, cancellationToken));
        var lines = new List<Core.Audit.AuditEntry>();
        for (var page = 1; ; page++)
        {
            var read = await audit.ReadAsync(tenantId, page, PageSize, cancellationToken);
            lines.AddRange(read.Entries);
            if (page >= read.PageCount)
            {
                break;
            }
        }

        await writer.JsonAsync("audit.json", lines.OrderBy(l => l.Id));
    }
}
