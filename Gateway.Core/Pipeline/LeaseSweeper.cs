using EfaGateway.Core.Deliveries;
using EfaGateway.Core.Ports;
using Microsoft.Extensions.Options;

namespace EfaGateway.Core.Pipeline;

/// <summary>Hands deliveries whose worker vanished (lease expired) back to the queue as a transient failure.</summary>
public sealed class LeaseSweeper(
    IDeliveryStore deliveries,
    DeliveryFollowUp followUp,
    IDeliverySignal signal,
    IOptions<RetryOptions> retry,
    TimeProvider time)
{
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var released = 0;
        foreach (var delivery in await deliveries.ListExpiredLeasesAsync(now, 500, cancellationToken))
        {
            delivery.ReleaseExpiredLease(now, retry.Value, Random.Shared.NextDouble());
            try
            {
                await followUp.CommitAsync(delivery, cancellationToken);
            }
            catch (DeliveryConflictException)
            {
                // The original worker finished after all; its result stands.
                continue;
            }

            released++;
        }

        // Retries fall due over time without a new write; wake the worker so it looks.
        signal.Notify();
        return released;
    }
}
