using EfaGateway.Core.Ports;

namespace EfaGateway.Core.Pipeline;

/// <summary>An in-process wake-up: at most one pending notification, so bursts of submissions wake the worker once.</summary>
public sealed class DeliverySignal : IDeliverySignal, IDisposable
{
    private readonly SemaphoreSlim semaphore = new(0, 1);

    public void Notify()
    {
        // Every accepted submission notifies; checking first keeps the common "already signalled" case free of a
        // thrown exception (which cost a visible share of a submit's CPU). The catch stays for the race.
        if (semaphore.CurrentCount > 0)
        {
            return;
        }

        try
        {
            semaphore.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled; one wake-up is enough.
        }
    }

    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => semaphore.WaitAsync(timeout, cancellationToken);

    public void Dispose() => semaphore.Dispose();
}
