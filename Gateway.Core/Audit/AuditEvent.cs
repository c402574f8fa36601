namespace EfaGateway.Core.Audit;

/// <summary>
/// One line of a tenant's audit log: who did what to which thing. Never form contents or applicants' personal data:
/// <paramref name="Target"/> names an account, a process or an item by id, <paramref name="Details"/> is a short
/// technical note (e.g. "granted hundesteuer-anmeldung", "file 0").
/// </summary>
/// <param name="TenantId">The tenant whose log it is.</param>
/// <param name="Actor">Who acted: a staff user name, "operator", "system", or for a failed sign-in the name that was typed.</param>
/// <param name="Action">One of <see cref="AuditActions"/>.</param>
/// <param name="Target">What was acted on (a staff user name, a Postkorb item id), if anything.</param>
/// <param name="Details">A short note without personal data of applicants.</param>
public sealed record AuditEvent(string TenantId, string Actor, string Action, string? Target = null, string? Details = null);

/// <summary>An audit line as stored: the event, when it was recorded, and its position in the log.</summary>
public sealed record AuditEntry(long Id, DateTimeOffset At, string TenantId, string Actor, string Action, string? Target, string? Details);

/// <summary>A page of a tenant's audit log, newest first.</summary>
public sealed record AuditPage(IReadOnlyList<AuditEntry> Entries, int Page, int PageSize, int TotalCount)
{
    public int PageCount => TotalCount == 0 ? 1 : (TotalCount + PageSize - 1) / PageSize;
}
