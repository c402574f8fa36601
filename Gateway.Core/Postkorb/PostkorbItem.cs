namespace EfaGateway.Core.Postkorb;

/// <summary>
/// An application handed to a tenant's Postkorb (staff mailbox). Deleted <see cref="DeleteAt"/> whether fetched or not.
/// </summary>
public sealed class PostkorbItem
{
    private readonly List<PostkorbFile> files = [];

    private PostkorbItem()
    {
        TenantId = string.Empty;
        ProcessId = string.Empty;
        Vorgangsnummer = string.Empty;
    }

    public PostkorbItem(Guid id, string tenantId, string processId, Guid submissionId, Guid deliveryId,
        string vorgangsnummer, DateTimeOffset providedAt, TimeSpan retention, IEnumerable<PostkorbFile> files)
    {
        Id = id;
        TenantId = tenantId;
        ProcessId = processId;
        SubmissionId = submissionId;
        DeliveryId = deliveryId;
        Vorgangsnummer = vorgangsnummer;
        ProvidedAt = providedAt;
        DeleteAt = providedAt + retention;
        this.files.AddRange(files);
    }

    public Guid Id { get; private set; }

    public string TenantId { get; private set; }

    public string ProcessId { get; private set; }

    public Guid SubmissionId { get; private set; }

    public Guid DeliveryId { get; private set; }

    public string Vorgangsnummer { get; private set; }

    public DateTimeOffset ProvidedAt { get; private set; }

    public DateTimeOffset DeleteAt { get; private set; }

    public DateTimeOffset? FirstFetchedAt { get; private set; }

    public string? FirstFetchedBy { get; private set; }

    /// <summary>
    /// When the staff of the process were told by e-mail that the item arrived; null until the notice job has mailed
    /// them. Kept on the item (not sent during delivery) so a crash between storing and mailing loses no notice.
    /// </summary>
    public DateTimeOffset? NotifiedAt { get; private set; }

    public IReadOnlyList<PostkorbFile> Files => files;

    public void MarkFetched(string by, DateTimeOffset at)
    {
        if (FirstFetchedAt is null)
        {
            FirstFetchedAt = at;
            FirstFetchedBy = by;
        }
    }
}

/// <summary>One downloadable file of a Postkorb item; the content is in the blob store.</summary>
public sealed record PostkorbFile(string Name, string MediaType, long Size, string Sha256, string BlobKey);
