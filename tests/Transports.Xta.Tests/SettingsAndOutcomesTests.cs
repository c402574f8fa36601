using System.ServiceModel;
using System.ServiceModel.Channels;
using System.Text.Json;
using System.Xml.Linq;
using EfaGateway.Core.Ports;
using EfaGateway.Transports.Xta.Settings;
using EfaGateway.Transports.Xta.Soap;

namespace EfaGateway.Transports.Xta.Tests;

public sealed class SettingsAndOutcomesTests
{
    private static readonly XtaTransportSettings Rules = new();

    [Fact]
    public void Valid_settings_have_no_problem() =>
        Assert.Empty(Rules.Validate(JsonSerializer.SerializeToElement(XtaFixtures.SettingsJson())));

    [Fact]
    public void Every_problem_of_the_settings_is_named_at_once()
    {
        var json = XtaFixtures.SettingsJson();
        json["managementUrl"] = "http://xta.example.de/management";
        json["clientCertificatePassword"] = "falsch";
        json["reader"] = new System.Text.Json.Nodes.JsonObject { ["identifier"] = "dvdv:1" };
        json["undefinedBusinessScenario"] = "auch noch";
        json.Remove("messageType");

        Assert.Equal(
        [
            "managementUrl must be an absolute https URL.",
            "clientCertificate cannot be opened with clientCertificatePassword, or holds no private key.",
            "reader needs an identifier and its type.",
            "Give exactly one of businessScenario (code, listUri, listVersionId) and undefinedBusinessScenario.",
            "messageType needs code, listUri, listVersionId and payloadSchema (the namespace URI of the XÖV message).",
        ], Rules.Validate(JsonSerializer.SerializeToElement(json)));
    }

    [Fact]
    public void The_certificate_and_its_password_are_secrets() =>
        Assert.Equal(["clientCertificate", "clientCertificatePassword"], Rules.SecretNames);

    [Theory]
    [InlineData("PermissionDeniedException", "9011", false)]
    [InlineData("ParameterIsNotValidException", "9020", false)]
    [InlineData("MessageSchemaViolationException", "9050", false)]
    [InlineData("MessageVirusDetectionException", "9060", false)]
    [InlineData("SyncAsyncException", "9080", false)]
    [InlineData("CancelDeniedException", "9100", false)]
    [InlineData("XTAWSTechnicalProblemException", "9030", true)]
    public void Faults_are_read_by_element_and_error_code_and_only_technical_problems_are_retried(string element, string code, bool transient)
    {
        var detail = new XElement(XName.Get(element, XtaNames.Xta),
            new XElement(XName.Get("errorCode", XtaNames.Xta), new XAttribute("listURI", "urn:de:xta:webservice:codeliste:fehlernummer"),
                new XAttribute("listVersionID", "1.0"), new XElement("code", code), new XElement("name", "Beispiel")));
        using var message = Message.CreateMessage(MessageVersion.Soap12WSAddressing10, new FaultCode("Sender", "http://www.w3.org/2003/05/soap-envelope"),
            "Grund", detail, XtaNames.SendMessage);

        var failure = XtaFaults.Read(message);

        Assert.Equal(element, failure.FaultElement);
        Assert.Equal(code, failure.ErrorCode);
        Assert.Equal(transient, failure.IsTransient);
        Assert.Contains($"{element} {code} (Beispiel)", failure.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, typeof(ReceiptVerdict.Pending))]
    [InlineData(1, typeof(ReceiptVerdict.Confirmed))]
    [InlineData(2, typeof(ReceiptVerdict.Confirmed))]
    [InlineData(3, typeof(ReceiptVerdict.Rejected))]
    public void The_transport_report_status_decides_the_receipt(int status, Type verdict) =>
        Assert.IsType(verdict, XtaReceipts.Judge(Report(status)));

    [Fact]
    public void A_yellow_report_confirms_with_its_warnings_and_a_red_one_lists_its_errors()
    {
        var yellow = Assert.IsType<ReceiptVerdict.Confirmed>(XtaReceipts.Judge(Report(2)));
        var red = Assert.IsType<ReceiptVerdict.Rejected>(XtaReceipts.Judge(Report(3)));

        Assert.Equal("W1 Zertifikat läuft bald ab: in 10 Tagen", yellow.Warnings);
        Assert.Equal("The XTA server reports errors (red): E7 Leser unbekannt: dvdv:089876543210", red.Reason);
    }

    private static XElement Report(int status)
    {
        XNamespace x = XtaNames.Xta;
        static XElement Record(XNamespace x, string code, string name, string reason) => new(x + "Record",
            new XElement(x + "Timestamp", "2026-11-27T10:00:00Z"), new XElement(x + "Code", new XElement("code", code), new XElement("name", name)),
            new XElement(x + "Reason", reason));
        return new XElement(x + "TransportReport", new XElement(x + "MessageStatus", new XElement(x + "Status", status),
            new XElement(x + "ErrorList", status == 3 ? Record(x, "E7", "Leser unbekannt", "dvdv:089876543210") : null),
            new XElement(x + "WarnList", status == 2 ? Record(x, "W1", "Zertifikat läuft bald ab", "in 10 Tagen") : null)));
    }
}
