using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using EfaGateway.Conformance.FitConnect.Jose;

namespace EfaGateway.Conformance.FitConnect.Subscriber;

/// <summary>The checks on the content: service type, data, attachments, hashes and authentication tags.</summary>
internal sealed partial class SubmissionVerifier
{
    private static void CheckServiceType(Verification verification, JsonElement metadata, JsonElement submission, JsonElement destination)
    {
        var announced = submission.GetProperty("serviceType").GetProperty("identifier").GetString();
        var offered = destination.GetProperty("services").EnumerateArray()
            .Select(service => service.GetProperty("identifier").GetString()).ToList();
        if (!offered.Contains(announced))
        {
            verification.Fail(ProblemTypes.ServiceMismatch, $"The destination does not offer {announced}.", "metadata");
            return;
        }

        // Metadata 1.x name the service in publicServiceType; 2.x dropped it and rely on the announce.
        if (metadata.TryGetProperty("publicServiceType", out var named)
            && named.TryGetProperty("identifier", out var identifier) && identifier.GetString() != announced)
        {
            verification.Fail(ProblemTypes.ServiceMismatch,
                $"The metadata name service {identifier.GetString()}, the announce named {announced}.", "metadata");
            return;
        }

        verification.Pass($"service {announced} offered by the destination and named consistently");
    }

    private void CheckData(Verification verification, JsonElement metadata, string? encryptedData, JsonElement submission, JsonElement destination)
    {
        var structure = metadata.GetProperty("contentStructure");
        var described = structure.TryGetProperty("data", out var data) ? data : (JsonElement?)null;
        if (described is null)
        {
            if (encryptedData is not null)
            {
                verification.Fail(ProblemTypes.SchemaViolation, "Data were sent but contentStructure.data does not describe them.", "metadata");
            }
            else
            {
                verification.Pass("no data, and none described");
            }

            return;
        }

        if (encryptedData is null)
        {
            verification.Fail(ProblemTypes.MissingData, "contentStructure.data describes data, but none were sent.", "data");
            return;
        }

        var schema = described.Value.GetProperty("submissionSchema");
        var (schemaUri, mimeType) = (schema.GetProperty("schemaUri").GetString(), schema.GetProperty("mimeType").GetString());
        var service = submission.GetProperty("serviceType").GetProperty("identifier").GetString();
        var offered = destination.GetProperty("services").EnumerateArray()
            .Where(s => s.GetProperty("identifier").GetString() == service)
            .SelectMany(s => s.GetProperty("submissionSchemas").EnumerateArray())
            .Any(s => s.GetProperty("schemaUri").GetString() == schemaUri && s.GetProperty("mimeType").GetString() == mimeType);
        if (!offered)
        {
            verification.Fail(ProblemTypes.UnsupportedSchema, $"The destination does not take {schemaUri} ({mimeType}) for {service}.", "data");
        }

        var plaintext = Decrypt(verification, encryptedData, "data");
        if (plaintext is null)
        {
            return;
        }

        verification.Data = plaintext;
        CheckHash(verification, described.Value.GetProperty("hash"), plaintext, "data");
        if (mimeType == "application/json" && !IsJson(plaintext))
        {
            verification.Fail(ProblemTypes.SyntaxViolation, "The data are declared application/json but are not JSON.", "data");
        }
        else if (offered)
        {
            // The data schema itself (a FIM schema) is not fetched: the kit checks syntax, hash and the schema choice.
            verification.Pass($"data decrypted, schema {schemaUri} offered, syntax {mimeType}");
        }
    }

