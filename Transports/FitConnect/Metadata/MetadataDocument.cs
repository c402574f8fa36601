using System.Globalization;
using System.Text.Json.Nodes;

namespace EfaGateway.Transports.FitConnect.Metadata;

/// <summary>One attachment as the metadata lists it.</summary>
public sealed record AttachmentEntry(Guid AttachmentId, string Purpose, string MediaType, string FileName, string? Description, string Sha512Hex);

/// <summary>Everything the metadata of one submission says.</summary>
public sealed record MetadataContent(
    string Version,
    string ServiceName,
    string ServiceIdentifier,
    string DataSha512Hex,
    string SchemaUri,
    string SchemaMimeType,
    IReadOnlyList<AttachmentEntry> Attachments,
    string SenderReference,
    DateOnly ApplicationDate);

/// <summary>
/// Writes the metadata document in the shape of the chosen version: 1.x carries the service as
/// <c>publicServiceType</c>; 2.x names its schema in <c>$schema</c> (required there) and carries the service in the
/// announcement only.
/// </summary>
public static class MetadataDocument
{
    public const string PurposeForm = "form";
    public const string PurposeAttachment = "attachment";

    public static JsonObject Build(MetadataContent content)
    {
        var attachments = new JsonArray();
        foreach (var entry in content.Attachments)
        {
            var item = new JsonObject
            {
                ["attachmentId"] = entry.AttachmentId.ToString("D", CultureInfo.InvariantCulture),
                ["hash"] = Hash(entry.Sha512Hex),
                ["purpose"] = entry.Purpose,
                ["mimeType"] = entry.MediaType,
                ["filename"] = entry.FileName,
            };
            if (entry.Description is { } description)
            {
                item["description"] = description;
            }

            attachments.Add(item);
        }

        var metadata = new JsonObject
        {
            ["$schema"] = MetadataSchemas.SchemaUri(content.Version),
        };
        if (content.Version.StartsWith("1.", StringComparison.Ordinal))
        {
            metadata["publicServiceType"] = new JsonObject { ["name"] = content.ServiceName, ["identifier"] = content.ServiceIdentifier };
        }

        metadata["contentStructure"] = new JsonObject
        {
            ["data"] = new JsonObject
            {
                ["hash"] = Hash(content.DataSha512Hex),
                ["submissionSchema"] = new JsonObject { ["schemaUri"] = content.SchemaUri, ["mimeType"] = content.SchemaMimeType },
            },
            ["attachments"] = attachments,
        };
        metadata["additionalReferenceInfo"] = new JsonObject
        {
            ["senderReference"] = content.SenderReference,
            ["applicationDate"] = content.ApplicationDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
        return metadata;
    }

    private static JsonObject Hash(string sha512Hex) => new() { ["type"] = "sha512", ["content"] = sha512Hex };
}
