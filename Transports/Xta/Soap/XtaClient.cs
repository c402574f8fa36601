using System.IdentityModel.Selectors;
using System.IdentityModel.Tokens;
using System.Security.Cryptography.X509Certificates;
using System.ServiceModel;
using System.ServiceModel.Channels;
using System.ServiceModel.Security;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using EfaGateway.Transports.Xta.Settings;

namespace EfaGateway.Transports.Xta.Soap;

/// <summary>
/// The XTA 2 Version 3 Autor client over WCF: SOAP 1.2 with WS-Addressing 1.0 and MTOM, HTTPS with the route's
/// client certificate, the server checked against the route's roots, an optional proxy. Each call is one request
/// channel; a fault is read into an <see cref="XtaFailure"/>, a broken connection or timeout is a transient one.
/// </summary>
public sealed class XtaClient(XtaRouteSettings settings) : IDisposable
{
    /// <summary>Opened once per client, not per call: a delivery makes several calls with the same certificate.</summary>
    private readonly Lazy<X509Certificate2?> certificate = new(settings.LoadClientCertificate);

    /// <summary>Replies can carry a 40 MB container in base64 plus the envelope.</summary>
    private const long MaxReplyBytes = 64L * 1024 * 1024;

    public Task<XtaCallResult> CheckAccountActiveAsync(CancellationToken cancellationToken) =>
        CallAsync(settings.ManagementUrl!, XtaNames.CheckAccountActive, AuthorHeader(), body: null, cancellationToken);

    public Task<XtaCallResult> CreateMessageIdAsync(CancellationToken cancellationToken) =>
        CallAsync(settings.ManagementUrl!, XtaNames.CreateMessageId, AuthorHeader(), body: null, cancellationToken);

    public Task<XtaCallResult> LookupServiceAsync(CancellationToken cancellationToken) =>
        CallAsync(settings.ManagementUrl!, XtaNames.LookupService, AuthorHeader(), LookupBody(), cancellationToken);

    public Task<XtaCallResult> GetTransportReportAsync(string messageId, CancellationToken cancellationToken) =>
        CallAsync(settings.ManagementUrl!, XtaNames.GetTransportReport, AuthorHeader(), MessageIdBody(messageId), cancellationToken);

    public Task<XtaCallResult> CancelMessageAsync(string messageId, CancellationToken cancellationToken) =>
        CallAsync(settings.ManagementUrl!, XtaNames.CancelMessage, AuthorHeader(), MessageIdBody(messageId), cancellationToken);

    /// <summary>sendMessage: the metadata as header, the XÖV message and the attachments as an MTOM content container.</summary>
    public Task<XtaCallResult> SendMessageAsync(string messageId, ContentContainer container, DateTimeOffset now, CancellationToken cancellationToken) =>
        CallAsync(settings.SendUrl!, XtaNames.SendMessage, MetadataHeader(messageId, container, now), container.Write, cancellationToken);

    private WrittenHeader MetadataHeader(string messageId, ContentContainer container, DateTimeOffset now) =>
        new("oscimeta", "MessageMetaData", XtaNames.OsciMeta, writer => MetadataXml.WriteMessageMetaDataAttributes(writer, settings),
            writer => MetadataXml.WriteMessageMetaDataContent(writer, settings, messageId, container.Size, now));

    private Action<XmlDictionaryWriter> LookupBody() => writer =>
    {
        writer.WriteStartElement("xta", "LookupServiceRequest", XtaNames.Xta);
        writer.WriteStartElement("LookupServiceRequestList", XtaNames.Xta);
        writer.WriteStartElement("LookupService", XtaNames.Xta);
        MetadataXml.WriteParty(writer, "Reader", settings.Reader!);
        writer.WriteElementString("ServiceType", XtaNames.Xta, settings.Service);
        writer.WriteEndElement();
        writer.WriteEndElement();
        writer.WriteEndElement();
    };

    private WrittenHeader AuthorHeader() =>
        new("oscimeta", "Author", XtaNames.OsciMeta, _ => { }, writer => MetadataXml.WritePartyContent(writer, settings.Author!));

