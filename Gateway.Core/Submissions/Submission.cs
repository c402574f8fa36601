using System.Security.Cryptography;
using System.Text;

namespace EfaGateway.Core.Submissions;

/// <summary>
/// A submitted application. Personal data (the form data and the attachments) lives here until the retention rules
/// purge it; what stays afterwards is a minimal record: ids, times and a hash.
/// </summary>
public sealed class Submission
{
    /// <summary>The longest <c>Idempotency-Key</c> accepted (in characters, all printable ASCII).</summary>
    public const int MaxIdempotencyKeyLength = 255;

    private readonly List<Attachment> attachments = [];

    private Submission()
    {
        Vorgangsnummer = string.Empty;
        TenantId = string.Empty;
        ProcessId = string.Empty;
        ProcessVersion = string.Empty;
        DataSha256 = string.Empty;
    }

    public Submission(
        Guid id,
        string vorgangsnummer,
        string tenantId,
        string processId,
        string processVersion,
        string dataJson,
        DateTimeOffset receivedAt,
        IEnumerable<Attachment> attachments)
    {
        Id = id;
        Vorgangsnummer = vorgangsnummer;
        TenantId = tenantId;
        ProcessId = processId;
        ProcessVersion = processVersion;
        DataJson = dataJson;
        DataSha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(dataJson)));
        ReceivedAt = receivedAt;
        this.attachments.AddRange(attachments);
    }

    public Guid Id { get; private set; }

    /// <summary>The public reference number the citizen receives.</summary>
    public string Vorgangsnummer { get; private set; }

    public string TenantId { get; private set; }

    public string ProcessId { get; private set; }

    public string ProcessVersion { get; private set; }

    /// <summary>The form data as a JSON object keyed by field id; null once purged.</summary>
    public string? DataJson { get; private set; }

    /// <summary>SHA-256 of the data as received; kept after the purge as evidence.</summary>
    public string DataSha256 { get; private set; }

    public DateTimeOffset ReceivedAt { get; private set; }

    public DateTimeOffset? PersonalDataPurgedAt { get; private set; }

    /// <summary>
    /// The client's <c>Idempotency-Key</c> (unique per tenant), when it sent one: a repeated request with the same key
    /// and the same content gets this submission back instead of a second one.
    /// </summary>
    public string? IdempotencyKey { get; private set; }

    /// <summary>What the request with <see cref="IdempotencyKey"/> carried (<see cref="SubmissionFingerprint"/>), to tell a retry from a reuse.</summary>
    public string? RequestFingerprint { get; private set; }

    public IReadOnlyList<Attachment> Attachments => attachments;

    public bool IsPurged => PersonalDataPurgedAt is not null;

    /// <summary>Remembers the client's idempotency key and the fingerprint of the request that carried it.</summary>
    public void RememberIdempotencyKey(string key, string fingerprint)
    {
        IdempotencyKey = key;
        RequestFingerprint = fingerprint;
    }

    /// <summary>Removes the personal data; the blobs of the attachments must be deleted by the caller.</summary>
    public void PurgePersonalData(DateTimeOffset now)
    {
        if (IsPurged)
        {
            return;
        }

        DataJson = null;
        foreach (var attachment in attachments)
        {
            attachment.ForgetFileName();
        }

        PersonalDataPurgedAt = now;
    }
}
