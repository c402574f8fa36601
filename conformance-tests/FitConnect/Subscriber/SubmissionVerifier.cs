using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using EfaGateway.Conformance.FitConnect.Jose;

namespace EfaGateway.Conformance.FitConnect.Subscriber;

/// <summary>The outcome of verifying one submission: the checks made, the problems found and the decrypted parts.</summary>
internal sealed class Verification(string submissionId, string caseId)
{
    public string SubmissionId { get; } = submissionId;

    public string CaseId { get; } = caseId;

    public List<string> Checks { get; } = [];

    public List<RejectionProblem> Problems { get; } = [];

    public JsonElement? Metadata { get; set; }

    public byte[]? Data { get; set; }

    public Dictionary<string, byte[]> Attachments { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The authentication tags of the JWEs as fetched (what accept-submission confirms).</summary>
    public JsonObject AuthenticationTags { get; } = new() { ["attachments"] = new JsonObject() };

    /// <summary>The set-payload schema of the Zustelldienst's submit-submission SET, mirrored in our own SET.</summary>
    public string? SetPayloadSchema { get; set; }

    public void Fail(string type, string detail, string? instance = null)
    {
        Problems.Add(ProblemTypes.Create(type, detail, instance));
        Checks.Add($"FAILED {type[ProblemTypes.Prefix.Length..]} ({instance ?? "-"}): {detail}");
    }

    public void Pass(string check) => Checks.Add($"ok {check}");
}

/// <summary>
/// Verifies a fetched submission as docs.fitko.de "Verifikation einer Einreichung" asks of a subscriber, in order:
/// event log and submit-submission SET, decryption, metadata syntax and schema, service type, data iff described,
/// submission schema, SHA-512 hashes, attachment lists and authentication tags.
/// </summary>
internal sealed partial class SubmissionVerifier(SubscriberConnection connection, SubmissionApiClient api)
{
    public async Task<Verification> VerifyAsync(string submissionId, CancellationToken cancellationToken)
    {
        var submission = await api.GetJsonAsync($"v1/submissions/{submissionId}", cancellationToken);
        var verification = new Verification(submissionId, submission.GetProperty("caseId").GetString()!);
        var destination = await api.GetJsonAsync($"v1/destinations/{connection.DestinationId}", cancellationToken);
        var eventLog = await api.GetJsonAsync($"v1/cases/{verification.CaseId}/events", cancellationToken);
        var jwks = await api.GetJsonAsync(".well-known/jwks.json", cancellationToken);

        var encryptedMetadata = OptionalString(submission, "encryptedMetadata");
        var encryptedData = OptionalString(submission, "encryptedData");
        var announced = submission.TryGetProperty("attachments", out var ids) && ids.ValueKind == JsonValueKind.Array
            ? ids.EnumerateArray().Select(id => id.GetString()!).ToList()
            : [];
        var attachmentJwes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var id in announced)
        {
            try
            {
                attachmentJwes[id] = await api.GetTextAsync($"v1/submissions/{submissionId}/attachments/{id}", cancellationToken);
            }
            catch (HttpRequestException ex) when (ex.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                verification.Fail(ProblemTypes.MissingAttachments, $"Attachment {id} was announced but cannot be fetched.", $"attachment:{id}");
            }
        }

        CollectTags(verification, encryptedMetadata, encryptedData, attachmentJwes);
        var submitSet = CheckEventLog(verification, eventLog, jwks);
        var metadata = DecryptMetadata(verification, encryptedMetadata, destination);
        if (metadata is { } meta)
        {
            CheckServiceType(verification, meta, submission, destination);
            CheckData(verification, meta, encryptedData, submission, destination);
            CheckAttachments(verification, meta, announced, attachmentJwes);
        }

        if (submitSet is not null)
        {
            CheckAuthenticationTags(verification, submitSet);
        }

        return verification;
    }

