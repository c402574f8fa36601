using EfaGateway.Core.Deliveries;
using EfaGateway.Core.Ports;
using EfaGateway.Core.Postkorb;

namespace EfaGateway.Host.Tests.Support;

/// <summary>Passes every call to the real store; a test decorator overrides only the steps it interferes with.</summary>
internal abstract class DelegatingDeliveryStore(IDeliveryStore inner) : IDeliveryStore
{
    protected IDeliveryStore Inner => inner;

    public virtual Task SaveWithPostkorbItemAsync(Delivery delivery, PostkorbItem item, CancellationToken cancellationToken) =>
        inner.SaveWithPostkorbItemAsync(delivery, item, cancellationToken);

    public virtual Task SaveAsync(Delivery delivery, CancellationToken cancellationToken) => inner.SaveAsync(delivery, cancellationToken);

    public virtual Task<Delivery?> FindAsync(Guid id, CancellationToken cancellationToken) => inner.FindAsync(id, cancellationToken);

    public Task<Delivery?> ClaimNextDueAsync(string workerId, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken) =>
        inner.ClaimNextDueAsync(workerId, now, lease, cancellationToken);

    public Task AddFallbackAsync(Delivery deadLettered, Delivery fallback, CancellationToken cancellationToken) =>
        inner.AddFallbackAsync(deadLettered, fallback, cancellationToken);

    public Task<IReadOnlyList<Delivery>> ListForSubmissionAsync(Guid submissionId, CancellationToken cancellationToken) =>
        inner.ListForSubmissionAsync(submissionId, cancellationToken);

    public Task<IReadOnlyList<Delivery>> ListExpiredLeasesAsync(DateTimeOffset now, int max, CancellationToken cancellationToken) =>
        inner.ListExpiredLeasesAsync(now, max, cancellationToken);

    public Task<IReadOnlyList<Delivery>> ListAwaitingReceiptAsync(int skip, int take, CancellationToken cancellationToken) =>
        inner.ListAwaitingReceiptAsync(skip, take, cancellationToken);

    public Task<IReadOnlyList<Delivery>> ListAwaitingReceiptAsync(string transportId, string tenantId, string processId, int take,
        CancellationToken cancellationToken) => inner.ListAwaitingReceiptAsync(transportId, tenantId, processId, take, cancellationToken);

    public Task<IReadOnlyList<Delivery>> ListDeadLetteredAsync(string tenantId, CancellationToken cancellationToken) =>
        inner.ListDeadLetteredAsync(tenantId, cancellationToken);
}
