using EfaGateway.Core.Blobs;
using EfaGateway.Core.Diagnostics;
using EfaGateway.Core.Ports;
using EfaGateway.Core.Processes;
using EfaGateway.Core.Submissions;
using Microsoft.Extensions.DependencyInjection;

namespace EfaGateway.Core.Pipeline;

/// <summary>
/// Produces a route's artifacts. For transports that need it (<see cref="ITransport.KeepsArtifactsForRetries"/>) each
/// artifact is mapped once per submission and kept (encrypted) in the blob store, so a retry delivers the very same
/// bytes (same hash, same PDF) instead of re-rendering; for the others it is mapped in memory only.
/// </summary>
public sealed class ArtifactBuilder(IServiceProvider services, IBlobStore blobs)
{
    public async Task<ArtifactBuildResult> BuildAsync(TenantProcess tenantProcess, Submission submission,
        IReadOnlyList<string> mapperIds, bool keepForRetries, CancellationToken cancellationToken)
    {
        var artifacts = new List<DeliveryArtifact>();
        foreach (var mapperId in mapperIds)
        {
            var mapper = services.GetKeyedService<IMapper>(mapperId);
            if (mapper is null)
            {
                return ArtifactBuildResult.Failed($"No mapper with id '{mapperId}' is registered.");
            }

            // One span per mapper: mapping (PDF, XSD validation) is the expensive part of a delivery.
            using var activity = GatewayTracing.Source.StartActivity("map");
            activity?.SetTag(GatewayTracing.Tags.Mapper, mapperId);
            activity?.SetTag(GatewayTracing.Tags.SubmissionId, submission.Id);
            var key = BlobKeys.Artifact(submission.Id, mapperId);
            // Without keeping, nothing is looked up either: the transport takes a fresh mapping, and on the common first
            // attempt there would be nothing to find (a failed lookup costs a file-system miss per artifact).
            var content = keepForRetries ? await blobs.GetAsync(key, cancellationToken) : null;
            activity?.SetTag(GatewayTracing.Tags.Cached, content is not null);
            if (content is null)
            {
                var result = await mapper.MapAsync(new MappingInput(tenantProcess, submission), cancellationToken);
                if (!result.Succeeded)
                {
                    activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, "mapping failed");
                    return ArtifactBuildResult.Failed($"Mapper '{mapperId}' failed: {result.Error}");
                }

                content = result.Content!;
                if (keepForRetries)
                {
                    await blobs.PutAsync(key, content, cancellationToken);
                }
            }

            artifacts.Add(new DeliveryArtifact(mapperId, $"{submission.Vorgangsnummer}.{mapper.FileExtension}", mapper.MediaType, content));
        }

        return new ArtifactBuildResult(artifacts, null);
    }

    public async Task<IReadOnlyList<DeliveryArtifact>> LoadAttachmentsAsync(Submission submission, CancellationToken cancellationToken)
    {
        var loaded = new List<DeliveryArtifact>();
        foreach (var attachment in submission.Attachments)
        {
            var content = await blobs.GetAsync(attachment.BlobKey, cancellationToken)
                ?? throw new InvalidOperationException($"Attachment {attachment.Id} of submission {submission.Id} is missing from the blob store.");
            loaded.Add(new DeliveryArtifact(attachment.FieldId, attachment.FileName ?? attachment.Id.ToString("N"), attachment.MediaType, content));
        }

        return loaded;
    }

    /// <summary>
    /// The uploads as streamed artifacts: nothing is read now; each copy decrypts the blob chunk by chunk into the
    /// transport's stream (for uploads far larger than the memory a delivery should take).
    /// </summary>
    public IReadOnlyList<DeliveryArtifact> StreamAttachments(Submission submission) =>
        [.. submission.Attachments.Select(attachment => DeliveryArtifact.Streamed(attachment.FieldId, attachment.FileName ?? attachment.Id.ToString("N"),
            attachment.MediaType, attachment.Size, async (destination, ct) =>
            {
                if (!await blobs.CopyToAsync(attachment.BlobKey, destination, ct))
                {
                    throw new InvalidOperationException($"Attachment {attachment.Id} of submission {submission.Id} is missing from the blob store.");
                }
            }))];
}

public sealed record ArtifactBuildResult(IReadOnlyList<DeliveryArtifact> Artifacts, string? Error)
{
    public static ArtifactBuildResult Failed(string error) => new([], error);
}
