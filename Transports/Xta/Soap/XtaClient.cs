using System.ServiceModel;
using System.ServiceModel.Channels;
using System.Xml;
using System.Xml.Linq;
using EfaGateway.Transports.Xta.Settings;

namespace EfaGateway.Transports.Xta.Soap;

/// <summary>
/// The XTA 2 Version 3 Autor client over WCF: SOAP 1.2 with WS-Addressing 1.0 and MTOM, HTTPS with the route's
/// client certificate, the server checked against the route's roots, an optional proxy (all of it in its
/// <see cref="XtaConnection"/>). Each call is one request channel; a fault is read into an <see cref="XtaFailure"/>,
/// a broken connection or timeout is a transient one.
/// </summary>
public sealed class XtaClient : IDisposable
{
    private readonly XtaConnection connection;
    private readonly Action release;

    /// <summary>A client with a connection of its own, closed with the client (one-off calls; deliveries use <see cref="XtaConnectionPool"/>).</summary>
    public XtaClient(XtaRouteSettings settings)
    {
        connection = new XtaConnection(settings, DateTimeOffset.MinValue);
        release = connection.Dispose;
    }

    /// <summary>A client on a pooled connection; <paramref name="release"/> ends its lease.</summary>
    internal XtaClient(XtaConnection connection, Action release)
    {
        this.connection = connection;
        this.release = release;
    }

    /// <summary>The connection the client calls over (tests check that a route's calls share one).</summary>
    public XtaConnection Connection => connection;

    private XtaRouteSettings Settings => connection.Settings;

    public Task<XtaCallResult> CheckAccountActiveAsync(CancellationToken cancellationToken) =>
        CallAsync(Settings.ManagementUrl!, XtaNames.CheckAccountActive, AuthorHeader(), body: null, cancellationToken);

    public Task<XtaCallResult> CreateMessageIdAsync(CancellationToken cancellationToken) =>
        CallAsync(Settings.ManagementUrl!, XtaNames.CreateMessageId, AuthorHeader(), body: null, cancellationToken);

    public Task<XtaCallResult> LookupServiceAsync(CancellationToken cancellationToken) =>
        CallAsync(Settings.ManagementUrl!, XtaNames.LookupService, AuthorHeader(), LookupBody(), cancellationToken);

    public Task<XtaCallResult> GetTransportReportAsync(string messageId, CancellationToken cancellationToken) =>
        CallAsync(Settings.ManagementUrl!, XtaNames.GetTransportReport, AuthorHeader(), MessageIdBody(messageId), cancellationToken);

    public Task<XtaCallResult> CancelMessageAsync(string messageId, CancellationToken cancellationToken) =>
        CallAsync(Settings.ManagementUrl!, XtaNames.CancelMessage, AuthorHeader(), MessageIdBody(messageId), cancellationToken);

    /// <summary>sendMessage: the metadata as header, the XÖV message and the attachments as an MTOM content container.</summary>
    public Task<XtaCallResult> SendMessageAsync(string messageId, ContentContainer container, DateTimeOffset now, CancellationToken cancellationToken) =>
        CallAsync(Settings.SendUrl!, XtaNames.SendMessage, MetadataHeader(messageId, container, now), container.Write, cancellationToken);

    private WrittenHeader MetadataHeader(string messageId, ContentContainer container, DateTimeOffset now) =>
        new("oscimeta", "MessageMetaData", XtaNames.OsciMeta, writer => MetadataXml.WriteMessageMetaDataAttributes(writer, Settings),
            writer => MetadataXml.WriteMessageMetaDataContent(writer, Settings, messageId, container.Size, now));

    private Action<XmlDictionaryWriter> LookupBody() => writer =>
    {
        writer.WriteStartElement("xta", "LookupServiceRequest", XtaNames.Xta);
        writer.WriteStartElement("LookupServiceRequestList", XtaNames.Xta);
        writer.WriteStartElement("LookupService", XtaNames.Xta);
        MetadataXml.WriteParty(writer, "Reader", Settings.Reader!);
        writer.WriteElementString("ServiceType", XtaNames.Xta, Settings.Service);
        writer.WriteEndElement();
        writer.WriteEndElement();
        writer.WriteEndElement();
    };

