using System.ServiceModel.Channels;
using System.Xml;
using System.Xml.Linq;
using EfaGateway.Conformance.Xta.Server;
using EfaGateway.Conformance.Xta.Soap;

namespace EfaGateway.Conformance.Xta.Tests.Support;

/// <summary>Request parts as an Autor writes them: MessageMetaData with the KoSIT minimum content, and content containers.</summary>
public static class XtaRequests
{
    private static readonly XNamespace Meta = XtaNamespaces.OsciMeta;
    private static readonly XNamespace Xta = XtaNamespaces.Xta;

    public static readonly byte[] XmlMessage = "<?xml version=\"1.0\"?><antrag xmlns=\"urn:example\"><hund>Bello</hund></antrag>"u8.ToArray();

    public static XElement MetaData(XtaPartyIdentifier author, string messageId, long? msgSize = null, DateTimeOffset? notBefore = null)
    {
        var now = XmlConvert.ToString(new DateTimeOffset(2026, 5, 4, 10, 0, 0, TimeSpan.Zero));
        return new XElement(Meta + "MessageMetaData",
            new XAttribute(XNamespace.Xmlns + "oscimeta", Meta.NamespaceName),
            new XElement(Meta + "DeliveryAttributes",
                new XElement(Meta + "Origin", now),
                new XElement(Meta + "InitialSend", now),
                notBefore is null ? null : new XElement(Meta + "NotBefore", XmlConvert.ToString(notBefore.Value)),
                new XElement(Meta + "Delivery", now),
                new XElement(Meta + "InitialFetch", now)),
            new XElement(Meta + "Originators", author.ToParty("Author"), author.ToParty("Sender")),
            new XElement(Meta + "Destinations", FakeXtaServerOptions.DemoReader.Party.ToParty("Reader")),
            new XElement(Meta + "MsgIdentification", new XElement(XtaNamespaces.Addressing + "MessageID", messageId)),
            new XElement(Meta + "Qualifier",
                new XElement(Meta + "Service", FakeXtaServerOptions.DemoReader.Services[0]),
                new XElement(Meta + "BusinessScenario", new XElement(Meta + "Undefined", "EFAGW_DEMO")),
                new XElement(Meta + "MessageType",
                    new XAttribute("listURI", "urn:de:example:messageTypes"),
                    new XAttribute("listVersionID", "1.0"),
                    new XAttribute("payloadSchema", "urn:example"),
                    new XElement("code", "ANTRAG"))),
            msgSize is null ? null : new XElement(Meta + "MsgSize", msgSize));
    }

    /// <summary>A sendMessage request whose contents are written with WriteBase64, i.e. as MTOM parts.</summary>
    public static Message SendMessage(byte[] message, string contentType, params byte[][] attachments) =>
        Message.CreateMessage(SoapCodec.Version, XtaOperations.ActionOf(XtaOperation.SendMessage), new ContainerBodyWriter(message, contentType, attachments));

    public static XElement LookupService(XtaPartyIdentifier reader, string service) =>
        new(Xta + "LookupServiceRequest",
            new XElement(Xta + "LookupServiceRequestList",
                new XElement(Xta + "LookupService", reader.ToParty("Reader"), new XElement(Xta + "ServiceType", service))));

    public static XElement MessageIdBody(string id) => new(XtaNamespaces.Addressing + "MessageID", id);

    private sealed class ContainerBodyWriter(byte[] message, string contentType, byte[][] attachments) : BodyWriter(isBuffered: true)
    {
        protected override void OnWriteBodyContents(XmlDictionaryWriter writer)
        {
            var ns = Xta.NamespaceName;
            writer.WriteStartElement("xta", "GenericContentContainer", ns);
            writer.WriteStartElement("xta", "ContentContainer", ns);
            Content(writer, "Message", message, contentType, "antrag.xml");
            for (var i = 0; i < attachments.Length; i++)
            {
                Content(writer, "Attachment", attachments[i], "application/pdf", $"anlage-{i + 1}.pdf");
            }

            writer.WriteEndElement();
            writer.WriteEndElement();
        }

        private static void Content(XmlDictionaryWriter writer, string name, byte[] bytes, string type, string filename)
        {
            writer.WriteStartElement("xta", name, Xta.NamespaceName);
            writer.WriteAttributeString("contentType", type);
            writer.WriteAttributeString("filename", filename);
            writer.WriteAttributeString("size", bytes.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
            writer.WriteBase64(bytes, 0, bytes.Length);
            writer.WriteEndElement();
        }
    }
}