    private void CheckAttachments(Verification verification, JsonElement metadata, IReadOnlyList<string> announced,
        Dictionary<string, string> fetched)
    {
        var described = metadata.GetProperty("contentStructure").GetProperty("attachments").EnumerateArray().ToList();
        var describedIds = described.Select(a => a.GetProperty("attachmentId").GetString()!.ToLowerInvariant()).ToHashSet();
        var announcedIds = announced.Select(id => id.ToLowerInvariant()).ToHashSet();
        if (!describedIds.SetEquals(announcedIds))
        {
            verification.Fail(ProblemTypes.AttachmentsMismatch,
                $"Announced [{string.Join(", ", announcedIds.Order())}] but the metadata describe [{string.Join(", ", describedIds.Order())}].",
                "submission");
        }

        foreach (var attachment in described)
        {
            var id = attachment.GetProperty("attachmentId").GetString()!;
            if (!fetched.TryGetValue(id, out var jwe))
            {
                if (!announcedIds.Contains(id.ToLowerInvariant()))
                {
                    verification.Fail(ProblemTypes.MissingAttachments, $"Attachment {id} is described but was never announced.", $"attachment:{id}");
                }

                continue;
            }

            if (Decrypt(verification, jwe, $"attachment:{id}") is { } plaintext)
            {
                verification.Attachments[id] = plaintext;
                CheckHash(verification, attachment.GetProperty("hash"), plaintext, $"attachment:{id}");
            }
        }

        verification.Pass($"{described.Count} attachment(s) described, {announcedIds.Count} announced, {fetched.Count} fetched");
    }

    private static void CheckHash(Verification verification, JsonElement hash, byte[] plaintext, string instance)
    {
        var actual = Convert.ToHexStringLower(SHA512.HashData(plaintext));
        if (hash.GetProperty("type").GetString() != "sha512" || hash.GetProperty("content").GetString() != actual)
        {
            verification.Fail(ProblemTypes.HashMismatch, $"The SHA-512 of the decrypted {instance} is {actual}.", instance);
        }
        else
        {
            verification.Pass($"SHA-512 of {instance}");
        }
    }

    private static void CollectTags(Verification verification, string? metadata, string? data, Dictionary<string, string> attachments)
    {
        var tags = verification.AuthenticationTags;
        if (data is not null && CompactJwe.TryParse(data, out var dataJwe))
        {
            tags["data"] = dataJwe.AuthenticationTag;
        }

        if (metadata is not null && CompactJwe.TryParse(metadata, out var metadataJwe))
        {
            tags["metadata"] = metadataJwe.AuthenticationTag;
        }

        foreach (var (id, jwe) in attachments)
        {
            tags["attachments"]![id] = CompactJwe.TryParse(jwe, out var parsed) ? parsed.AuthenticationTag : null;
        }
    }

    private static void CheckAuthenticationTags(Verification verification, SecurityEventToken submitSet)
    {
        if (!submitSet.EventPayload.TryGetProperty("authenticationTags", out var published))
        {
            verification.Fail(ProblemTypes.InvalidEventLog, "submit-submission carries no authenticationTags.", "submission");
            return;
        }

        var ours = verification.AuthenticationTags;
        foreach (var part in new[] { "metadata", "data" })
        {
            var theirs = published.TryGetProperty(part, out var tag) ? tag.GetString() : null;
            if (theirs != ours[part]?.GetValue<string>())
            {
                verification.Fail(ProblemTypes.IncorrectAuthenticationTag, $"The {part} JWE does not carry the tag of submit-submission.", part);
            }
        }

        var publishedAttachments = published.TryGetProperty("attachments", out var list) && list.ValueKind == JsonValueKind.Object
            ? list.EnumerateObject().ToDictionary(p => p.Name.ToLowerInvariant(), p => p.Value.GetString())
            : [];
        foreach (var (id, tag) in ours["attachments"]!.AsObject())
        {
            if (!publishedAttachments.TryGetValue(id.ToLowerInvariant(), out var theirs) || theirs != tag?.GetValue<string>())
            {
                verification.Fail(ProblemTypes.IncorrectAuthenticationTag, $"Attachment {id} does not carry the tag of submit-submission.", $"attachment:{id}");
            }
        }

        if (verification.Problems.All(p => p.Type != ProblemTypes.IncorrectAuthenticationTag))
        {
            verification.Pass("authentication tags match submit-submission");
        }
    }

    private static bool IsJson(byte[] bytes)
    {
        try
        {
            using var _ = JsonDocument.Parse(bytes);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
