namespace EfaGateway.Core.Ports;

/// <summary>Wakes the delivery worker when new work was stored, so it does not wait for its next poll.</summary>
public interface IDeliverySignal
{
    void Notify();

    Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken);
}
