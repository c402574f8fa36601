using EfaGateway.Core.Deliveries;
using EfaGateway.Core.Ports;
using EfaGateway.Core.Postkorb;
using EfaGateway.Host.Tests.Support;

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

/// <summary>
/// The delivery store, failing the one transaction that saves a Postkorb handover: the item with the confirmed outcome
/// (the Postkorb writes nothing else to the database during an attempt).
/// </summary>
internal sealed class FaultyDeliveryStore(IDeliveryStore inner, StorageFaultPlan plan) : DelegatingDeliveryStore(inner)
{
    public override async Task SaveWithPostkorbItemAsync(Delivery delivery, PostkorbItem item, CancellationToken cancellationToken)
    {
        await plan.HitAsync(StorageStep.RecordOutcome, cancellationToken);
        await base.SaveWithPostkorbItemAsync(delivery, item, cancellationToken);
    }
}
