using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using EfaGateway.Conformance.Xta.Soap;

namespace EfaGateway.Conformance.Xta.Server;

/// <summary>The ManagementPort operations of XTA.wsdl (V3) for an Autor: everything but sending.</summary>
internal static class ManagementOperations
{
    private static readonly XNamespace Xta = XtaNamespaces.Xta;
    private static readonly XNamespace Meta = XtaNamespaces.OsciMeta;

    public static XtaFault? CheckAccountActive(OperationCall call) => null; // the account checks ran before: active.

    public static XtaFault? CreateMessageId(XtaState state, OperationCall call)
    {
        call.XtaMessageId = state.IssueMessageId(call.Account);
        call.ResponseBody = new XElement(XtaNamespaces.Addressing + "MessageID", call.XtaMessageId);
        return null;
    }

    /// <summary>
    /// One result per requested (reader, service): available when the reader is known and offers the service, not
    /// available when the reader is known but does not, unknown when the fake does not know the reader (our reading of
    /// IsServiceAvailableValueType; no ServiceParameter is returned).
    /// </summary>
    public static XtaFault? LookupService(XtaState state, OperationCall call)
    {
        var results = new List<XElement>();
        foreach (var lookup in call.Body!.Elements(Xta + "LookupServiceRequestList").Elements(Xta + "LookupService"))
        {
            var reader = lookup.Element(Meta + "Reader")!;
            var service = ((string?)lookup.Element(Xta + "ServiceType") ?? "").Trim();
            var known = state.Readers.FirstOrDefault(r => r.Party.SameParty(reader.Element(Meta + "Identifier")));
            var value = known is null
                ? new XElement(Xta + "ServiceIsAvailableUnknown", "true")
                : new XElement(Xta + "ServiceIsAvailable", known.Services.Contains(service, StringComparer.Ordinal) ? "true" : "false");
            results.Add(new XElement(Xta + "LookupServiceResult",
                new XElement(reader), new XElement(Xta + "ServiceType", service), new XElement(Xta + "IsServiceAvailableValue", value)));
        }

        call.ResponseBody = new XElement(Xta + "LookupServiceResponse", new XElement(Xta + "LookupServiceResultList", results));
        return null;
    }

    public static XtaFault? GetTransportReport(XtaState state, OperationCall call)
    {
        var id = call.XtaMessageId = call.Body!.Value.Trim();
        XElement report;
        lock (state.Gate)
        {
            var message = state.MessageOf(id, call.Account);
            if (message is null)
            {
                return call.Refuse(XtaFault.InvalidMessageId(), $"no message {id} sent by this account");
            }

            report = new XElement(Xta + "TransportReport",
                new XElement(message.MetaData),
                new XElement(Xta + "ReportTime", XmlConvert.ToString(message.ReportTime)),
                new XElement(Xta + "XTAServerIdentity", state.ServerIdentity),
                new XElement(Xta + "MessageStatus",
                    new XElement(Xta + "Status", ((int)message.Status).ToString(CultureInfo.InvariantCulture)),
                    RecordList("ErrorList", "Error", message.Errors, message.ReportTime),
                    RecordList("WarnList", "Warning", message.Warnings, message.ReportTime),
                    RecordList("InfoList", "Info", message.Infos, message.ReportTime)));
        }

        call.ResponseBody = report;
        return null;
    }

    /// <summary>
    /// CancelDeniedException as its codes say: 9101 without NotBefore, 9100 once NotBefore has passed. Otherwise the
    /// order is withdrawn and (our reading) its report turns red with an error record "cancelled".
    /// </summary>
    public static XtaFault? CancelMessage(XtaState state, OperationCall call)
    {
        var id = call.XtaMessageId = call.Body!.Value.Trim();
        lock (state.Gate)
        {
            var message = state.MessageOf(id, call.Account);
            if (message is null)
            {
                // cancelMessage declares no InvalidMessageIDException in XTA.wsdl; our reading: an invalid parameter.
                return call.Refuse(XtaFault.ParameterIsNotValid("9022"), $"no message {id} sent by this account");
            }

            var notBefore = message.MetaData.Element(Meta + "DeliveryAttributes")?.Element(Meta + "NotBefore");
            if (notBefore is null)
            {
                return call.Refuse(XtaFault.CancelDenied("9101"), "NotBefore was not set");
            }

            if (XmlConvert.ToDateTimeOffset(notBefore.Value) <= call.Now)
            {
                return call.Refuse(XtaFault.CancelDenied("9100"), "NotBefore has passed");
            }

            message.Cancelled = true;
            message.Status = XtaTransportStatus.Red;
            message.Errors = [.. message.Errors, new XtaReportRecord("cancelled", "Transportauftrag durch den Autor zurückgezogen")];
            message.ReportTime = call.Now;
        }

        return null;
    }

    private static XElement? RecordList(string listName, string itemName, IReadOnlyList<XtaReportRecord> items, DateTimeOffset at) =>
        items.Count == 0
            ? null
            : new XElement(Xta + listName, items.Select(item => new XElement(Xta + itemName,
                new XElement(Xta + "Timestamp", XmlConvert.ToString(at)),
                new XElement(Xta + "Code",
                    new XAttribute("listURI", XtaReportRecord.CodeListUri),
                    new XAttribute("listVersionID", "1.0"),
                    new XElement("code", item.Code)),
                new XElement(Xta + "Reason", item.Reason))));
}
