using EfaGateway.Core.Ports;
using EfaGateway.Host.Forms;

namespace EfaGateway.Host.Admin;

/// <summary>
/// The end of a tenant: its contract is marked ended (no new applications from then on), then its blobs (applications,
/// Postkorb files, drafts, logo, unfinished form sessions) and finally every row that carries its id. Blobs go first
/// and the tenant row last, so a run that stops half way can simply be repeated: the tenant is still there to find
/// what is left. Process definitions are shared by all tenants and stay.
/// </summary>
public sealed partial class TenantDeletion(ICatalogStore catalog, ITenantDataStore data, IBlobStore blobs, FormSessionStore sessions,
    TimeProvider time, ILogger<TenantDeletion> logger)
{
    public async Task<AdminResult<TenantDeletionReport>> DeleteAsync(string tenantId, bool evenWithOpenDeliveries, CancellationToken cancellationToken)
    {
        if (await catalog.FindTenantAsync(tenantId, cancellationToken) is null)
        {
            return new AdminResult<TenantDeletionReport>.NotFound(Api.Problems.NoTenantDetail(tenantId));
        }

        await catalog.UpdateTenantAsync(tenantId, tenant => tenant.Close(time.GetUtcNow()), cancellationToken);
        var open = await data.CountOpenDeliveriesAsync(tenantId, cancellationToken);
        if (open > 0 && !evenWithOpenDeliveries)
        {
            return new AdminResult<TenantDeletionReport>.Conflict(
                $"{open} Zustellung(en) von '{tenantId}' sind noch unterwegs; der Mandant nimmt keine Anträge mehr an. Warten Sie, bis sie " +
                "abgeschlossen sind, oder löschen Sie trotzdem (--force). " +
                $"({open} deliveries of '{tenantId}' are still on their way; the tenant takes no new applications. Wait for them, or delete anyway.)");
        }

        var owners = await data.ListBlobOwnersAsync(tenantId, cancellationToken);
        var prefixes = owners.Prefixes(tenantId).ToList();
        foreach (var prefix in prefixes)
        {
            await blobs.DeleteByPrefixAsync(prefix, cancellationToken);
        }

        var formSessions = await sessions.DeleteForTenantAsync(tenantId, cancellationToken);
        var rows = await data.DeleteRowsAsync(tenantId, cancellationToken);
        var report = new TenantDeletionReport(tenantId, rows, prefixes.Count, formSessions);
        LogDeleted(logger, tenantId, rows.Values.Sum(), prefixes.Count);
        return new AdminResult<TenantDeletionReport>.Done(report);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tenant {TenantId} deleted: {Rows} row(s) and {Prefixes} blob group(s)")]
    private static partial void LogDeleted(ILogger logger, string tenantId, int rows, int prefixes);
}

/// <summary>What a deletion removed: rows per table, blob groups (one per application, item, draft, plus the tenant's own), form sessions.</summary>
public sealed record TenantDeletionReport(string TenantId, IReadOnlyDictionary<string, int> Rows, int BlobGroups, int FormSessions);
