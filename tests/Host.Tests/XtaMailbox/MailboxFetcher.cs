using System.IdentityModel.Selectors;
using System.IdentityModel.Tokens;
using System.Security.Cryptography.X509Certificates;
using System.ServiceModel;
using System.ServiceModel.Channels;
using System.ServiceModel.Security;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using EfaGateway.Conformance.Xta.Soap;

namespace EfaGateway.Host.Tests.XtaMailbox;

/// <summary>One answer of the mailbox: the XTA headers, the body element (null if empty), and whether it is a fault.</summary>
public sealed record MailboxReply(IReadOnlyList<XElement> Headers, XElement? Body, bool IsFault)
{
    public XElement? Header(string localName) => Headers.FirstOrDefault(h => h.Name.LocalName == localName);

    public string? FaultCode => Body?.Descendants().FirstOrDefault(e => e.Name.LocalName == "errorCode")?.Element("code")?.Value;

    public string? FaultElement => Body?.Descendants().FirstOrDefault(e => e.Name.LocalName == "Detail")?.Elements().FirstOrDefault()?.Name.LocalName;
}

/// <summary>
/// A Fachverfahren fetching from the gateway's mailbox as a WCF client (CustomBinding: MTOM with SOAP 1.2 and
/// WS-Addressing 1.0, HTTPS with its client certificate, the server checked against the test root). Every request and
/// every answer's XTA headers and body are checked against the official V3 schemas.
/// </summary>
public sealed class MailboxFetcher(Uri baseAddress, X509Certificate2? clientCertificate, X509Certificate2 root)
{
    public List<string> SchemaProblems { get; } = [];

    public async Task<MailboxReply> CallAsync(string port, string action, XElement? body, XElement? header = null)
    {
        if (body is not null)
        {
            Check("request body", body);
        }

        if (header is not null)
        {
            Check("request header", header);
        }

        var encoding = new MtomMessageEncodingBindingElement(MessageVersion.Soap12WSAddressing10, Encoding.UTF8) { MaxBufferSize = int.MaxValue };
        encoding.ReaderQuotas.MaxStringContentLength = int.MaxValue;
        encoding.ReaderQuotas.MaxArrayLength = int.MaxValue;
        var transport = new HttpsTransportBindingElement
        {
            MaxReceivedMessageSize = 64 * 1024 * 1024,
            MaxBufferSize = 64 * 1024 * 1024,
            RequireClientCertificate = clientCertificate is not null,
        };
        var address = new Uri(baseAddress, $"xta/{port}");
        var factory = new ChannelFactory<IRequestChannel>(new CustomBinding(encoding, transport) { SendTimeout = TimeSpan.FromSeconds(30) },
            new EndpointAddress(address));
        if (clientCertificate is not null)
        {
            factory.Credentials.ClientCertificate.Certificate = clientCertificate;
        }

        factory.Credentials.ServiceCertificate.SslCertificateAuthentication = new X509ServiceCertificateAuthentication
        {
            CertificateValidationMode = X509CertificateValidationMode.Custom,
            CustomCertificateValidator = new RootValidator(root),
        };
        var channel = factory.CreateChannel();
        try
        {
            await Task.Factory.FromAsync(channel.BeginOpen, channel.EndOpen, null);
            var request = body is null
                ? Message.CreateMessage(MessageVersion.Soap12WSAddressing10, action)
                : Message.CreateMessage(MessageVersion.Soap12WSAddressing10, action, body.CreateReader());
            request.Headers.MessageId = new UniqueId();
            if (header is not null)
            {
                request.Headers.Add(new ElementHeader(header));
            }

            using var reply = await Task<Message>.Factory.FromAsync(channel.BeginRequest, channel.EndRequest, request, null);
            var headers = new List<XElement>();
            for (var i = 0; i < reply.Headers.Count; i++)
            {
                var info = reply.Headers[i];
                if (info.Namespace is "http://www.osci.eu/ws/2014/10/transport" or "http://www.osci.eu/ws/2008/05/transport")
                {
                    using var reader = reply.Headers.GetReaderAtHeader(i);
                    var element = (XElement)XNode.ReadFrom(reader);
                    Check("answer header", element);
                    headers.Add(element);
                }
            }

            XElement? payload = null;
            if (!reply.IsEmpty)
            {
                using var reader = reply.GetReaderAtBodyContents();
                if (reader.MoveToContent() == XmlNodeType.Element)
                {
                    payload = (XElement)XNode.ReadFrom(reader);
                    if (!reply.IsFault)
                    {
                        Check("answer body", payload);
                    }
                    else if (payload.Descendants().FirstOrDefault(e => e.Name.LocalName == "Detail")?.Elements().FirstOrDefault() is { } detail)
                    {
                        Check("fault detail", detail);
                    }
                }
            }

            return new MailboxReply(headers, payload, reply.IsFault);
        }
        finally
        {
            channel.Abort();
            factory.Abort();
        }
    }

    private void Check(string what, XElement element) =>
        SchemaProblems.AddRange(XtaSchemas.Validate(element).Select(p => $"{what} {element.Name.LocalName}: {p}"));

    private sealed class RootValidator(X509Certificate2 root) : X509CertificateValidator
    {
        public override void Validate(X509Certificate2 certificate)
        {
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(root);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            if (!chain.Build(certificate))
            {
                throw new SecurityTokenValidationException("The mailbox's certificate does not chain to the test root.");
            }
        }
    }
}

/// <summary>A SOAP header that is exactly the given element (MessageHeader.CreateHeader would wrap it once more).</summary>
internal sealed class ElementHeader(XElement element) : MessageHeader
{
    public override string Name => element.Name.LocalName;

    public override string Namespace => element.Name.NamespaceName;

    protected override void OnWriteStartHeader(XmlDictionaryWriter writer, MessageVersion messageVersion) =>
        writer.WriteStartElement("oscimeta", Name, Namespace);

    protected override void OnWriteHeaderContents(XmlDictionaryWriter writer, MessageVersion messageVersion)
    {
        foreach (var node in element.Nodes())
        {
            node.WriteTo(writer);
        }
    }
}
