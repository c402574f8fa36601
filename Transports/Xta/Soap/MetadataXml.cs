using System.Globalization;
using System.Xml;
using EfaGateway.Transports.Xta.Settings;

namespace EfaGateway.Transports.Xta.Soap;

/// <summary>
/// Writes the OSCI metadata an XTA sender gives: parties and the <c>MessageMetaData</c> header with at least what
/// KoSIT's conformance requires (DeliveryAttributes Origin/InitialSend, Originators Author/Sender, Destinations
/// Reader, MsgIdentification MessageID, Qualifier Service/BusinessScenario/MessageType with payloadSchema, MsgSize).
/// </summary>
internal static class MetadataXml
{
    public static void WriteParty(XmlWriter writer, string element, XtaParty party)
    {
        writer.WriteStartElement("oscimeta", element, XtaNames.OsciMeta);
        WritePartyContent(writer, party);
        writer.WriteEndElement();
    }

    /// <summary>The content of a PartyType element: its Identifier with type, name and category.</summary>
    public static void WritePartyContent(XmlWriter writer, XtaParty party)
    {
        writer.WriteStartElement("Identifier", XtaNames.OsciMeta);
        writer.WriteAttributeString("type", party.Type);
        if (party.Name is { } name)
        {
            writer.WriteAttributeString("name", name);
        }

        if (party.Category is { } category)
        {
            writer.WriteAttributeString("category", category);
        }

        writer.WriteString(party.Identifier);
        writer.WriteEndElement();
    }

    /// <summary>The attributes of the MessageMetaData element.</summary>
    public static void WriteMessageMetaDataAttributes(XmlWriter writer, XtaRouteSettings settings)
    {
        if (settings.TestMessages)
        {
            writer.WriteAttributeString("TestMsg", "true");
        }
    }

    /// <summary>The content of the MessageMetaData element.</summary>
    /// <remarks>
    /// A mailbox (Empfänger side) also gives <paramref name="delivery"/>, the time of entry in the MsgBox, and
    /// <paramref name="initialFetch"/>, the time of the first committed fetch (close).
    /// </remarks>
    public static void WriteMessageMetaDataContent(XmlWriter writer, XtaRouteSettings settings, string messageId, long size, DateTimeOffset now,
        DateTimeOffset? delivery = null, DateTimeOffset? initialFetch = null)
    {
        writer.WriteStartElement("DeliveryAttributes", XtaNames.OsciMeta);
        var time = XmlConvert.ToString(now, "yyyy-MM-ddTHH:mm:ss.fffzzz");
        writer.WriteElementString("Origin", XtaNames.OsciMeta, time);
        writer.WriteElementString("InitialSend", XtaNames.OsciMeta, time);
        if (delivery is { } entered)
        {
            writer.WriteElementString("Delivery", XtaNames.OsciMeta, XmlConvert.ToString(entered, "yyyy-MM-ddTHH:mm:ss.fffzzz"));
        }

        if (initialFetch is { } fetched)
        {
            writer.WriteElementString("InitialFetch", XtaNames.OsciMeta, XmlConvert.ToString(fetched, "yyyy-MM-ddTHH:mm:ss.fffzzz"));
        }

        writer.WriteEndElement();

        writer.WriteStartElement("Originators", XtaNames.OsciMeta);
        WriteParty(writer, "Author", settings.Author!);
        WriteParty(writer, "Sender", settings.Sender ?? settings.Author!);
        writer.WriteEndElement();

        writer.WriteStartElement("Destinations", XtaNames.OsciMeta);
        WriteParty(writer, "Reader", settings.Reader!);
        writer.WriteEndElement();

        writer.WriteStartElement("MsgIdentification", XtaNames.OsciMeta);
        writer.WriteElementString("wsa", "MessageID", XtaNames.Addressing, messageId);
        writer.WriteEndElement();

        writer.WriteStartElement("Qualifier", XtaNames.OsciMeta);
        writer.WriteElementString("Service", XtaNames.OsciMeta, settings.Service);
        writer.WriteStartElement("BusinessScenario", XtaNames.OsciMeta);
        if (settings.BusinessScenario is { } scenario)
        {
            writer.WriteStartElement("Defined", XtaNames.OsciMeta);
            WriteCode(writer, scenario.Code!, scenario.Name, scenario.ListUri!, scenario.ListVersionId!, payloadSchema: null);
            writer.WriteEndElement();
        }
        else
        {
            writer.WriteElementString("Undefined", XtaNames.OsciMeta, settings.UndefinedBusinessScenario);
        }

        writer.WriteEndElement();
        var type = settings.MessageType!;
        writer.WriteStartElement("MessageType", XtaNames.OsciMeta);
        WriteCode(writer, type.Code!, type.Name, type.ListUri!, type.ListVersionId!, type.PayloadSchema);
        writer.WriteEndElement();
        writer.WriteEndElement();

        writer.WriteElementString("MsgSize", XtaNames.OsciMeta, size.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>KeyCodeType: unqualified <c>code</c> and <c>name</c> children, listURI and listVersionID attributes.</summary>
    private static void WriteCode(XmlWriter writer, string code, string? name, string listUri, string listVersionId, string? payloadSchema)
    {
        writer.WriteAttributeString("listURI", listUri);
        writer.WriteAttributeString("listVersionID", listVersionId);
        if (payloadSchema is not null)
        {
            writer.WriteAttributeString("payloadSchema", payloadSchema);
        }

        writer.WriteElementString("code", string.Empty, code);
        if (name is not null)
        {
            writer.WriteElementString("name", string.Empty, name);
        }
    }
}