    private SecurityEventToken? CheckEventLog(Verification verification, JsonElement eventLog, JsonElement jwks)
    {
        var sets = eventLog.GetProperty("eventLog").EnumerateArray().Select(set => set.GetString()!).ToList();
        var submitSets = sets.Select(SecurityEventToken.ReadUnverified)
            .Where(set => set.EventUri == FitConnectEvents.SubmitSubmission).ToList();
        if (submitSets.Count != 1)
        {
            verification.Fail(ProblemTypes.InvalidEventLog, $"The event log holds {submitSets.Count} submit-submission events, not one.", "submission");
            return null;
        }

        var unverified = submitSets[0];
        var jwk = jwks.GetProperty("keys").EnumerateArray()
            .FirstOrDefault(key => key.TryGetProperty("kid", out var kid) && kid.GetString() == unverified.KeyId);
        if (jwk.ValueKind != JsonValueKind.Object)
        {
            verification.Fail(ProblemTypes.InvalidEventLog, $"The Zustelldienst publishes no key {unverified.KeyId}.", "submission");
            return null;
        }

        using var key = JsonWebKeys.ToRsa(jwk);
        var set = SecurityEventToken.Verify(unverified.Token, key, out var error);
        var issuer = api.ApiBaseUrl.GetLeftPart(UriPartial.Authority);
        if (set is null || set.Issuer != issuer || set.SubmissionId != verification.SubmissionId || set.CaseId != verification.CaseId)
        {
            verification.Fail(ProblemTypes.InvalidEventLog,
                error ?? $"submit-submission names iss {set!.Issuer}, {set.Subject}, {set.Transaction}; expected {issuer} and this submission and case.",
                "submission");
            return null;
        }

        verification.SetPayloadSchema = set.PayloadSchema;
        verification.Pass("submit-submission SET: PS512 signature by the Zustelldienst, iss, sub and txn");
        return set;
    }

    private JsonElement? DecryptMetadata(Verification verification, string? encryptedMetadata, JsonElement destination)
    {
        var plaintext = Decrypt(verification, encryptedMetadata, "metadata");
        if (plaintext is null)
        {
            return null;
        }

        JsonElement metadata;
        try
        {
            metadata = JsonDocument.Parse(plaintext).RootElement.Clone();
            verification.Metadata = metadata;
        }
        catch (JsonException ex)
        {
            verification.Fail(ProblemTypes.SyntaxViolation, $"The metadata are not JSON: {ex.Message}", "metadata");
            return null;
        }

        var version = MetadataSchemas.ClaimedVersion(metadata);
        var offered = destination.GetProperty("metadataVersions").EnumerateArray().Select(v => v.GetString()).ToList();
        string? usedVersion = null;
        var schema = version is null ? null : MetadataSchemas.For(version, out usedVersion);
        if (version is null || schema is null || !offered.Contains(version))
        {
            verification.Fail(ProblemTypes.UnsupportedMetadataSchema,
                $"Metadata version {version ?? "(unknown $schema)"} is not among the destination's {string.Join(", ", offered)} or not known here.",
                "metadata");
            return null;
        }

        var errors = MetadataSchemas.Validate(schema, metadata);
        if (errors.Count > 0)
        {
            verification.Fail(ProblemTypes.SchemaViolation, $"The metadata violate schema {version}: {string.Join("; ", errors.Take(5))}", "metadata");
            return null;
        }

        verification.Pass($"metadata decrypted; version {version} offered by the destination; valid against bundled schema {usedVersion}");
        return metadata;
    }

    private byte[]? Decrypt(Verification verification, string? jwe, string instance)
    {
        if (jwe is null || !CompactJwe.TryParse(jwe, out var parsed))
        {
            verification.Fail(ProblemTypes.EncryptionIssue, "Not a JWE in compact serialization.", instance);
            return null;
        }

        if (parsed.KeyId is not { } kid || !connection.DecryptionKeys.TryGetValue(kid, out var key))
        {
            verification.Fail(ProblemTypes.EncryptionIssue, $"No private key for kid {parsed.KeyId}.", instance);
            return null;
        }

        try
        {
            return global::Jose.JWT.DecodeBytes(jwe, key, global::Jose.JweAlgorithm.RSA_OAEP_256, global::Jose.JweEncryption.A256GCM);
        }
        catch (Exception ex) when (ex is global::Jose.JoseException or CryptographicException or ArgumentException)
        {
            verification.Fail(ProblemTypes.EncryptionIssue, $"Decryption failed: {ex.Message}", instance);
            return null;
        }
    }

    private static string? OptionalString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
