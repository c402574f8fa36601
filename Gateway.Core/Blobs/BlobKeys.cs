namespace EfaGateway.Core.Blobs;

/// <summary>Where things live in the blob store. Everything of one submission shares a prefix, so it can be purged as one.</summary>
public static class BlobKeys
{
    /// <summary>Where every submission's files live, each under <see cref="SubmissionPrefix"/>.</summary>
    public const string SubmissionsRoot = "submissions/";

    public static string SubmissionPrefix(Guid submissionId) => $"{SubmissionsRoot}{submissionId:N}/";

    public static string Attachment(Guid submissionId, Guid attachmentId) => $"{SubmissionPrefix(submissionId)}attachments/{attachmentId:N}";

    public static string Artifact(Guid submissionId, string mapperId) => $"{SubmissionPrefix(submissionId)}artifacts/{mapperId}";

    public static string PostkorbPrefix(Guid itemId) => $"postkorb/{itemId:N}/";

    public static string PostkorbFile(Guid itemId, int index) => $"{PostkorbPrefix(itemId)}{index}";

    public static string DraftPrefix(Guid draftId) => $"drafts/{draftId:N}/";

    /// <summary>What belongs to the tenant itself rather than to one application (its logo).</summary>
    public static string TenantPrefix(string tenantId) => $"tenants/{tenantId}/";

    public static string TenantLogo(string tenantId) => $"{TenantPrefix(tenantId)}logo";
}
