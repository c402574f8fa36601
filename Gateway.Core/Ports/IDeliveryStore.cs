using EfaGateway.Core.Deliveries;
using EfaGateway.Core.Postkorb;

namespace EfaGateway.Core.Ports;

/// <summary>Delivery rows and their claiming. Two workers never hold the same delivery at once.</summary>
public interface IDeliveryStore
{
    /// <summary>
    /// Atomically picks the longest-waiting due delivery (Pending or Retrying, next attempt ≤ now) that no other worker
    /// holds, claims it for <paramref name="workerId"/> and returns it; null if none is due.
    /// </summary>
    Task<Delivery?> ClaimNextDueAsync(string workerId, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>Persists changes. Throws <see cref="DeliveryConflictException"/> if someone else changed it meanwhile.</summary>
    Task SaveAsync(Delivery delivery, CancellationToken cancellationToken);

    /// <summary>
    /// Persists the delivery's outcome and adds the Postkorb item it handed over, in one transaction: both or neither.
    /// Throws <see cref="DeliveryConflictException"/> (and adds no item) if someone else changed the delivery meanwhile.
    /// </summary>
    Task SaveWithPostkorbItemAsync(Delivery delivery, PostkorbItem item, CancellationToken cancellationToken);

    /// <summary>Links a dead-lettered delivery to its new fallback delivery, in one transaction.</summary>
    Task AddFallbackAsync(Delivery deadLettered, Delivery fallback, CancellationToken cancellationToken);

    Task<Delivery?> FindAsync(Guid id, CancellationToken cancellationToken);

    Task<IReadOnlyList<Delivery>> ListForSubmissionAsync(Guid submissionId, CancellationToken cancellationToken);

    Task<IReadOnlyList<Delivery>> ListExpiredLeasesAsync(DateTimeOffset now, int max, CancellationToken cancellationToken);

    /// <summary>Delivered deliveries awaiting a receipt, the longest-waiting first, one page of them.</summary>
    Task<IReadOnlyList<Delivery>> ListAwaitingReceiptAsync(int skip, int take, CancellationToken cancellationToken);

    /// <summary>
    /// Delivered deliveries of one transport, tenant and process awaiting a receipt, the longest-waiting first (a mailbox
    /// transport's open messages).
    /// </summary>
    Task<IReadOnlyList<Delivery>> ListAwaitingReceiptAsync(string transportId, string tenantId, string processId, int take,
        CancellationToken cancellationToken);

    Task<IReadOnlyList<Delivery>> ListDeadLetteredAsync(string tenantId, CancellationToken cancellationToken);
}

/// <summary>Another worker or request changed the delivery since it was read.</summary>
public sealed class DeliveryConflictException(Guid deliveryId, Exception? inner = null)
    : Exception($"Delivery {deliveryId} was changed concurrently.", inner)
{
    public Guid DeliveryId { get; } = deliveryId;
}
