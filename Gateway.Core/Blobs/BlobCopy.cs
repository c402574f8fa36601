using EfaGateway.Core.Ports;

namespace EfaGateway.Core.Blobs;

/// <summary>Copies a blob to another key as a stream (decrypted and sealed again chunk by chunk).</summary>
public static class BlobCopy
{
    /// <summary>False, and nothing left under <paramref name="to"/>, when there is no blob under <paramref name="from"/>.</summary>
    public static async Task<bool> TryCopyAsync(this IBlobStore blobs, string from, string to, CancellationToken cancellationToken)
    {
        var found = false;
        await blobs.PutAsync(to, async (sink, ct) => found = await blobs.CopyToAsync(from, sink, ct), cancellationToken);
        if (!found)
        {
            await blobs.DeleteByPrefixAsync(to, cancellationToken);
        }

        return found;
    }
}
