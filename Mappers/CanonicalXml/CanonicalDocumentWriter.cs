using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml;
using EfaGateway.Core.Processes;
using EfaGateway.Core.Submissions;
using EfaGateway.XoevSchemas;

namespace EfaGateway.Mappers.CanonicalXml;

/// <summary>
/// Builds the canonical document. Output is deterministic: the same submission and process give the same bytes
/// (UTF-8 without BOM, two-space indent, "\n" line ends whatever the OS, definition order, invariant formats).
/// </summary>
internal static class CanonicalDocumentWriter
{
    private const string Ns = CanonicalApplicationSchema.Namespace;

    private static readonly XmlWriterSettings Settings = new()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        Indent = true,
        IndentChars = "  ",
        NewLineChars = "\n",
        // Entitize keeps a citizen's "\r\n" as entered instead of normalising it away.
        NewLineHandling = NewLineHandling.Entitize,
        CheckCharacters = true,
        CloseOutput = false,
    };

    public static byte[] Write(TenantProcess tenantProcess, Submission submission)
    {
        using var data = ParseData(submission.DataJson!);
        using var buffer = new MemoryStream();
        try
        {
            using (var writer = XmlWriter.Create(buffer, Settings))
            {
                WriteDocument(writer, tenantProcess, submission, data.RootElement);
            }
        }
        catch (ArgumentException ex) when (ex is not ArgumentOutOfRangeException)
        {
            // XmlWriter refuses characters XML 1.0 cannot carry; field values were written in WriteField with their own check.
            throw new CanonicalMappingException("The tenant, process or attachment metadata contains characters XML cannot carry.");
        }

        // A final line break, as every text file in the repository has (the golden files are compared byte for byte).
        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    private static JsonDocument ParseData(string dataJson)
    {
        try
        {
            var document = JsonDocument.Parse(dataJson);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                document.Dispose();
                throw new CanonicalMappingException("The submission data is not a JSON object.");
            }

            return document;
        }
        catch (JsonException)
        {
            // The parser's message may quote part of the data, so it is not passed on.
            throw new CanonicalMappingException("The submission data is not valid JSON.");
        }
    }

    private static void WriteDocument(XmlWriter writer, TenantProcess tenantProcess, Submission submission, JsonElement data)
    {
        var process = tenantProcess.Process;
        writer.WriteStartDocument();
        writer.WriteStartElement(CanonicalApplicationSchema.RootElement, Ns);
        writer.WriteAttributeString("schemaVersion", CanonicalApplicationSchema.SchemaVersion);

        writer.WriteElementString("vorgangsnummer", Ns, submission.Vorgangsnummer);
        writer.WriteElementString("receivedAt", Ns, FormatUtc(submission.ReceivedAt));

        writer.WriteStartElement("tenant", Ns);
        writer.WriteElementString("id", Ns, tenantProcess.TenantId);
        writer.WriteElementString("name", Ns, tenantProcess.TenantName);
        writer.WriteEndElement();

        writer.WriteStartElement("process", Ns);
        writer.WriteElementString("id", Ns, process.Id);
        writer.WriteElementString("version", Ns, process.Version);
        writer.WriteElementString("title", Ns, process.Title.De);
        if (!string.IsNullOrEmpty(process.LeikaKey))
        {
            writer.WriteElementString("leika", Ns, process.LeikaKey);
        }

        writer.WriteEndElement();

        writer.WriteStartElement("data", Ns);
        foreach (var section in process.Sections)
        {
            WriteSection(writer, section, data, submission.Attachments);
        }

        writer.WriteEndElement();

        writer.WriteStartElement("attachments", Ns);
        foreach (var attachment in submission.Attachments)
        {
            WriteAttachment(writer, attachment);
        }

        writer.WriteEndElement();

        writer.WriteEndElement();
        writer.WriteEndDocument();
    }

    private static void WriteSection(XmlWriter writer, SectionDefinition section, JsonElement data, IReadOnlyList<Attachment> attachments)
    {
        // Only what the citizen filled in is written; a section or group with nothing filled in is left out altogether.
        var present = FilledElements.Collect(section.Elements, data, null, attachments);
        if (present.Count == 0)
        {
            return;
        }

        writer.WriteStartElement("section", Ns);
        writer.WriteAttributeString("id", section.Id);
        writer.WriteElementString("title", Ns, section.Title.De);
        WriteElements(writer, present);
        writer.WriteEndElement();
    }

    private static void WriteElements(XmlWriter writer, IReadOnlyList<FilledElement> elements)
    {
        foreach (var element in elements)
        {
            if (element is FilledGroup group)
            {
                writer.WriteStartElement("group", Ns);
                writer.WriteAttributeString("id", group.Group.Id);
                if (group.Index is { } index)
                {
                    writer.WriteAttributeString("index", index.ToString(CultureInfo.InvariantCulture));
                }

                writer.WriteElementString("label", Ns, group.Group.Label.De);
                WriteElements(writer, group.Children);
                writer.WriteEndElement();
            }
            else if (element is FilledField field)
            {
                WriteField(writer, field.Field, field.Value, field.Files);
            }
        }
    }

    private static void WriteField(XmlWriter writer, FieldDefinition field, string? value, IReadOnlyList<Attachment> files)
    {
        if (value is not null && !IsXmlText(value))
        {
            throw new CanonicalMappingException($"Field '{field.Id}' contains characters XML cannot carry.");
        }

        writer.WriteStartElement("field", Ns);
        writer.WriteAttributeString("id", field.Id);
        writer.WriteAttributeString("type", FieldTypeNames.Name(field.Type));
        writer.WriteElementString("label", Ns, field.Label.De);
        if (value is not null)
        {
            writer.WriteElementString("value", Ns, value);
        }

        foreach (var file in files)
        {
            writer.WriteElementString("attachmentRef", Ns, FormatId(file.Id));
        }

        writer.WriteEndElement();
    }

    private static void WriteAttachment(XmlWriter writer, Attachment attachment)
    {
        writer.WriteStartElement("attachment", Ns);
        writer.WriteAttributeString("id", FormatId(attachment.Id));
        writer.WriteAttributeString("field", attachment.FieldId);
        if (attachment.FileName is not null)
        {
            writer.WriteElementString("fileName", Ns, attachment.FileName);
        }

        writer.WriteElementString("mediaType", Ns, attachment.MediaType);
        writer.WriteElementString("size", Ns, attachment.Size.ToString(CultureInfo.InvariantCulture));
        // Hex case carries no meaning; the schema fixes lower case so receivers can compare strings.
        writer.WriteElementString("sha256", Ns, attachment.Sha256.ToLowerInvariant());
        writer.WriteEndElement();
    }

    private static string FormatId(Guid id) => id.ToString("D", CultureInfo.InvariantCulture);

    private static string FormatUtc(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    private static bool IsXmlText(string value)
    {
        try
        {
            XmlConvert.VerifyXmlChars(value);
            return true;
        }
        catch (XmlException)
        {
            return false;
        }
    }
}
