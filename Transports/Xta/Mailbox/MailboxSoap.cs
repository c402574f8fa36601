using System.ServiceModel.Channels;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using EfaGateway.Transports.Xta.Soap;

namespace EfaGateway.Transports.Xta.Mailbox;

/// <summary>
/// Reads and writes the mailbox's SOAP 1.2 + WS-Addressing 1.0 envelopes with WCF's own message encoders: MTOM
/// (<c>multipart/related; type="application/xop+xml"</c>) and plain <c>application/soap+xml</c>. No MIME or XOP parsing
/// of our own. The MTOM encoder writes its MIME header lines in front of the body; they are split off and the
/// Content-Type becomes the HTTP header.
/// </summary>
public static class MailboxSoap
{
    public static readonly MessageVersion Version = MessageVersion.Soap12WSAddressing10;

    /// <summary>Requests of the mailbox are small (no content goes to the gateway).</summary>
    public const int MaxRequestBytes = 1024 * 1024;

    private static readonly MessageEncoderFactory MtomFactory = Mtom();
    private static readonly MessageEncoderFactory TextFactory = Text();

    public static bool IsMtom(string? contentType) =>
        contentType is not null && contentType.StartsWith("multipart/related", StringComparison.OrdinalIgnoreCase);

    public static async Task<Message> ReadAsync(Stream body, string? contentType)
    {
        var encoder = (IsMtom(contentType) ? MtomFactory : TextFactory).Encoder;
        if (contentType is null || !encoder.IsContentTypeSupported(contentType))
        {
            throw new FormatException("The content type is neither SOAP 1.2 nor MTOM.");
        }

        return await encoder.ReadMessageAsync(body, 64 * 1024, contentType);
    }

    public static async Task<(byte[] Body, string ContentType)> WriteAsync(Message message, bool mtom)
    {
        var encoder = (mtom ? MtomFactory : TextFactory).Encoder;
        using var buffer = new MemoryStream();
        await encoder.WriteMessageAsync(message, buffer);
        var bytes = buffer.ToArray();
        if (!mtom)
        {
            return (bytes, encoder.ContentType);
        }

        var end = bytes.AsSpan().IndexOf("\r\n\r\n"u8);
        if (end < 0)
        {
            throw new InvalidOperationException("The MTOM encoder wrote no MIME header block.");
        }

        var contentType = Encoding.ASCII.GetString(bytes, 0, end).Split("\r\n")
            .Select(line => line.Split(':', 2))
            .Where(parts => parts.Length == 2 && parts[0].Trim().Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            .Select(parts => parts[1].Trim())
            .SingleOrDefault() ?? throw new InvalidOperationException("The MTOM encoder wrote no Content-Type.");
        return (bytes[(end + 4)..], contentType);
    }

    /// <summary>
    /// A SOAP 1.2 fault with an XTA exception as detail (XTA-Webservice-Exceptions.xsd): its <c>errorCode</c> from the code
    /// list <c>urn:de:xta:webservice:codeliste:fehlernummer</c> 1.0. Technical problems are Receiver faults, the rest Sender.
    /// </summary>
    public static XElement Fault(string exception, string code, string reason)
    {
        XNamespace env = "http://www.w3.org/2003/05/soap-envelope";
        XNamespace xta = XtaNames.Xta;
        return new XElement(env + "Fault",
            new XAttribute(XNamespace.Xmlns + "env", env.NamespaceName),
            new XElement(env + "Code", new XElement(env + "Value", exception == "XTAWSTechnicalProblemException" ? "env:Receiver" : "env:Sender")),
            new XElement(env + "Reason", new XElement(env + "Text", new XAttribute(XNamespace.Xml + "lang", "de"), reason)),
            new XElement(env + "Detail",
                new XElement(xta + exception,
                    new XAttribute(XNamespace.Xmlns + "xta", xta.NamespaceName),
                    new XElement(xta + "errorCode",
                        new XAttribute("listURI", "urn:de:xta:webservice:codeliste:fehlernummer"),
                        new XAttribute("listVersionID", "1.0"),
                        new XElement("code", code),
                        new XElement("name", CodeNames[code])))));
    }

    /// <summary>A WS-Addressing fault (Sender with the wsa subcode), e.g. ActionNotSupported.</summary>
    public static XElement AddressingFault(string subcode, string reason)
    {
        XNamespace env = "http://www.w3.org/2003/05/soap-envelope";
        return new XElement(env + "Fault",
            new XAttribute(XNamespace.Xmlns + "env", env.NamespaceName),
            new XElement(env + "Code", new XElement(env + "Value", "env:Sender"),
                new XElement(env + "Subcode", new XAttribute(XNamespace.Xmlns + "wsa", XtaNames.Addressing),
                    new XElement(env + "Value", $"wsa:{subcode}"))),
            new XElement(env + "Reason", new XElement(env + "Text", new XAttribute(XNamespace.Xml + "lang", "de"), reason)));
    }

    /// <summary>The codeName of the Fehlernummern the mailbox answers with (XTA-Webservice-Datentypen.xsd).</summary>
    private static readonly Dictionary<string, string> CodeNames = new(StringComparer.Ordinal)
    {
        ["9012"] = "Account nicht vorhanden.",
        ["9014"] = "Authentisierung/Zertifikat passt nicht zur Absenderkennung.",
        ["9020"] = "Keine Parameter vorhanden",
        ["9022"] = "Ungültige Parameterkombination",
        ["9030"] = "Interner Fehler beim XTA-Server bzw. XTA-Dienstleister",
        ["9070"] = "MessageID für den Account nicht bekannt.",
    };

    private static MessageEncoderFactory Mtom()
    {
        var element = new MtomMessageEncodingBindingElement(Version, Encoding.UTF8) { MaxBufferSize = int.MaxValue };
        XmlDictionaryReaderQuotas.Max.CopyTo(element.ReaderQuotas);
        return element.CreateMessageEncoderFactory();
    }

    private static MessageEncoderFactory Text()
    {
        var element = new TextMessageEncodingBindingElement(Version, Encoding.UTF8);
        XmlDictionaryReaderQuotas.Max.CopyTo(element.ReaderQuotas);
        return element.CreateMessageEncoderFactory();
    }
}

/// <summary>A SOAP header that is a given element.</summary>
internal sealed class ElementHeader(XElement element) : MessageHeader
{
    public override string Name => element.Name.LocalName;

    public override string Namespace => element.Name.NamespaceName;

    public override bool MustUnderstand => false;

    protected override void OnWriteStartHeader(XmlDictionaryWriter writer, MessageVersion messageVersion)
    {
        writer.WriteStartElement(element.GetPrefixOfNamespace(element.Name.Namespace) ?? "h", Name, Namespace);
        foreach (var attribute in element.Attributes())
        {
            if (attribute.IsNamespaceDeclaration)
            {
                continue;
            }

            writer.WriteAttributeString(attribute.Name.LocalName, attribute.Name.NamespaceName, attribute.Value);
        }
    }

    protected override void OnWriteHeaderContents(XmlDictionaryWriter writer, MessageVersion messageVersion)
    {
        foreach (var node in element.Nodes())
        {
            node.WriteTo(writer);
        }
    }
}
