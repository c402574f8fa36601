using EfaGateway.Core.Ports;
using EfaGateway.Core.Postkorb;

namespace EfaGateway.Transports.Postkorb;

/// <summary>Reading a tenant's Postkorb: list items, open one, download a file (which marks the item fetched).</summary>
public sealed class PostkorbInbox(IPostkorbStore store, IBlobStore blobs, TimeProvider time)
{
    public Task<IReadOnlyList<PostkorbItem>> ListAsync(string tenantId, string? processId, CancellationToken cancellationToken) =>
        store.ListAsync(tenantId, processId, cancellationToken);

    /// <summary>The item, or null if it does not exist or belongs to another tenant.</summary>
    public async Task<PostkorbItem?> FindAsync(string tenantId, Guid itemId, CancellationToken cancellationToken)
    {
        var item = await store.FindAsync(itemId, cancellationToken);
        return item is not null && item.TenantId == tenantId ? item : null;
    }

    /// <summary>One file's content; the first download marks the item fetched by <paramref name="fetchedBy"/>.</summary>
    public async Task<PostkorbDownload?> DownloadAsync(string tenantId, Guid itemId, int fileIndex, string fetchedBy, CancellationToken cancellationToken)
    {
        var item = await FindAsync(tenantId, itemId, cancellationToken);
        if (item is null || fileIndex < 0 || fileIndex >= item.Files.Count)
        {
            return null;
        }

        var file = item.Files[fileIndex];
        var content = await blobs.GetAsync(file.BlobKey, cancellationToken);
        if (content is null)
        {
            return null;
        }

        await MarkFetchedAsync(item, fetchedBy, cancellationToken);
        return new PostkorbDownload(file, content);
    }

    /// <summary>
    /// Records that <paramref name="fetchedBy"/> fetched the item now, unless someone fetched it before (the first fetch
    /// is what counts). For downloads that are not one file, such as all files as one ZIP.
    /// </summary>
    public async Task MarkFetchedAsync(PostkorbItem item, string fetchedBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (item.FirstFetchedAt is null)
        {
            item.MarkFetched(fetchedBy, time.GetUtcNow());
            await store.SaveAsync(item, cancellationToken);
        }
    }
}

public sealed record PostkorbDownload(PostkorbFile File, byte[] Content);
