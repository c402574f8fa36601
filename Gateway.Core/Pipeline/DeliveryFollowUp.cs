using EfaGateway.Core.Deliveries;
using EfaGateway.Core.Diagnostics;
using EfaGateway.Core.Ports;
using EfaGateway.Core.Postkorb;
using Microsoft.Extensions.Logging;

namespace EfaGateway.Core.Pipeline;

/// <summary>
/// Saves a changed delivery and does what its new state calls for, wherever the change came from (worker, receipt,
/// lease sweep): a dead letter with a fallback route gets its fallback delivery in the same transaction, so a crash
/// can never leave a dead letter that should have been re-routed; a dead letter without one raises an alert; a
/// confirmed delivery may let the application data be purged.
/// </summary>
public sealed partial class DeliveryFollowUp(
    IDeliveryStore deliveries,
    SubmissionPurger purger,
    IDeliverySignal signal,
    TimeProvider time,
    GatewayMetrics metrics,
    ILogger<DeliveryFollowUp> logger)
{
    /// <summary>Persists the change; throws <see cref="DeliveryConflictException"/> if someone else changed it first.</summary>
    public async Task CommitAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        if (delivery.State == DeliveryState.DeadLettered && delivery.FallbackTransportId is not null && delivery.FallbackDeliveryId is null)
        {
            var now = time.GetUtcNow();
            var fallback = Delivery.Create(Guid.CreateVersion7(now), delivery.SubmissionId, delivery.TenantId,
                delivery.ProcessId, delivery.FallbackTransportId, delivery.MapperIds, fallbackTransportId: null,
                now, fallbackFor: delivery.Id, traceParent: delivery.TraceParent);
            delivery.LinkFallback(fallback.Id);
            await deliveries.AddFallbackAsync(delivery, fallback, cancellationToken);
            metrics.DeadLetter(delivery.TransportId, hasFallback: true);
            LogFallback(logger, delivery.Id, delivery.FallbackTransportId, delivery.LastError);
            signal.Notify();
            return;
        }

        await deliveries.SaveAsync(delivery, cancellationToken);

        // Counted here, after the save, because every state change (worker, receipt, lease sweep) passes through.
        switch (delivery.State)
        {
            case DeliveryState.Retrying:
                metrics.Retry(delivery.TransportId);
                break;
            case DeliveryState.DeadLettered:
                metrics.DeadLetter(delivery.TransportId, hasFallback: false);
                LogDeadLetter(logger, delivery.Id, delivery.TenantId, delivery.TransportId, delivery.LastError);
                break;
            case DeliveryState.Confirmed:
                metrics.Delivery(delivery.TransportId, GatewayMetrics.DeliveryOutcomes.Confirmed);
                await purger.TryPurgeAsync(delivery.SubmissionId, cancellationToken);
                break;
        }
    }

    /// <summary>
    /// Persists a confirmed handover into the Postkorb together with its item. Nothing is purged: the item holds the
    /// application's data until its own retention period ends, and the retention job purges then.
    /// </summary>
    public async Task CommitAsync(Delivery delivery, PostkorbItem item, CancellationToken cancellationToken)
    {
        await deliveries.SaveWithPostkorbItemAsync(delivery, item, cancellationToken);
        metrics.Delivery(delivery.TransportId, GatewayMetrics.DeliveryOutcomes.Confirmed);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery {DeliveryId} dead-lettered and handed to fallback transport {FallbackTransportId}: {Reason}")]
    private static partial void LogFallback(ILogger logger, Guid deliveryId, string fallbackTransportId, string? reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "ALERT: delivery {DeliveryId} of tenant {TenantId} over {TransportId} is dead-lettered and has no fallback: {Reason}")]
    private static partial void LogDeadLetter(ILogger logger, Guid deliveryId, string tenantId, string transportId, string? reason);
}
