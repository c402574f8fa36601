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
    RouteDefinition? route = null)
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
}

/// <summary>One file to deliver.</summary>
public sealed record DeliveryArtifact(string Name, string FileName, string MediaType, ReadOnlyMemory<byte> Content);
