namespace EfaGateway.Transports.FitConnect;

/// <summary>
/// The external ids a FIT-Connect delivery records, each durably before the step that depends on it, so a crash at
/// any point resumes where it stopped: attachment ids before the announcement, submission and case id right after
/// it (both in one write), each upload's authentication tag after the upload, the submission's tags and the mark
/// after the submit (in one write).
/// </summary>
public static class FitConnectIds
{
    public const string AttachmentIds = "fitconnect.attachmentIds";
    public const string SubmissionId = "fitconnect.submissionId";
    public const string CaseId = "fitconnect.caseId";
    public const string MetadataTag = "fitconnect.tag.metadata";
    public const string DataTag = "fitconnect.tag.data";
    public const string AttachmentTagPrefix = "fitconnect.tag.attachment.";
    public const string Submitted = "fitconnect.submitted";

    public static string AttachmentTag(Guid attachmentId) => AttachmentTagPrefix + attachmentId.ToString("D");
}
