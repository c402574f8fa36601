using System.Xml;
using EfaGateway.Core.Ports;

namespace EfaGateway.Transports.Xta.Soap;

/// <summary>
/// The GenericContentContainer of one sendMessage: the XÖV message and its attachments (the PDF, the uploads).
/// Content is written with WriteBase64, which the MTOM encoder sends as binary parts.
/// </summary>
public sealed class ContentContainer(DeliveryArtifact message, IReadOnlyList<DeliveryArtifact> attachments)
{
    public long Size => message.Content.Length + attachments.Sum(a => (long)a.Content.Length);

    public void Write(XmlWriter writer)
    {
        writer.WriteStartElement("xta", "GenericContentContainer", XtaNames.Xta);
        writer.WriteStartElement("ContentContainer", XtaNames.Xta);
        WriteContent(writer, "Message", message, "m1");
        var number = 1;
        foreach (var attachment in attachments)
        {
            WriteContent(writer, "Attachment", attachment, $"a{number++}");
        }

        writer.WriteEndElement();
        writer.WriteEndElement();
    }

    private static void WriteContent(XmlWriter writer, string element, DeliveryArtifact artifact, string id)
    {
        writer.WriteStartElement(element, XtaNames.Xta);
        writer.WriteAttributeString("contentType", artifact.MediaType);
        writer.WriteAttributeString("filename", artifact.FileName);
        writer.WriteAttributeString("id", id);
        writer.WriteAttributeString("size", artifact.Content.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var bytes = artifact.Content.ToArray();
        writer.WriteBase64(bytes, 0, bytes.Length);
        writer.WriteEndElement();
    }
}