    private WrittenHeader AuthorHeader() =>
        new("oscimeta", "Author", XtaNames.OsciMeta, _ => { }, writer => MetadataXml.WritePartyContent(writer, Settings.Author!));

    private static Action<XmlDictionaryWriter> MessageIdBody(string messageId) =>
        writer => writer.WriteElementString("wsa", "MessageID", XtaNames.Addressing, messageId);

    private async Task<XtaCallResult> CallAsync(Uri address, string action, MessageHeader header, Action<XmlDictionaryWriter>? body,
        CancellationToken cancellationToken)
    {
        if (address.Scheme != Uri.UriSchemeHttps)
        {
            throw new ArgumentException("XTA endpoints are https.", nameof(address));
        }

        if (connection.Factory is not { } factory)
        {
            return new XtaCallResult(null, new XtaFailure("The route's client certificate cannot be opened.", false));
        }

        IRequestChannel? channel = null;
        try
        {
            channel = factory.CreateChannel(new EndpointAddress(address));
            await Task.Factory.FromAsync(channel.BeginOpen, channel.EndOpen, null);
            using var request = Request(action, header, body);
            // Cancellation (shutdown, the attempt's lease) aborts the channel; the binding's timeouts bound the call itself.
            var open = channel;
            using var registration = cancellationToken.Register(() => open.Abort());
            using var reply = await Task<Message>.Factory.FromAsync(
                (callback, state) => open.BeginRequest(request, Settings.RequestTimeout, callback, state), open.EndRequest, null);
            if (reply.IsFault)
            {
                return new XtaCallResult(null, XtaFaults.Read(reply));
            }

            if (reply.IsEmpty)
            {
                return new XtaCallResult(null, null);
            }

            using var reader = reply.GetReaderAtBodyContents();
            return new XtaCallResult(XElement.Load(reader.ReadSubtree()), null);
        }
        catch (Exception ex) when ((ex is CommunicationException or TimeoutException or ObjectDisposedException) && !cancellationToken.IsCancellationRequested)
        {
            return new XtaCallResult(null, new XtaFailure($"The XTA call {Operation(action)} failed in transport ({ex.GetType().Name}).", true));
        }
        catch (XmlException)
        {
            return new XtaCallResult(null, new XtaFailure($"The XTA server answered {Operation(action)} with malformed XML.", true));
        }
        finally
        {
            // The channel only, never the shared factory: its HttpClient keeps the connection for the next call.
            channel?.Abort();
        }
    }

    public void Dispose() => release();

    /// <summary>The request message of an operation: SOAP 1.2, WS-Addressing action and message id, the XTA header.</summary>
    internal static Message Request(string action, MessageHeader header, Action<XmlDictionaryWriter>? body)
    {
        var request = Message.CreateMessage(MessageVersion.Soap12WSAddressing10, action, new WrittenBody(body ?? (_ => { })));
        request.Headers.MessageId = new UniqueId();
        request.Headers.Add(header);
        return request;
    }

    /// <summary>The request of an operation as it would be sent, for the envelope tests.</summary>
    internal Message BuildRequest(string operation, string? messageId = null, ContentContainer? container = null, DateTimeOffset now = default) => operation switch
    {
        nameof(CheckAccountActiveAsync) => Request(XtaNames.CheckAccountActive, AuthorHeader(), null),
        nameof(CreateMessageIdAsync) => Request(XtaNames.CreateMessageId, AuthorHeader(), null),
        nameof(LookupServiceAsync) => Request(XtaNames.LookupService, AuthorHeader(), LookupBody()),
        nameof(GetTransportReportAsync) => Request(XtaNames.GetTransportReport, AuthorHeader(), MessageIdBody(messageId!)),
        nameof(CancelMessageAsync) => Request(XtaNames.CancelMessage, AuthorHeader(), MessageIdBody(messageId!)),
        nameof(SendMessageAsync) => Request(XtaNames.SendMessage, MetadataHeader(messageId!, container!, now), container!.Write),
        _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, null),
    };

    private static string Operation(string action) => action[(action.LastIndexOf('/') + 1)..];
}
