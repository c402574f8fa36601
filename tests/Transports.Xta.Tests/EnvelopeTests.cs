using System.ServiceModel.Channels;
using System.Text;
using System.Xml;
using EfaGateway.Core.Ports;
using EfaGateway.Transports.Xta.Soap;

namespace EfaGateway.Transports.Xta.Tests;

/// <summary>Every request the Autor client sends, checked against the official XTA 2 Version 3 schemas.</summary>
public sealed class EnvelopeTests
{
    private const string MessageId = "urn:de:xta:messageid:dataport_xta_210:81e40808-91c6-4bd5-9b10-ed8fd26b9e3e";
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 10, 0, 0, TimeSpan.FromHours(1));

    public static TheoryData<string, string> Operations() => new()
    {
        { nameof(XtaClient.CheckAccountActiveAsync), XtaNames.CheckAccountActive },
        { nameof(XtaClient.CreateMessageIdAsync), XtaNames.CreateMessageId },
        { nameof(XtaClient.LookupServiceAsync), XtaNames.LookupService },
        { nameof(XtaClient.GetTransportReportAsync), XtaNames.GetTransportReport },
        { nameof(XtaClient.CancelMessageAsync), XtaNames.CancelMessage },
        { nameof(XtaClient.SendMessageAsync), XtaNames.SendMessage },
    };

    [Theory]
    [MemberData(nameof(Operations))]
    public void Every_request_is_SOAP_1_2_with_WS_Addressing_and_its_XTA_parts_validate_against_the_official_schemas(string operation, string action)
    {
        var envelope = Envelope(operation, XtaFixtures.Settings());

        Assert.Equal("http://www.w3.org/2003/05/soap-envelope", envelope.DocumentElement!.NamespaceURI);
        var namespaces = new XmlNamespaceManager(envelope.NameTable);
        namespaces.AddNamespace("s", "http://www.w3.org/2003/05/soap-envelope");
        namespaces.AddNamespace("wsa", XtaNames.Addressing);
        Assert.Equal(action, envelope.SelectSingleNode("/s:Envelope/s:Header/wsa:Action", namespaces)!.InnerText);
        Assert.StartsWith("urn:uuid:", envelope.SelectSingleNode("/s:Envelope/s:Header/wsa:MessageID", namespaces)!.InnerText, StringComparison.Ordinal);

        var parts = XtaParts(envelope, namespaces);
        Assert.NotEmpty(parts);
        Assert.All(parts, part => Assert.Empty(XtaFixtures.Validate(part)));
    }

    [Fact]
    public void The_metadata_of_sendMessage_carries_what_KoSIT_conformance_requires()
    {
        var envelope = Envelope(nameof(XtaClient.SendMessageAsync), XtaFixtures.Settings());
        var namespaces = new XmlNamespaceManager(envelope.NameTable);
        namespaces.AddNamespace("m", XtaNames.OsciMeta);
        namespaces.AddNamespace("wsa", XtaNames.Addressing);
        string Text(string path) => envelope.SelectSingleNode("//m:MessageMetaData/" + path, namespaces)?.InnerText ?? "(missing)";

        Assert.Equal("2026-11-27T10:00:00.000+01:00", Text("m:DeliveryAttributes/m:Origin"));
        Assert.Equal("2026-11-27T10:00:00.000+01:00", Text("m:DeliveryAttributes/m:InitialSend"));
        Assert.Equal("dvdv:081234567890", Text("m:Originators/m:Author/m:Identifier"));
        Assert.Equal("DVDV", envelope.SelectSingleNode("//m:Originators/m:Author/m:Identifier/@type", namespaces)!.Value);
        Assert.Equal("Onlinedienst", envelope.SelectSingleNode("//m:Originators/m:Author/m:Identifier/@category", namespaces)!.Value);
        Assert.Equal("dvdv:081234567890", Text("m:Originators/m:Sender/m:Identifier"));
        Assert.Equal("dvdv:089876543210", Text("m:Destinations/m:Reader/m:Identifier"));
        Assert.Equal(MessageId, Text("m:MsgIdentification/wsa:MessageID"));
        Assert.Equal("urn:xoev-de:bauenundwohnen:standard:xbau", Text("m:Qualifier/m:Service"));
        Assert.Equal("XBAU_DATA", Text("m:Qualifier/m:BusinessScenario/m:Defined/code"));
        Assert.Equal("0200", Text("m:Qualifier/m:MessageType/code"));
        Assert.Equal("http://www.xleitstelle.de/XBau/2/6", envelope.SelectSingleNode("//m:Qualifier/m:MessageType/@payloadSchema", namespaces)!.Value);
        Assert.Equal("23", Text("m:MsgSize"));
    }

    [Fact]
    public void A_route_without_a_defined_business_scenario_sends_it_as_undefined_text_and_still_validates()
    {
        var json = XtaFixtures.SettingsJson();
        json.Remove("businessScenario");
        json["undefinedBusinessScenario"] = "Bauantrag";
        json["testMessages"] = true;

        var envelope = Envelope(nameof(XtaClient.SendMessageAsync), XtaFixtures.Settings(json));
        var namespaces = new XmlNamespaceManager(envelope.NameTable);
        namespaces.AddNamespace("m", XtaNames.OsciMeta);

        Assert.Equal("Bauantrag", envelope.SelectSingleNode("//m:BusinessScenario/m:Undefined", namespaces)!.InnerText);
        Assert.Equal("true", envelope.SelectSingleNode("//m:MessageMetaData/@TestMsg", namespaces)!.Value);
        Assert.Empty(XtaFixtures.Validate((XmlElement)envelope.SelectSingleNode("//m:MessageMetaData", namespaces)!));
    }

    [Fact]
    public void The_content_container_holds_the_message_and_every_attachment_with_type_name_and_size()
    {
        var envelope = Envelope(nameof(XtaClient.SendMessageAsync), XtaFixtures.Settings());
        var namespaces = new XmlNamespaceManager(envelope.NameTable);
        namespaces.AddNamespace("x", XtaNames.Xta);

        var message = (XmlElement)envelope.SelectSingleNode("//x:ContentContainer/x:Message", namespaces)!;
        var attachment = (XmlElement)envelope.SelectSingleNode("//x:ContentContainer/x:Attachment", namespaces)!;
        Assert.Equal("application/xml", message.GetAttribute("contentType"));
        Assert.Equal("0001-2026.xml", message.GetAttribute("filename"));
        Assert.Equal("<xbau/>", Encoding.UTF8.GetString(Convert.FromBase64String(message.InnerText)));
        Assert.Equal("application/pdf", attachment.GetAttribute("contentType"));
        Assert.Equal("16", attachment.GetAttribute("size"));
    }

    private static XmlDocument Envelope(string operation, Settings.XtaRouteSettings settings)
    {
        var container = new ContentContainer(
            new DeliveryArtifact("xbau-2.6", "0001-2026.xml", "application/xml", Encoding.UTF8.GetBytes("<xbau/>")),
            [new DeliveryArtifact("pdf", "0001-2026.pdf", "application/pdf", Encoding.ASCII.GetBytes("%PDF-1.4 %%EOF\n\n"))]);
        using var message = new XtaClient(settings).BuildRequest(operation, MessageId, container, Now);
        var text = new StringBuilder();
        using (var writer = XmlDictionaryWriter.CreateDictionaryWriter(XmlWriter.Create(text)))
        {
            message.WriteMessage(writer);
        }

        var document = new XmlDocument { XmlResolver = null };
        document.LoadXml(text.ToString());
        return document;
    }

    /// <summary>The XTA/OSCI headers and the body's payload element (the envelope itself is WCF's).</summary>
    private static List<XmlElement> XtaParts(XmlDocument envelope, XmlNamespaceManager namespaces)
    {
        var headers = envelope.SelectNodes("/s:Envelope/s:Header/*", namespaces)!.Cast<XmlElement>()
            .Where(h => h.NamespaceURI is XtaNames.OsciMeta or XtaNames.Xta or XtaNames.Osci);
        var body = envelope.SelectNodes("/s:Envelope/s:Body/*", namespaces)!.Cast<XmlElement>();
        return [.. headers, .. body];
    }
}
