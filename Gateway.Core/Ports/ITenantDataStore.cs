using EfaGateway.Core.Blobs;
using EfaGateway.Core.Deliveries;

namespace EfaGateway.Core.Ports;

/// <summary>Everything the database keeps of one tenant, for the contract end: what to export, and deleting it all.</summary>
public interface ITenantDataStore
{
    /// <summary>The ids the tenant's blobs are keyed by (submissions, Postkorb items, drafts).</summary>
    Task<TenantBlobOwners> ListBlobOwnersAsync(string tenantId, CancellationToken cancellationToken);

    /// <summary>One page of the tenant's deliveries (see <see cref="DeliveryListQuery"/>), filtered in the database.</summary>
    Task<IReadOnlyList<Delivery>> ListDeliveriesAsync(string tenantId, DeliveryListQuery query, CancellationToken cancellationToken);

    /// <summary>Deliveries still on their way (pending, retrying or claimed by a worker right now).</summary>
    Task<int> CountOpenDeliveriesAsync(string tenantId, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes every row that carries the tenant's id, in every table the model has, and the tenant itself last, in one
    /// transaction. Returns the rows deleted per table.
    /// </summary>
    Task<IReadOnlyDictionary<string, int>> DeleteRowsAsync(string tenantId, CancellationToken cancellationToken);
}

/// <summary>The owners of a tenant's blobs, and the blob prefixes they stand for.</summary>
public sealed record TenantBlobOwners(IReadOnlyList<Guid> Submissions, IReadOnlyList<Guid> PostkorbItems, IReadOnlyList<Guid> Drafts)
{
    public IEnumerable<string> Prefixes(string tenantId) =>
        Submissions.Select(BlobKeys.SubmissionPrefix)
            .Concat(PostkorbItems.Select(BlobKeys.PostkorbPrefix))
            .Concat(Drafts.Select(BlobKeys.DraftPrefix))
            .Append(BlobKeys.TenantPrefix(tenantId));
}
