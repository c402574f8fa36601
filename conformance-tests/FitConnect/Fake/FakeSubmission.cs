using EfaGateway.Conformance.FitConnect.Jose;

namespace EfaGateway.Conformance.FitConnect.Fake;

public enum SubmissionState
{
    /// <summary>Announced, attachments may be uploaded.</summary>
    Announced,

    /// <summary>Submitted: visible to the subscriber, nothing can be changed any more.</summary>
    Submitted,

    /// <summary>The subscriber sent accept-submission.</summary>
    Accepted,

    /// <summary>The subscriber sent reject-submission.</summary>
    Rejected,
}

/// <summary>The callback a sender registered when announcing a submission.</summary>
public sealed record SubmissionCallback(Uri Url, string Secret);

/// <summary>The service type a sender named in its announce.</summary>
public sealed record ServiceType(string? Name, string Identifier);

/// <summary>A submission as the fake holds it (also a case: Submission API v1 has one submission per case).</summary>
internal sealed class FakeSubmission(string submissionId, string caseId, string destinationId, string senderClientId,
    ServiceType serviceType, IReadOnlyList<string> announcedAttachments, SubmissionCallback? callback)
{
    public string SubmissionId { get; } = submissionId;

    public string CaseId { get; } = caseId;

    public string DestinationId { get; } = destinationId;

    public string SenderClientId { get; } = senderClientId;

    public ServiceType ServiceType { get; } = serviceType;

    public IReadOnlyList<string> AnnouncedAttachments { get; } = announcedAttachments;

    public SubmissionCallback? Callback { get; } = callback;

    public Dictionary<string, string> UploadedAttachments { get; } = new(StringComparer.Ordinal);

    /// <summary>Attachments decrypted as they arrived and kept only as digests (see FakeZustelldienstOptions.StreamAttachmentsFromBytes).</summary>
    public Dictionary<string, JweDigest> DigestedAttachments { get; } = new(StringComparer.Ordinal);

    public bool HasUploaded(string attachmentId) =>
        UploadedAttachments.ContainsKey(attachmentId.ToLowerInvariant()) || DigestedAttachments.ContainsKey(attachmentId.ToLowerInvariant());

    public string? EncryptedMetadata { get; set; }

    public string? EncryptedData { get; set; }

    public SubmissionState State { get; set; } = SubmissionState.Announced;

    public List<string> EventLog { get; } = [];

    public SubmissionSnapshot Snapshot() => new(SubmissionId, CaseId, DestinationId, ServiceType, State,
        AnnouncedAttachments, new Dictionary<string, string>(UploadedAttachments, StringComparer.Ordinal),
        EncryptedMetadata, EncryptedData, [.. EventLog], Callback, new Dictionary<string, JweDigest>(DigestedAttachments, StringComparer.Ordinal));
}

/// <summary>A copy of a submission's state at one moment, for tests to inspect.</summary>
public sealed record SubmissionSnapshot(
    string SubmissionId,
    string CaseId,
    string DestinationId,
    ServiceType ServiceType,
    SubmissionState State,
    IReadOnlyList<string> AnnouncedAttachments,
    IReadOnlyDictionary<string, string> UploadedAttachments,
    string? EncryptedMetadata,
    string? EncryptedData,
    IReadOnlyList<string> EventLog,
    SubmissionCallback? Callback,
    IReadOnlyDictionary<string, JweDigest>? DigestedAttachments = null);

/// <summary>One POST /v1/submissions as received (also the refused ones), with the status the fake answered.</summary>
public sealed record AnnounceRecord(DateTimeOffset At, string? ClientId, string Body, int Status, string? SubmissionId);

/// <summary>One PUT of an attachment as received, with the status the fake answered.</summary>
public sealed record UploadRecord(DateTimeOffset At, string SubmissionId, string AttachmentId, string? ContentType, int BodyLength, int Status);

/// <summary>One PUT /v1/submissions/{id} as received, with the status the fake answered.</summary>
public sealed record SubmitRecord(DateTimeOffset At, string SubmissionId, string Body, int Status);
