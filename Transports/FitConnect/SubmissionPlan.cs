using EfaGateway.Core.Ports;
using EfaGateway.Transports.FitConnect.Metadata;

namespace EfaGateway.Transports.FitConnect;

/// <summary>One attachment of the submission: what it is, its content and its FIT-Connect id.</summary>
public sealed record PlannedAttachment(Guid Id, string Purpose, DeliveryArtifact Artifact, string? Description);

/// <summary>
/// How a delivery's files become one FIT-Connect submission: the artifact in the schema's media type is the data
/// (<c>encryptedData</c>); PDFs of the application are attachments with purpose <c>form</c>, other mapped documents
/// <c>report</c>, the citizen's uploads <c>attachment</c>. The order is stable, so the attachment ids chosen on the first
/// attempt (and persisted) match the same files on every later one.
/// </summary>
public sealed record SubmissionPlan(DeliveryArtifact Data, IReadOnlyList<PlannedAttachment> Attachments)
{
    public static (SubmissionPlan? Plan, string? Problem) Make(DeliveryRequest request, string dataMediaType, IReadOnlyList<Guid>? ids)
    {
        var data = request.Artifacts.FirstOrDefault(a => a.MediaType == dataMediaType);
        if (data is null)
        {
            return (null, $"The route's mappers produce no data of type {dataMediaType}; add a mapper such as fim-json to the route.");
        }

        var files = request.Artifacts.Where(a => !ReferenceEquals(a, data))
            .Select(a => (Purpose: a.MediaType == "application/pdf" ? MetadataDocument.PurposeForm : "report", Artifact: a, Description: (string?)null))
            .Concat(request.Attachments.Select(u => (Purpose: MetadataDocument.PurposeAttachment, Artifact: u, Description: (string?)$"Anlage zu Feld {u.Name}")))
            .ToList();
        if (ids is not null && ids.Count != files.Count)
        {
            return (null, $"The delivery recorded {ids.Count} attachment ids, but it now has {files.Count} files.");
        }

        var chosen = ids ?? [.. files.Select(_ => Guid.NewGuid())];
        return (new SubmissionPlan(data, [.. files.Select((f, i) => new PlannedAttachment(chosen[i], f.Purpose, f.Artifact, f.Description))]), null);
    }
}
