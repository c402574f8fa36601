using EfaGateway.Core.Deliveries;
using EfaGateway.Core.Ports;
using EfaGateway.Core.Postkorb;

namespace EfaGateway.Host.Tests.FaultMatrix;

/// <summary>The blob store, failing Postkorb file writes when the plan says so.</summary>
internal sealed class FaultyBlobStore(IBlobStore inner, StorageFaultPlan plan) : IBlobStore
{
    public async Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        if (key.StartsWith("postkorb/", StringComparison.Ordinal))
        {
            await plan.HitAsync(StorageStep.StoreFile, cancellationToken);
        }

        await inner.PutAsync(key, content, cancellationToken);
    }

    public Task PutAsync(string key, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken) =>
        inner.PutAsync(key, write, cancellationToken);

    public Task<bool> CopyToAsync(string key, Stream destination, CancellationToken cancellationToken) => inner.CopyToAsync(key, destination, cancellationToken);

    public Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken) => inner.GetAsync(key, cancellationToken);

    public Task DeleteByPrefixAsync(string prefix, CancellationToken cancellationToken) => inner.DeleteByPrefixAsync(prefix, cancellationToken);

    public IAsyncEnumerable<string> ListKeysAsync(string prefix, CancellationToken cancellationToken) => inner.ListKeysAsync(prefix, cancellationToken);
}

/// <summary>The Postkorb store, failing to add an item when the plan says so.</summary>
internal sealed class FaultyPostkorbStore(IPostkorbStore inner, StorageFaultPlan plan) : IPostkorbStore
{
    public async Task AddAsync(PostkorbItem item, CancellationToken cancellationToken)
    {
        await plan.HitAsync(StorageStep.AddItem, cancellationToken);
        await inner.AddAsync(item, cancellationToken);
    }

    public Task<PostkorbItem?> FindAsync(Guid id, CancellationToken cancellationToken) => inner.FindAsync(id, cancellationToken);

    public Task SaveAsync(PostkorbItem item, CancellationToken cancellationToken) => inner.SaveAsync(item, cancellationToken);

    public Task<IReadOnlyList<PostkorbItem>> ListAsync(string tenantId, string? processId, CancellationToken cancellationToken) =>
        inner.ListAsync(tenantId, processId, cancellationToken);

    public Task<IReadOnlyList<PostkorbItem>> ListDueForDeletionAsync(DateTimeOffset now, int max, CancellationToken cancellationToken) =>
        inner.ListDueForDeletionAsync(now, max, cancellationToken);

    public Task<IReadOnlyList<PostkorbItem>> ListUnnotifiedAsync(int max, CancellationToken cancellationToken) => inner.ListUnnotifiedAsync(max, cancellationToken);

    public Task MarkNotifiedAsync(IReadOnlyCollection<Guid> itemIds, DateTimeOffset at, CancellationToken cancellationToken) =>
        inner.MarkNotifiedAsync(itemIds, at, cancellationToken);

    public Task<bool> AnyForSubmissionAsync(Guid submissionId, CancellationToken cancellationToken) => inner.AnyForSubmissionAsync(submissionId, cancellationToken);

    public Task<bool> DeleteAsync(PostkorbItem item, CancellationToken cancellationToken) => inner.DeleteAsync(item, cancellationToken);
}

/// <summary>
/// The delivery store, failing the save of an attempt's outcome (the Postkorb saves nothing else during an attempt: its
/// item id is the delivery's and is saved with the outcome).
/// </summary>
internal sealed class FaultyDeliveryStore(IDeliveryStore inner, StorageFaultPlan plan) : IDeliveryStore
{
    public async Task SaveAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        if (delivery.TransportId == "postkorb")
        {
            await plan.HitAsync(StorageStep.RecordOutcome, cancellationToken);
        }

        await inner.SaveAsync(delivery, cancellationToken);
    }

    public Task<Delivery?> ClaimNextDueAsync(string workerId, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken) =>
        inner.ClaimNextDueAsync(workerId, now, lease, cancellationToken);

    public Task AddFallbackAsync(Delivery deadLettered, Delivery fallback, CancellationToken cancellationToken) =>
        inner.AddFallbackAsync(deadLettered, fallback, cancellationToken);

    public Task<Delivery?> FindAsync(Guid id, CancellationToken cancellationToken) => inner.FindAsync(id, cancellationToken);

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
