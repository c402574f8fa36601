using System.ServiceModel;
using System.ServiceModel.Channels;
using System.Xml;
using System.Xml.Linq;
using EfaGateway.Core.Deliveries;
using EfaGateway.Transports.Xta.Soap;

namespace EfaGateway.Transports.Xta.Mailbox;

/// <summary>The mailbox's two ports of XTA.wsdl (V3).</summary>
public enum MailboxPort
{
    MsgBoxPort,
    ManagementPort,
}

/// <summary>A request as read: its action, the optional Author header, the body element and the wsa:MessageID.</summary>
internal sealed record MailboxRequest(string? Action, XElement? Author, XElement? Payload, UniqueId? MessageId);

/// <summary>An answer to send: the bytes, their Content-Type and the HTTP status (500 for faults, as XTA servers do).</summary>
public sealed record SoapAnswer(byte[] Body, string ContentType, int StatusCode);

/// <summary>
/// The operations of MsgBoxPort (getStatusList, getNextStatusList, getMessage, getNextMessage, close) and
/// ManagementPort (checkAccountActive, getTransportReport) for the caller known by its client certificate. Unknown
/// and foreign MessageIDs alike are InvalidMessageIDException 9070 (or NoMatch in a list); other operations of the
/// WSDL are wsa:ActionNotSupported.
/// </summary>
public sealed class MsgBoxService(XtaMailbox mailbox)
{
    private const string OsciActions = "http://www.osci.eu/ws/2008/05/transport/urn/messageTypes/";
    public const string StatusList = OsciActions + "MsgBoxStatusListRequest";
    public const string NextStatusList = OsciActions + "MsgBoxGetNextListRequest";
    public const string Fetch = OsciActions + "MsgBoxFetchRequest";
    public const string NextMessage = OsciActions + "MsgBoxGetNextMsgRequest";
    public const string Close = OsciActions + "MsgBoxCloseRequest";
    private const string ListRequestPrefix = "urn:efagateway:xta-mailbox:list:";
    private const string FetchRequestPrefix = "urn:efagateway:xta-mailbox:fetch:";
    private const string NoMatch = "http://www.osci.eu/ws/2008/05/transport/MsgBox/reasons/NoMatch";

    private static readonly XNamespace Osci = XtaNames.Osci;
    private static readonly XNamespace Wsa = XtaNames.Addressing;
    private static readonly XNamespace Xta = XtaNames.Xta;

    public async Task<SoapAnswer> HandleAsync(MailboxPort port, string sha256Thumbprint, Stream body, string? contentType, CancellationToken cancellationToken)
    {
        var mtom = MailboxSoap.IsMtom(contentType);
        MailboxRequest request;
        try
        {
            request = await ReadAsync(body, contentType);
        }
        catch (Exception ex) when (ex is FormatException or XmlException or CommunicationException or InvalidDataException)
        {
            return await AnswerAsync(Reply("http://www.w3.org/2005/08/addressing/fault", MailboxSoap.Fault("ParameterIsNotValidException", "9020",
                "Kein SOAP-1.2-Umschlag.")), mtom, fault: true);
        }

        var (action, author, payload, messageId) = request;
        var known = port == MailboxPort.MsgBoxPort
            ? action is StatusList or NextStatusList or Fetch or NextMessage or Close
            : action is XtaNames.CheckAccountActive or XtaNames.GetTransportReport;
        Message reply;
        var fault = false;
        if (!known || action is null)
        {
            reply = Reply("http://www.w3.org/2005/08/addressing/fault",
                MailboxSoap.AddressingFault("ActionNotSupported", $"{action} wird vom Postfach des Gateways an {port} nicht angeboten."));
            fault = true;
        }
        else
        {
            var caller = await mailbox.CallerAsync(sha256Thumbprint, author, cancellationToken);
            (reply, fault) = caller switch
            {
                null => (Reply(action, MailboxSoap.Fault("PermissionDeniedException", "9014",
                    "Das Zertifikat darf für diese Kennung nicht abholen.")), true),
                { Routes.Count: 0 } => (Reply(action, MailboxSoap.Fault("PermissionDeniedException", "9012",
                    "Für dieses Zertifikat gibt es kein Postfach.")), true),
                _ => await RunOrRefuseAsync(action, caller, payload, cancellationToken),
            };
        }

        using (reply)
        {
            if (messageId is { } relatesTo)
            {
                reply.Headers.RelatesTo = relatesTo;
            }

            return await AnswerAsync(reply, mtom, fault);
        }
    }

