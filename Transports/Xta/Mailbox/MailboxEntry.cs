using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using EfaGateway.Core.Blobs;
using EfaGateway.Transports.Xta.Settings;
using EfaGateway.Transports.Xta.Soap;

namespace EfaGateway.Transports.Xta.Mailbox;

/// <summary>
/// One message in the mailbox as the Fachverfahren will see it: the MessageMetaData fixed at delivery and the files
/// of its content container, each in the blob store under the submission's prefix (so the submission purger deletes
/// them with the rest of the application once the message is closed).
/// </summary>
public sealed record MailboxEntry(string MessageId, Guid DeliveryId, Guid SubmissionId, string TenantId, string ProcessId,
    DateTimeOffset EnteredAt, string MetaData, MailboxFile Message, IReadOnlyList<MailboxFile> Attachments)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public long Size => Message.Size + Attachments.Sum(a => a.Size);

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    public static MailboxEntry FromJson(byte[] json) => JsonSerializer.Deserialize<MailboxEntry>(json, Json)!;

    public XElement MetaDataElement() => SecureXml.Parse(MetaData);

    /// <summary>The MessageID of a delivery: its id as a UUID URN, so a MessageID leads back to its delivery.</summary>
    public static string MessageIdOf(Guid deliveryId) => $"urn:uuid:{deliveryId:D}";

    public static Guid? DeliveryIdOf(string? messageId) =>
        messageId is not null && messageId.Trim().StartsWith("urn:uuid:", StringComparison.OrdinalIgnoreCase)
        && Guid.TryParseExact(messageId.Trim()[9..], "D", out var id) ? id : null;

    public static string Prefix(Guid submissionId, Guid deliveryId) => $"{BlobKeys.SubmissionPrefix(submissionId)}xta-mailbox/{deliveryId:N}/";

    public static string EntryKey(Guid submissionId, Guid deliveryId) => Prefix(submissionId, deliveryId) + "entry";

    /// <summary>
    /// The oscimeta:MessageMetaData of a mailbox message: Author the gateway, Reader the route's reader, the route's
    /// Qualifier, Delivery the time of entry in the mailbox and, once closed, InitialFetch.
    /// </summary>
    public static string WriteMetaData(XtaMailboxRouteSettings route, XtaParty gatewayParty, string messageId, long size,
        DateTimeOffset origin, DateTimeOffset enteredAt, DateTimeOffset? fetchedAt = null)
    {
        var settings = route.ForMetadata(gatewayParty);
        var text = new StringBuilder();
        using (var writer = XmlWriter.Create(text, new XmlWriterSettings { OmitXmlDeclaration = true }))
        {
            writer.WriteStartElement("oscimeta", "MessageMetaData", XtaNames.OsciMeta);
            MetadataXml.WriteMessageMetaDataAttributes(writer, settings);
            MetadataXml.WriteMessageMetaDataContent(writer, settings, messageId, size, origin, enteredAt, fetchedAt);
            writer.WriteEndElement();
        }

        return text.ToString();
    }
}

/// <summary>One file of a mailbox message: its name, type, size and where its content is.</summary>
public sealed record MailboxFile(string FileName, string MediaType, long Size, string BlobKey);

/// <summary>XML parsing without DTDs or external resources.</summary>
internal static class SecureXml
{
    public static XmlReaderSettings Settings() => new() { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };

    public static XElement Parse(string xml)
    {
        using var reader = XmlReader.Create(new StringReader(xml), Settings());
        return XElement.Load(reader);
    }

    public static string Time(DateTimeOffset value) => XmlConvert.ToString(value, "yyyy-MM-ddTHH:mm:ss.fffzzz");

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
