namespace EfaGateway.Core.Submissions;

/// <summary>An uploaded file of a submission. The content lives in the blob store under <see cref="BlobKey"/>.</summary>
public sealed class Attachment
{
    private Attachment()
    {
        FieldId = string.Empty;
        MediaType = string.Empty;
        Sha256 = string.Empty;
        BlobKey = string.Empty;
    }

    public Attachment(Guid id, string fieldId, string fileName, string mediaType, long size, string sha256, string blobKey)
    {
        Id = id;
        FieldId = fieldId;
        FileName = fileName;
        MediaType = mediaType;
        Size = size;
        Sha256 = sha256;
        BlobKey = blobKey;
    }

    public Guid Id { get; private set; }

    public string FieldId { get; private set; }

    /// <summary>The citizen's file name; it may itself be personal data and is forgotten on purge.</summary>
    public string? FileName { get; private set; }

    public string MediaType { get; private set; }

    public long Size { get; private set; }

    public string Sha256 { get; private set; }

    public string BlobKey { get; private set; }

    internal void ForgetFileName() => FileName = null;
}