    /// <summary>
    /// The whole request read at once: WCF reads the body lazily, so a body that breaks off after good headers would
    /// otherwise throw long after the envelope was accepted.
    /// </summary>
    private static async Task<MailboxRequest> ReadAsync(Stream body, string? contentType)
    {
        using var message = await MailboxSoap.ReadAsync(body, contentType);
        var action = message.Headers.Action;
        XElement? author = null;
        var authorIndex = message.Headers.FindHeader("Author", XtaNames.OsciMeta);
        if (authorIndex >= 0)
        {
            using var reader = message.Headers.GetReaderAtHeader(authorIndex);
            author = (XElement)XNode.ReadFrom(reader);
        }

        XElement? payload = null;
        if (!message.IsEmpty)
        {
            using var reader = message.GetReaderAtBodyContents();
            payload = reader.MoveToContent() == XmlNodeType.Element ? (XElement)XNode.ReadFrom(reader) : null;
        }

        return new MailboxRequest(action, author, payload, message.Headers.MessageId);
    }

    /// <summary>A parameter the operation cannot read (a count that is no number, a time that is none) is the caller's fault.</summary>
    private async Task<(Message Reply, bool Fault)> RunOrRefuseAsync(string action, MailboxCaller caller, XElement? payload, CancellationToken cancellationToken)
    {
        try
        {
            return await RunAsync(action, caller, payload, cancellationToken);
        }
        catch (MailboxParameterException ex)
        {
            return (Reply(action, MailboxSoap.Fault("ParameterIsNotValidException", "9022", $"Der Parameter {ex.Parameter} ist ungültig.")), true);
        }
    }

    private async Task<(Message Reply, bool Fault)> RunAsync(string action, MailboxCaller caller, XElement? payload, CancellationToken cancellationToken)
    {
        switch (action)
        {
            case XtaNames.CheckAccountActive:
                return (Message.CreateMessage(MailboxSoap.Version, action), false);
            case XtaNames.GetTransportReport:
                return await TransportReportAsync(caller, payload, cancellationToken);
            case StatusList:
                return (await ListAsync(action, caller, payload, after: null, cancellationToken), false);
            case NextStatusList:
                return (await ListAsync(action, caller, null, after: IdAfter((string?)payload?.Attribute("MsgBoxRequestID"), ListRequestPrefix),
                    cancellationToken), false);
            case Fetch:
                var id = payload?.Element(Osci + "MsgSelector")?.Element(Wsa + "MessageID")?.Value;
                return await MessageAsync(action, caller, await mailbox.FindAsync(caller, id, cancellationToken), cancellationToken);
            case NextMessage:
                return await NextMessageAsync(caller, payload, cancellationToken);
            default:
                return await CloseAsync(caller, payload, cancellationToken);
        }
    }

