using System.Text.Json.Nodes;

namespace EfaGateway.Host.Forms;

/// <summary>
/// A citizen's application while it is being filled in: the answers so far (possibly not yet valid, as typed) and the
/// uploaded files. Lives in the blob store (encrypted at rest), found through a cookie; the municipality never sees it.
/// </summary>
public sealed class FormSession
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    public required Guid Id { get; init; }

    public required string TenantId { get; init; }

    public required string ProcessId { get; init; }

    public required string ProcessVersion { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public JsonObject Data { get; set; } = [];

    public List<FormUpload> Uploads { get; set; } = [];

    public Guid? SubmissionId { get; set; }

    public string? Vorgangsnummer { get; set; }

    public DateTimeOffset? SubmittedAt { get; set; }

    /// <summary>The saved draft this session was resumed from or last saved as; replaced on the next save, deleted on sending.</summary>
    public Guid? DraftId { get; set; }

    /// <summary>Confirmation e-mails sent for this application (limited, so the page cannot be used to send mail at will).</summary>
    public int ConfirmationsMailed { get; set; }

    /// <summary>Where the citizen may go next: the furthest step reached, so "back" links and step links stay honest.</summary>
    public int FurthestStep { get; set; }
}

/// <summary>An uploaded file, scanned and stored under the session; <see cref="FieldPath"/> names the file field's instance.</summary>
public sealed record FormUpload(Guid Id, string FieldPath, string FileName, string MediaType, long Size, string Sha256, byte[] Head);
