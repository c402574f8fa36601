using EfaGateway.Core.Deliveries;
using EfaGateway.Core.Processes;
using EfaGateway.Core.Submissions;

namespace EfaGateway.Core.Ports;

/// <summary>
/// Carries a submission's artifacts to one kind of back office. Registered as a keyed service by <see cref="Id"/>.
/// Must be idempotent: obtain the remote id first, record it through <see cref="DeliveryRequest.RecordExternalIdAsync"/>,
/// and on a later attempt resume with the ids in <see cref="DeliveryRequest.ExternalIds"/> instead of starting over.
/// </summary>
public interface ITransport
{
    string Id { get; }

    /// <summary>
    /// True if the transport reads the citizen's uploads only through <see cref="DeliveryArtifact.CopyToAsync"/>: it
    /// then gets them as streamed artifacts (never loaded whole), so a large upload costs no memory. Others get them loaded.
    /// </summary>
    bool StreamsAttachments => false;

    /// <summary>
    /// True if a retry must hand over the very bytes of the first attempt, because the remote end may already hold part
    /// of them (an upload, a hash, a signed envelope): the mapped artifacts are then kept in the blob store and reused.
    /// A transport whose handover becomes visible in one atomic final step (the Postkorb's item insert) may say false:
    /// a failed attempt handed nothing over (files it wrote are overwritten by the retry under the same keys), so a
    /// retry maps again and the delivery writes no artifact copies. So may a transport whose remote end tells whether
    /// it already has the message (XTA's transport report under the recorded MessageID) and that sends only if not.
    /// </summary>
    bool KeepsArtifactsForRetries => true;

    Task<DeliveryOutcome> DeliverAsync(DeliveryRequest request, CancellationToken cancellationToken);
}

/// <summary>Everything a transport needs for one attempt.</summary>
public sealed class DeliveryRequest(
    Guid deliveryId,
    TenantProcess tenantProcess,
    Submission submission,
    IReadOnlyList<DeliveryArtifact> artifacts,
    IReadOnlyList<DeliveryArtifact> attachments,
    IReadOnlyDictionary<string, string> externalIds,
    Func<IReadOnlyDictionary<string, string>, CancellationToken, Task> recordExternalIds,
    RouteDefinition? route = null,
    Action<IReadOnlyDictionary<string, string>>? noteExternalIds = null)
{
    public Guid DeliveryId { get; } = deliveryId;

    public TenantProcess TenantProcess { get; } = tenantProcess;

    /// <summary>The route this delivery follows, with its settings; null for a fallback transport without a route of its own.</summary>
    public RouteDefinition? Route { get; } = route;

    public Submission Submission { get; } = submission;

    /// <summary>Mapped documents (XML, PDF, …) in the order of the route's mapper ids.</summary>
    public IReadOnlyList<DeliveryArtifact> Artifacts { get; } = artifacts;

    /// <summary>The citizen's uploads.</summary>
    public IReadOnlyList<DeliveryArtifact> Attachments { get; } = attachments;

    /// <summary>Ids recorded by earlier attempts of this delivery.</summary>
    public IReadOnlyDictionary<string, string> ExternalIds { get; } = externalIds;

    /// <summary>Persists an id durably before the call returns, so a crash after it never loses it.</summary>
    public Task RecordExternalIdAsync(string key, string value, CancellationToken cancellationToken) =>
        recordExternalIds(new Dictionary<string, string>(StringComparer.Ordinal) { [key] = value }, cancellationToken);

    /// <summary>Persists several ids in one write: after a crash either all of them are recorded or none.</summary>
    public Task RecordExternalIdsAsync(IReadOnlyDictionary<string, string> ids, CancellationToken cancellationToken) =>
        recordExternalIds(ids, cancellationToken);

    /// <summary>
    /// Notes an id for operators without a write of its own: it is saved with the attempt's outcome. Only for ids the
    /// transport can derive again after a crash (so losing the note loses nothing); others go through
    /// <see cref="RecordExternalIdAsync"/>.
    /// </summary>
    public void NoteExternalId(string key, string value) =>
        noteExternalIds?.Invoke(new Dictionary<string, string>(StringComparer.Ordinal) { [key] = value });
}

/// <summary>One file to deliver: in memory (<see cref="Content"/>), or streamed from where it is stored (<see cref="Streamed"/>).</summary>
public sealed record DeliveryArtifact(string Name, string FileName, string MediaType, ReadOnlyMemory<byte> Content)
{
    /// <summary>True if the content is not in memory: <see cref="Content"/> is empty, <see cref="CopyToAsync"/> writes it.</summary>
    public bool IsStreamed => Source is not null;

    /// <summary>The content's length in bytes, also for a streamed artifact (known from where it is stored).</summary>
    public long Length => Source is null ? Content.Length : StreamedLength;

    private Func<Stream, CancellationToken, Task>? Source { get; init; }

    private long StreamedLength { get; init; }

    /// <summary>A file that is not loaded: <paramref name="source"/> writes its <paramref name="length"/> bytes each time it is asked.</summary>
    public static DeliveryArtifact Streamed(string name, string fileName, string mediaType, long length, Func<Stream, CancellationToken, Task> source) =>
        new(name, fileName, mediaType, ReadOnlyMemory<byte>.Empty) { Source = source, StreamedLength = length };

    /// <summary>Writes the content into <paramref name="destination"/>, in chunks if it is streamed.</summary>
    public Task CopyToAsync(Stream destination, CancellationToken cancellationToken) =>
        Source?.Invoke(destination, cancellationToken) ?? destination.WriteAsync(Content, cancellationToken).AsTask();
}