    private static Action<XmlDictionaryWriter> MessageIdBody(string messageId) =>
        writer => writer.WriteElementString("wsa", "MessageID", XtaNames.Addressing, messageId);

    private async Task<XtaCallResult> CallAsync(Uri address, string action, MessageHeader header, Action<XmlDictionaryWriter>? body,
        CancellationToken cancellationToken)
    {
        var clientCertificate = certificate.Value;
        if (clientCertificate is null)
        {
            return new XtaCallResult(null, new XtaFailure("The route's client certificate cannot be opened.", false));
        }

        var factory = new ChannelFactory<IRequestChannel>(Binding(address), new EndpointAddress(address));
        factory.Credentials.ClientCertificate.Certificate = clientCertificate;
        if (settings.ServerTrustAnchors.Count > 0)
        {
            factory.Credentials.ServiceCertificate.SslCertificateAuthentication = new X509ServiceCertificateAuthentication
            {
                CertificateValidationMode = X509CertificateValidationMode.Custom,
                CustomCertificateValidator = new AnchoredValidator(settings),
            };
        }

        IRequestChannel? channel = null;
        try
        {
            channel = factory.CreateChannel();
            await Task.Factory.FromAsync(channel.BeginOpen, channel.EndOpen, null);
            using var request = Request(action, header, body);
            // Cancellation (shutdown, the attempt's lease) aborts the channel; the binding's timeouts bound the call itself.
            var open = channel;
            using var registration = cancellationToken.Register(() => open.Abort());
            using var reply = await Task<Message>.Factory.FromAsync(
                (callback, state) => open.BeginRequest(request, settings.RequestTimeout, callback, state), open.EndRequest, null);
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
            channel?.Abort();
            factory.Abort();
        }
    }

    public void Dispose()
    {
        if (certificate.IsValueCreated)
        {
            certificate.Value?.Dispose();
        }
    }

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

    private CustomBinding Binding(Uri address)
    {
        var encoding = new MtomMessageEncodingBindingElement(MessageVersion.Soap12WSAddressing10, Encoding.UTF8)
        {
            MaxBufferSize = int.MaxValue,
        };
        encoding.ReaderQuotas.MaxStringContentLength = int.MaxValue;
        encoding.ReaderQuotas.MaxArrayLength = int.MaxValue;
        var transport = new HttpsTransportBindingElement
        {
            // Buffered transfer needs both limits equal.
            MaxReceivedMessageSize = MaxReplyBytes,
            MaxBufferSize = (int)MaxReplyBytes,
            RequireClientCertificate = true,
        };
        if (settings.Proxy is { } proxy)
        {
            transport.ProxyAddress = proxy;
            transport.UseDefaultWebProxy = false;
            transport.BypassProxyOnLocal = false;
        }

        var binding = new CustomBinding(encoding, transport)
        {
            SendTimeout = settings.RequestTimeout,
            ReceiveTimeout = settings.RequestTimeout,
            OpenTimeout = settings.RequestTimeout,
        };
        return address.Scheme == Uri.UriSchemeHttps ? binding : throw new ArgumentException("XTA endpoints are https.", nameof(address));
    }

    private static string Operation(string action) => action[(action.LastIndexOf('/') + 1)..];

    /// <summary>The server certificate must chain to one of the route's roots.</summary>
    private sealed class AnchoredValidator(XtaRouteSettings settings) : X509CertificateValidator
    {
        public override void Validate(X509Certificate2 certificate)
        {
            var anchors = settings.LoadServerTrustAnchors();
            try
            {
                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.AddRange(anchors);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                if (!chain.Build(certificate))
                {
                    throw new SecurityTokenValidationException("The XTA server's certificate does not chain to a configured root: "
                        + string.Join(", ", chain.ChainStatus.Select(s => s.Status)));
                }
            }
            finally
            {
                foreach (var anchor in anchors)
                {
                    anchor.Dispose();
                }
            }
        }
    }
}
