namespace EfaGateway.Conformance.FitConnect.Subscriber;

/// <summary>One entry of a reject-submission event's <c>problems</c> list (RFC 7807 style).</summary>
public sealed record RejectionProblem(string Type, string Title, string Detail, string Instance);

/// <summary>
/// The problem types a subscriber uses in reject-submission (docs.fitko.de/fit-connect/docs/receiving/verification:
/// "type and instance MUST be copied exactly, title SHOULD"). The page's table could not be read whole
/// (FINDINGS §2.3), so the names and titles below follow our notes and the documented prefix and are not verified
/// one by one; instances are <c>metadata</c>, <c>data</c>, <c>attachment:{id}</c> or <c>submission</c>.
/// </summary>
public static class ProblemTypes
{
    public const string Prefix = "https://schema.fitko.de/fit-connect/events/problems/";

    public const string EncryptionIssue = Prefix + "encryption-issue";
    public const string SyntaxViolation = Prefix + "syntax-violation";
    public const string SchemaViolation = Prefix + "schema-violation";
    public const string UnsupportedMetadataSchema = Prefix + "unsupported-metadata-schema";
    public const string UnsupportedSchema = Prefix + "unsupported-schema";
    public const string MissingData = Prefix + "missing-data";
    public const string HashMismatch = Prefix + "hash-mismatch";
    public const string MissingAttachments = Prefix + "missing-attachments";
    public const string AttachmentsMismatch = Prefix + "attachments-mismatch";
    public const string ServiceMismatch = Prefix + "service-mismatch";
    public const string IncorrectAuthenticationTag = Prefix + "incorrect-authentication-tag";
    public const string InvalidEventLog = Prefix + "invalid-event-log";
    public const string UnsupportedReplyChannel = Prefix + "unsupported-reply-channel";
    public const string TechnicalError = Prefix + "technical-error";

    private static readonly Dictionary<string, (string Title, string Instance)> Catalogue = new(StringComparer.Ordinal)
    {
        [EncryptionIssue] = ("Entschlüsselungs-Fehler", "metadata"),
        [SyntaxViolation] = ("Syntax-Fehler", "metadata"),
        [SchemaViolation] = ("Schema-Fehler", "metadata"),
        [UnsupportedMetadataSchema] = ("Metadatenschema nicht unterstützt", "metadata"),
        [UnsupportedSchema] = ("Fachdatenschema nicht unterstützt", "data"),
        [MissingData] = ("Fachdaten fehlen", "data"),
        [HashMismatch] = ("Prüfsumme stimmt nicht", "data"),
        [MissingAttachments] = ("Anlagen fehlen", "submission"),
        [AttachmentsMismatch] = ("Anlagen stimmen nicht überein", "submission"),
        [ServiceMismatch] = ("Verwaltungsleistung stimmt nicht überein", "metadata"),
        [IncorrectAuthenticationTag] = ("Authentication-Tag stimmt nicht", "metadata"),
        [InvalidEventLog] = ("Event-Log ungültig", "submission"),
        [UnsupportedReplyChannel] = ("Rückkanal nicht unterstützt", "metadata"),
        [TechnicalError] = ("Technischer Fehler", "submission"),
    };

    /// <summary>Every problem type the reference subscriber knows, for tests that walk through all of them.</summary>
    public static IReadOnlyCollection<string> All => Catalogue.Keys;

    public static RejectionProblem Create(string type, string detail, string? instance = null) =>
        Catalogue.TryGetValue(type, out var known)
            ? new RejectionProblem(type, known.Title, detail, instance ?? known.Instance)
            : throw new ArgumentException($"Unknown problem type {type}.", nameof(type));
}
