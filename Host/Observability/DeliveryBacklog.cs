using System.Diagnostics.Metrics;
using EfaGateway.Core.Deliveries;
using EfaGateway.Core.Diagnostics;
using EfaGateway.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EfaGateway.Host.Observability;

/// <summary>
/// The backlog gauges: how many deliveries are not yet handed over (Pending, Retrying, InFlight) and how old the oldest
/// of them is. Read from the database, because every host shares the backlog; the figure is reused for
/// <see cref="TelemetryOptions.BacklogCacheDuration"/> so frequent scrapes cost one query per period.
/// </summary>
public sealed class DeliveryBacklog
{
    internal static readonly DeliveryState[] NotHandedOver = [DeliveryState.Pending, DeliveryState.Retrying, DeliveryState.InFlight];

    private readonly IDbContextFactory<GatewayDbContext> contexts;
    private readonly TimeProvider time;
    private readonly TimeSpan cacheDuration;
    private readonly Lock gate = new();
    private BacklogSnapshot? cached;
    private DateTimeOffset cachedAt;

    public DeliveryBacklog(IDbContextFactory<GatewayDbContext> contexts, TimeProvider time, GatewayMetrics metrics,
        IOptions<TelemetryOptions> options)
    {
        this.contexts = contexts;
        this.time = time;
        cacheDuration = options.Value.BacklogCacheDuration;
        metrics.Meter.CreateObservableGauge("efagw.deliveries.oldest_pending_age_seconds", () => Read().OldestAgeSeconds, "s",
            "Age of the oldest delivery not yet handed to its back office (Pending, Retrying or InFlight); 0 when none.");
        metrics.Meter.CreateObservableGauge("efagw.deliveries.pending", () => Read().Count, "{delivery}",
            "Deliveries not yet handed to their back office (Pending, Retrying or InFlight).");
    }

    /// <summary>The current figures, from the cache while it is fresh.</summary>
    public BacklogSnapshot Read()
    {
        // Gauge callbacks are synchronous (the exporter's thread), so the query is synchronous too; the lock keeps
        // concurrent scrapes from running it twice.
        lock (gate)
        {
            var now = time.GetUtcNow();
            if (cached is not null && now - cachedAt < cacheDuration)
            {
                return cached;
            }

            using var db = contexts.CreateDbContext();
            var pending = db.Deliveries.AsNoTracking().Where(d => NotHandedOver.Contains(d.State));
            var count = pending.Count();
            var oldest = count == 0 ? (DateTimeOffset?)null : pending.OrderBy(d => d.CreatedAt).Select(d => d.CreatedAt).First();
            cached = new BacklogSnapshot(count, oldest is null ? 0 : Math.Max(0, (now - oldest.Value).TotalSeconds));
            cachedAt = now;
            return cached;
        }
    }
}

public sealed record BacklogSnapshot(int Count, double OldestAgeSeconds);
