using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EfaGateway.Conformance.FitConnect.Fake;

namespace EfaGateway.Conformance.FitConnect.Tests.Support;

/// <summary>A complete submission as a sender builds it: plaintexts, metadata 1.0.0 with SHA-512 hashes, then JWEs.</summary>
public sealed record SampleSubmission(string SubmissionId, string CaseId, byte[] Data, IReadOnlyDictionary<string, byte[]> Attachments,
    string EncryptedMetadata, string EncryptedData, IReadOnlyDictionary<string, string> EncryptedAttachments)
{
    /// <summary>Announces, uploads and submits; <paramref name="tamperMetadata"/> may spoil the metadata on purpose.</summary>
    public static async Task<SampleSubmission> SendAsync(TestSender sender, FakeDestination destination, int attachmentCount,
        Action<JsonObject>? tamperMetadata = null)
    {
        var data = Encoding.UTF8.GetBytes("""{"antragsteller":{"name":"Erika Mustermann"},"hund":{"rasse":"Dackel"}}""");
        var attachments = Enumerable.Range(0, attachmentCount).ToDictionary(
            _ => Guid.NewGuid().ToString(), i => Encoding.UTF8.GetBytes($"%PDF-1.7 Anlage {i}"));
        using var announced = await sender.AnnounceAsync(destination.DestinationId, attachments.Keys);
        Assert.Equal(HttpStatusCode.Created, announced.StatusCode);
        var ids = await announced.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        var submissionId = ids.GetProperty("submissionId").GetString()!;

        var encryptedAttachments = new Dictionary<string, string>();
        foreach (var (id, content) in attachments)
        {
            encryptedAttachments[id] = await sender.EncryptAsync(destination, content);
            using var uploaded = await sender.UploadAsync(submissionId, id, encryptedAttachments[id]);
            Assert.Equal(HttpStatusCode.NoContent, uploaded.StatusCode);
        }

        var metadata = Metadata(data, attachments);
        tamperMetadata?.Invoke(metadata);
        var encryptedMetadata = await sender.EncryptAsync(destination, Encoding.UTF8.GetBytes(metadata.ToJsonString()));
        var encryptedData = await sender.EncryptAsync(destination, data);
        using var submitted = await sender.SubmitAsync(submissionId, encryptedMetadata, encryptedData);
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        return new SampleSubmission(submissionId, ids.GetProperty("caseId").GetString()!, data, attachments,
            encryptedMetadata, encryptedData, encryptedAttachments);
    }

    public static JsonObject Metadata(byte[] data, IReadOnlyDictionary<string, byte[]> attachments) => new()
    {
        ["$schema"] = "https://schema.fitko.de/fit-connect/metadata/1.0.0/metadata.schema.json",
        ["publicServiceType"] = new JsonObject
        {
            ["name"] = "Demo-Leistung",
            ["identifier"] = DestinationSetup.DemoService.Identifier,
        },
        ["contentStructure"] = new JsonObject
        {
            ["data"] = new JsonObject
            {
                ["hash"] = new JsonObject { ["type"] = "sha512", ["content"] = TestSender.Sha512Hex(data) },
                ["submissionSchema"] = new JsonObject
                {
                    ["schemaUri"] = DestinationSetup.DemoSchemaUri,
                    ["mimeType"] = "application/json",
                },
            },
            ["attachments"] = new JsonArray([.. attachments.Select(pair => (JsonNode)new JsonObject
            {
                ["attachmentId"] = pair.Key,
                ["hash"] = new JsonObject { ["type"] = "sha512", ["content"] = TestSender.Sha512Hex(pair.Value) },
                ["purpose"] = "attachment",
                ["mimeType"] = "application/pdf",
                ["filename"] = "anlage.pdf",
            })]),
        },
    };
}
