using EfaGateway.Core.Deliveries;
using EfaGateway.Core.Ports;
using Microsoft.Extensions.Logging;

namespace EfaGateway.Core.Pipeline;

/// <summary>
/// What happens after a delivery changed state, wherever the change came from (worker, receipt, lease sweep):
/// a dead letter goes to its fallback route and raises an alert; a confirmed delivery may let the data be purged.
/// </summary>
public sealed partial class DeliveryFollowUp(
    IDeliveryStore deliveries,
    SubmissionPurger purger,
    IDeliverySignal signal,
    TimeProvider time,
    ILogger<DeliveryFollowUp> logger)
{
    public async Task AfterChangeAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        switch (delivery.State)
        {
            case DeliveryState.DeadLettered when delivery.FallbackTransportId is not null && delivery.FallbackDeliveryId is null:
                var fallback = Delivery.Create(Guid.CreateVersion7(time.GetUtcNow()), delivery.SubmissionId, delivery.TenantId,
                    delivery.ProcessId, delivery.FallbackTransportId, delivery.MapperIds, fallbackTransportId: null,
                    time.GetUtcNow(), fallbackFor: delivery.Id);
                delivery.LinkFallback(fallback.Id);
                await deliveries.AddFallbackAsync(delivery, fallback, cancellationToken);
                LogFallback(logger, delivery.Id, delivery.FallbackTransportId, delivery.LastError);
                signal.Notify();
                break;
            case DeliveryState.DeadLettered:
                LogDeadLetter(logger, delivery.Id, delivery.TenantId, delivery.TransportId, delivery.LastError);
                break;
            case DeliveryState.Confirmed:
                await purger.TryPurgeAsync(delivery.SubmissionId, cancellationToken);
                break;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery {DeliveryId} dead-lettered and handed to fallback transport {FallbackTransportId}: {Reason}")]
    private static partial void LogFallback(ILogger logger, Guid deliveryId, string fallbackTransportId, string? reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "ALERT: delivery {DeliveryId} of tenant {TenantId} over {TransportId} is dead-lettered and has no fallback: {Reason}")]
    private static partial void LogDeadLetter(ILogger logger, Guid deliveryId, string tenantId, string transportId, string? reason);
}
