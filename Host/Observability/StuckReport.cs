using EfaGateway.Core.Deliveries;
using EfaGateway.Core.Ports;
using EfaGateway.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EfaGateway.Host.Observability;

/// <summary>
/// What is stuck and why, per tenant: the operator's list. It names deliveries by id, transport and the recorded reason
/// (which by contract never contains personal data) — no Vorgangsnummer, no names, nothing of the form.
/// </summary>
public sealed class StuckReport(
    IDbContextFactory<GatewayDbContext> contexts,
    ICatalogStore catalog,
    IOptions<TelemetryOptions> telemetry,
    IOptions<ReceiptOptions> receipts,
    TimeProvider time)
{
    /// <summary>Per tenant and category at most this many entries: the list is for reading, the API has the rest.</summary>
    public const int MaxPerCategory = 200;

    public async Task<StuckList> BuildAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var retryingSince = now - telemetry.Value.StuckRetryingAfter;
        var unconfirmedSince = now - receipts.Value.AlertAfter;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var tenants = new List<TenantStuck>();
        foreach (var tenant in await catalog.ListTenantsAsync(cancellationToken))
        {
            var mine = db.Deliveries.AsNoTracking().Where(d => d.TenantId == tenant.Id);
            var deadLetters = await mine.Where(d => d.State == DeliveryState.DeadLettered && d.FallbackDeliveryId == null)
                .OrderBy(d => d.DeadLetteredAt).Take(MaxPerCategory).ToListAsync(cancellationToken);
            var retrying = await mine.Where(d => d.State == DeliveryState.Retrying && d.CreatedAt <= retryingSince)
                .OrderBy(d => d.CreatedAt).Take(MaxPerCategory).ToListAsync(cancellationToken);
            var unconfirmed = await mine.Where(d => d.State == DeliveryState.Delivered && d.DeliveredAt <= unconfirmedSince)
                .OrderBy(d => d.DeliveredAt).Take(MaxPerCategory).ToListAsync(cancellationToken);
            var pending = mine.Where(d => DeliveryBacklog.NotHandedOver.Contains(d.State));
            var pendingCount = await pending.CountAsync(cancellationToken);
            var oldest = pendingCount == 0
                ? (DateTimeOffset?)null
                : await pending.OrderBy(d => d.CreatedAt).Select(d => d.CreatedAt).FirstAsync(cancellationToken);

            var entries = deadLetters.Select(d => Entry(d, "dead_lettered", d.DeadLetteredAt,
                    $"Dead-lettered without a fallback route: {d.LastError}"))
                .Concat(retrying.Select(d => Entry(d, "retrying", d.CreatedAt,
                    $"Still retrying after {Hours(now - d.CreatedAt)} ({d.AttemptCount} attempts, next {d.NextAttemptAt:u}): {d.LastError}")))
                .Concat(unconfirmed.Select(d => Unconfirmed(d, now)))
                .ToList();
            if (entries.Count > 0 || pendingCount > 0)
            {
                tenants.Add(new TenantStuck(tenant.Id, pendingCount,
                    oldest is null ? null : (long)(now - oldest.Value).TotalSeconds, entries));
            }
        }

        return new StuckList(now, telemetry.Value.StuckRetryingAfter, receipts.Value.AlertAfter, tenants);
    }

    private static StuckEntry Entry(Delivery d, string kind, DateTimeOffset? since, string reason) =>
        new(kind, d.Id, d.SubmissionId, d.ProcessId, d.TransportId, d.State.ToString(), d.AttemptCount, since, reason);

    private StuckEntry Unconfirmed(Delivery d, DateTimeOffset now)
    {
        var waited = Hours(now - d.DeliveredAt!.Value);
        var reason = d.TransportId == Transports.Xta.Mailbox.XtaMailboxTransport.TransportId
            ? $"Waiting in the XTA mailbox for {waited}: the back office has not fetched and closed the message."
            : $"Delivered {waited} ago, no receipt yet (alert after {receipts.Value.AlertAfter}).";
        var kind = d.TransportId == Transports.Xta.Mailbox.XtaMailboxTransport.TransportId ? "mailbox_not_closed" : "unconfirmed";
        return Entry(d, kind, d.DeliveredAt, reason + LastCheck(d));
    }

    /// <summary>Why the receipt checks give no verdict, if they said: the operator's first lead (remote end down, log refused).</summary>
    private static string LastCheck(Delivery d) =>
        d.ReceiptNote is null ? string.Empty : $" Last receipt check (since {d.ReceiptCheckedAt:u}): {d.ReceiptNote}";

    private static string Hours(TimeSpan span) =>
        span.TotalHours >= 48 ? $"{(int)span.TotalDays} days" : $"{(int)span.TotalHours} hours";
}

public sealed record StuckList(DateTimeOffset GeneratedAt, TimeSpan RetryingAfter, TimeSpan ReceiptAlertAfter, IReadOnlyList<TenantStuck> Tenants);

public sealed record TenantStuck(string TenantId, int PendingCount, long? OldestPendingAgeSeconds, IReadOnlyList<StuckEntry> Stuck);

/// <summary>One stuck delivery. <paramref name="Kind"/>: dead_lettered, retrying, unconfirmed or mailbox_not_closed.</summary>
public sealed record StuckEntry(string Kind, Guid DeliveryId, Guid SubmissionId, string ProcessId, string TransportId, string State,
    int Attempts, DateTimeOffset? Since, string Reason);