    private async Task<Message> ListAsync(string action, MailboxCaller caller, XElement? request, Guid? after, CancellationToken cancellationToken)
    {
        IEnumerable<Delivery> open = await mailbox.OpenAsync(caller, cancellationToken);
        var selector = request?.Element(Osci + "MsgSelector");
        var ids = selector?.Elements(Wsa + "MessageID").Select(e => e.Value.Trim()).ToHashSet(StringComparer.Ordinal);
        if (ids is { Count: > 0 })
        {
            open = open.Where(d => ids.Contains(MailboxEntry.MessageIdOf(d.Id)));
        }

        if (MailboxParameters.Time(selector?.Element(Osci + "MsgBoxEntryTimeFrom")) is { } from)
        {
            open = open.Where(d => d.DeliveredAt >= from);
        }

        if (MailboxParameters.Time(selector?.Element(Osci + "MsgBoxEntryTimeTo")) is { } to)
        {
            open = open.Where(d => d.DeliveredAt <= to);
        }

        var candidates = open.ToList();
        if (after is { } last)
        {
            candidates = [.. candidates.SkipWhile(d => d.Id != last).Skip(1)];
        }

        var max = Math.Min(mailbox.Options.MaxListItems, MailboxParameters.Count(request?.Attribute("maxListItems")) ?? int.MaxValue);
        var page = candidates.Take(max).ToList();
        var metaData = (string?)request?.Attribute("ListForm") != "MsgAtrributes";
        var entries = new List<XElement>();
        foreach (var delivery in page)
        {
            if (await mailbox.EntryAsync(delivery, cancellationToken) is not { } entry)
            {
                continue;
            }

            entries.Add(metaData
                ? entry.MetaDataElement()
                : new XElement(Osci + "MsgAttributes",
                    new XElement(Wsa + "MessageID", entry.MessageId),
                    new XElement(Osci + "TypeOfBusinessScenario", caller.RouteOf(delivery)!.Settings.Service),
                    new XElement(Osci + "MsgSize", SecureXml.Number(entry.Size)),
                    new XElement(Osci + "DeliveryTime", SecureXml.Time(entry.EnteredAt))));
        }

        var requestId = ListRequestPrefix + (page.Count > 0 ? page[^1].Id.ToString("N") : "none");
        var reply = Reply(action, new XElement(Osci + "MsgStatusList", entries.Where(e => e.Name.LocalName == "MsgAttributes"),
            entries.Where(e => e.Name.LocalName == "MessageMetaData")));
        reply.Headers.Add(new ElementHeader(BoxResponse(requestId, page.Count == 0 ? null : candidates.Count - page.Count)));
        return reply;
    }

    private async Task<(Message, bool)> MessageAsync(string action, MailboxCaller caller, Delivery? delivery, CancellationToken cancellationToken)
    {
        var entry = delivery is { State: DeliveryState.Delivered } ? await mailbox.EntryAsync(delivery, cancellationToken) : null;
        var container = entry is null ? null : await mailbox.ContentAsync(entry, cancellationToken);
        if (entry is null || container is null)
        {
            return (Reply(action, MailboxSoap.Fault("InvalidMessageIDException", "9070", "Diese MessageID ist im Postfach nicht bekannt.")), true);
        }

        var pending = (await mailbox.OpenAsync(caller, cancellationToken)).Count(d => d.Id != delivery!.Id);
        var reply = Message.CreateMessage(MailboxSoap.Version, action, new WrittenBody(container.Write));
        reply.Headers.Add(new ElementHeader(entry.MetaDataElement()));
        reply.Headers.Add(new ElementHeader(BoxResponse(FetchRequestPrefix + delivery!.Id.ToString("N"), pending)));
        return (reply, false);
    }

    /// <summary>The next open message that is neither the one of the request nor one of LastMsgReceived.</summary>
    private async Task<(Message, bool)> NextMessageAsync(MailboxCaller caller, XElement? request, CancellationToken cancellationToken)
    {
        var current = IdAfter((string?)request?.Attribute("MsgBoxRequestID"), FetchRequestPrefix);
        var received = request?.Elements(Osci + "LastMsgReceived").Select(e => MailboxEntry.DeliveryIdOf(e.Value)).ToHashSet() ?? [];
        var next = (await mailbox.OpenAsync(caller, cancellationToken)).FirstOrDefault(d => d.Id != current && !received.Contains(d.Id));
        return await MessageAsync(NextMessage, caller, next, cancellationToken);
    }

