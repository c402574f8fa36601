using System.Globalization;
using System.Security.Cryptography;
using EfaGateway.Core.Blobs;
using EfaGateway.Core.Deliveries;
using EfaGateway.Core.Ports;
using EfaGateway.Core.Postkorb;

namespace EfaGateway.Transports.Postkorb;

/// <summary>
/// Hands an application to the tenant's Postkorb: its artifacts (PDF, XML, …) and uploads become the files of one
/// Postkorb item, deleted after the process's retention period whether fetched or not. No receipt follows: handover
/// is confirmation. The files are written here; the item is saved by the worker together with the outcome.
/// </summary>
public sealed class PostkorbTransport(IPostkorbStore store, IBlobStore blobs, TimeProvider time) : ITransport
{
    public const string TransportId = "postkorb";

    /// <summary>The external id under which the item id is shown in the delivery record.</summary>
    public const string ItemIdKey = "postkorb.itemId";

    public string Id => TransportId;

    /// <summary>The item appears with the outcome; a failed attempt left no item, so a retry may map again.</summary>
    public bool KeepsArtifactsForRetries => false;

    /// <summary>Uploads are copied blob to blob in chunks: a large one costs no memory (uploads may be up to 1 GB).</summary>
    public bool StreamsAttachments => true;

    public async Task<DeliveryOutcome> DeliverAsync(DeliveryRequest request, CancellationToken cancellationToken)
    {
        // The item's id is the delivery's (one delivery makes at most one item). The item is saved with the confirmed
        // outcome in one transaction (DeliveryOutcome.IntoPostkorb), so a delivery still being attempted has none, and
        // nothing needs looking up first. Only a delivery whose record already names an item may have one: those
        // from before that change, which kept a random id and added the item ahead of the outcome.
        var itemId = request.ExternalIds.TryGetValue(ItemIdKey, out var recorded)
            ? Guid.Parse(recorded, CultureInfo.InvariantCulture)
            : request.DeliveryId;
        if (recorded is not null && await store.FindAsync(itemId, cancellationToken) is not null)
        {
            return DeliveryOutcome.Succeeded(awaitsReceipt: false);
        }

        request.NoteExternalId(ItemIdKey, itemId.ToString("D"));
        var files = new List<PostkorbFile>();
        var index = 0;
        foreach (var (artifact, name) in NameFiles(request))
        {
            var key = BlobKeys.PostkorbFile(itemId, index++);
            files.Add(artifact.IsStreamed
                ? await PutStreamedAsync(key, name, artifact, cancellationToken)
                : await PutAsync(key, name, artifact, cancellationToken));
        }

        var submission = request.Submission;
        return DeliveryOutcome.IntoPostkorb(new PostkorbItem(itemId, submission.TenantId, submission.ProcessId, submission.Id,
            request.DeliveryId, submission.Vorgangsnummer, time.GetUtcNow(), TimeSpan.FromDays(request.TenantProcess.PostkorbRetentionDays), files));
    }

    private async Task<PostkorbFile> PutAsync(string key, string name, DeliveryArtifact artifact, CancellationToken cancellationToken)
    {
        await blobs.PutAsync(key, artifact.Content, cancellationToken);
        return new PostkorbFile(name, artifact.MediaType, artifact.Content.Length, Convert.ToHexStringLower(SHA256.HashData(artifact.Content.Span)), key);
    }

    /// <summary>The hash and size staff see are of the bytes that were written, counted as they pass.</summary>
    private async Task<PostkorbFile> PutStreamedAsync(string key, string name, DeliveryArtifact artifact, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long size = 0;
        await blobs.PutAsync(key, async (destination, ct) =>
        {
            await using var hashing = new HashingStream(destination, hash);
            await artifact.CopyToAsync(hashing, ct);
            size = hashing.Length;
        }, cancellationToken);
        return new PostkorbFile(name, artifact.MediaType, size, Convert.ToHexStringLower(hash.GetCurrentHash()), key);
    }

    /// <summary>Artifacts keep their names; uploads are numbered so two files called "scan.pdf" stay apart.</summary>
    private static IEnumerable<(DeliveryArtifact Artifact, string Name)> NameFiles(DeliveryRequest request)
    {
        foreach (var artifact in request.Artifacts)
        {
            yield return (artifact, artifact.FileName);
        }

        var number = 1;
        foreach (var upload in request.Attachments)
        {
            yield return (upload, $"Anlage-{number++:D2}-{upload.FileName}");
        }
    }
}
