using EfaGateway.Core.Deliveries;
using EfaGateway.Core.Ports;

namespace EfaGateway.Core.Pipeline;

/// <summary>Operator actions on deliveries.</summary>
public sealed class DeliveryOperations(IDeliveryStore deliveries, IDeliverySignal signal, TimeProvider time)
{
    /// <summary>"Retry now": the delivery is due at once with its attempt counter reset.</summary>
    public async Task<RetryNowResult> RetryNowAsync(Guid deliveryId, CancellationToken cancellationToken)
    {
        var delivery = await deliveries.FindAsync(deliveryId, cancellationToken);
        if (delivery is null)
        {
            return new RetryNowResult(null, RetryNowStatus.NotFound);
        }

        if (!delivery.CanRetryNow)
        {
            return new RetryNowResult(delivery, RetryNowStatus.NotRetryable);
        }

        delivery.RetryNow(time.GetUtcNow());
        try
        {
            await deliveries.SaveAsync(delivery, cancellationToken);
        }
        catch (DeliveryConflictException)
        {
            // Someone (a worker, another operator) changed it between our read and write; nothing was changed by us.
            return new RetryNowResult(null, RetryNowStatus.Conflict);
        }

        signal.Notify();
        return new RetryNowResult(delivery, RetryNowStatus.Scheduled);
    }
}

public enum RetryNowStatus
{
    Scheduled,
    NotFound,
    NotRetryable,

    /// <summary>The delivery changed while the request was handled; the caller may look again and retry.</summary>
    Conflict,
}

public sealed record RetryNowResult(Delivery? Delivery, RetryNowStatus Status);