    /// <summary>
    /// Commits the fetch of LastMsgReceived (or, without it, of the message of a getMessage request id): each delivery is
    /// confirmed. Every id is checked before anything is confirmed; closing a closed message again is fine.
    /// </summary>
    private async Task<(Message, bool)> CloseAsync(MailboxCaller caller, XElement? request, CancellationToken cancellationToken)
    {
        var ids = request?.Elements(Osci + "LastMsgReceived").Select(e => e.Value.Trim()).ToList() ?? [];
        if (ids.Count == 0 && IdAfter((string?)request?.Attribute("MsgBoxRequestID"), FetchRequestPrefix) is { } fetched)
        {
            ids.Add(MailboxEntry.MessageIdOf(fetched));
        }

        if (ids.Count == 0)
        {
            // Nothing identified (no LastMsgReceived, no request id of a getMessage): answering "closed" would make the
            // caller believe a message was committed that stays open.
            return (Reply(Close, MailboxSoap.Fault("ParameterIsNotValidException", "9020",
                "close nennt keine Nachricht: LastMsgReceived oder die MsgBoxRequestID einer getMessage-Antwort fehlt.")), true);
        }

        var found = new List<Delivery>();
        foreach (var id in ids)
        {
            if (await mailbox.FindAsync(caller, id, cancellationToken) is not { } delivery)
            {
                return (Reply(Close, MailboxSoap.Fault("InvalidMessageIDException", "9070", "Diese MessageID ist im Postfach nicht bekannt.")), true);
            }

            found.Add(delivery);
        }

        foreach (var delivery in found)
        {
            await mailbox.CloseAsync(delivery, cancellationToken);
        }

        return (Message.CreateMessage(MailboxSoap.Version, Close), false);
    }

    /// <summary>Status 0 (open) until the message is closed, then 1 (green).</summary>
    private async Task<(Message, bool)> TransportReportAsync(MailboxCaller caller, XElement? payload, CancellationToken cancellationToken)
    {
        var delivery = payload?.Name == Wsa + "MessageID" ? await mailbox.FindAsync(caller, payload.Value, cancellationToken) : null;
        if (delivery is null)
        {
            return (Reply(XtaNames.GetTransportReport, MailboxSoap.Fault("InvalidMessageIDException", "9070",
                "Diese MessageID ist im Postfach nicht bekannt.")), true);
        }

        var closed = delivery.State == DeliveryState.Confirmed;
        var report = new XElement(Xta + "TransportReport",
            await mailbox.MetaDataAsync(caller, delivery, cancellationToken),
            new XElement(Xta + "ReportTime", SecureXml.Time((closed ? delivery.ConfirmedAt : delivery.DeliveredAt) ?? delivery.CreatedAt)),
            new XElement(Xta + "XTAServerIdentity", mailbox.Options.Url),
            new XElement(Xta + "MessageStatus", new XElement(Xta + "Status", closed ? "1" : "0")));
        return (Reply(XtaNames.GetTransportReport, report), false);
    }

    private static XElement BoxResponse(string requestId, int? pending) =>
        new(Osci + "MsgBoxResponse",
            new XAttribute(XNamespace.Xmlns + "osci", Osci.NamespaceName),
            new XAttribute("MsgBoxRequestID", requestId),
            pending is { } count
                ? new XElement(Osci + "ItemsPending", SecureXml.Number(count))
                : new XElement(Osci + "NoMessageAvailable", new XAttribute("reason", NoMatch)));

    private static Guid? IdAfter(string? requestId, string prefix) =>
        requestId is not null && requestId.StartsWith(prefix, StringComparison.Ordinal) && Guid.TryParseExact(requestId[prefix.Length..], "N", out var id)
            ? id
            : null;

    private static Message Reply(string action, XElement body) => Message.CreateMessage(MailboxSoap.Version, action, body.CreateReader());

    private static async Task<SoapAnswer> AnswerAsync(Message reply, bool mtom, bool fault)
    {
        var (bytes, contentType) = await MailboxSoap.WriteAsync(reply, mtom);
        return new SoapAnswer(bytes, contentType, fault ? 500 : 200);
    }
}
