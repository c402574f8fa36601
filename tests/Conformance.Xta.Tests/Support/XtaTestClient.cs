using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.ServiceModel.Channels;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using EfaGateway.Conformance.Xta.Server;
using EfaGateway.Conformance.Xta.Soap;

namespace EfaGateway.Conformance.Xta.Tests.Support;

/// <summary>An answer as a client sees it: HTTP status, content type, WS-Addressing headers, and the body element.</summary>
public sealed record XtaAnswer(int Status, string ContentType, string? Action, string? RelatesTo, string RequestMessageId, XElement? Body)
{
    public bool IsFault => Body?.Name == XtaNamespaces.Soap12 + "Fault";

    /// <summary>The XTA exception element in the fault's Detail.</summary>
    public XElement? Exception => Body?.Element(XtaNamespaces.Soap12 + "Detail")?.Elements().FirstOrDefault();

    public string? ErrorCode => Exception?.Element(XtaNamespaces.Xta + "errorCode")?.Element("code")?.Value;
}

/// <summary>
/// A minimal XTA client for the tests: HTTPS with the account's client certificate from its PKCS#12 and password,
/// the fake's root as the only trust anchor, and requests written by WCF's MTOM encoder — binary content goes through
/// <see cref="XmlWriter.WriteBase64"/>, so it travels as XOP parts like a real client's.
/// </summary>
public sealed class XtaTestClient : IDisposable
{
    private static readonly MessageEncoder Mtom = CreateEncoder(mtom: true);
    private static readonly MessageEncoder Text = CreateEncoder(mtom: false);
    private readonly HttpClient http;
    private readonly X509Certificate2? clientCertificate;

    public XtaTestClient(FakeXtaServer fake, XtaAccount? account = null, bool withCertificate = true)
    {
        account ??= fake.Author;
        clientCertificate = withCertificate
            ? X509CertificateLoader.LoadPkcs12(account.ClientCertificatePkcs12, account.ClientCertificatePassword)
            : null;
        var trustAnchor = fake.TrustAnchor;
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificates = clientCertificate is null ? null : [clientCertificate],
                RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is not null && TrustsOnly(trustAnchor, certificate),
            },
        };
        http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
    }

    public async Task<XtaAnswer> CallAsync(Uri url, string action, XElement? body = null, IEnumerable<XElement>? headers = null,
        bool mtom = true, bool withMessageId = true, CancellationToken cancellationToken = default) =>
        await SendAsync(url, body is null ? Message.CreateMessage(SoapCodec.Version, action) : Message.CreateMessage(SoapCodec.Version, action, body.CreateReader()),
            headers, mtom, withMessageId, cancellationToken);

    public async Task<XtaAnswer> SendAsync(Uri url, Message request, IEnumerable<XElement>? headers = null, bool mtom = true,
        bool withMessageId = true, CancellationToken cancellationToken = default)
    {
        var messageId = $"urn:uuid:{Guid.NewGuid()}";
        if (withMessageId)
        {
            request.Headers.MessageId = new UniqueId(messageId);
        }

        request.Headers.To = url;
        foreach (var header in headers ?? [])
        {
            request.Headers.Add(new XElementHeader(header));
        }

        var encoder = mtom ? Mtom : Text;
        using var buffer = new MemoryStream();
        await encoder.WriteMessageAsync(request, buffer);
        var bytes = buffer.ToArray();
        var contentType = encoder.ContentType;
        if (mtom)
        {
            // The public MTOM writer puts the MIME header lines first; the Content-Type line becomes the HTTP header.
            var end = bytes.AsSpan().IndexOf("\r\n\r\n"u8);
            contentType = Encoding.ASCII.GetString(bytes, 0, end).Split("\r\n").Single(l => l.StartsWith("Content-Type:", StringComparison.Ordinal))["Content-Type:".Length..].Trim();
            bytes = bytes[(end + 4)..];
        }

        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        using var response = await http.PostAsync(url, content, cancellationToken);
        var answerType = response.Content.Headers.ContentType?.ToString() ?? "";
        await using var answerStream = new MemoryStream(await response.Content.ReadAsByteArrayAsync(cancellationToken));
        using var answer = await (SoapCodec.IsMtom(answerType) ? Mtom : Text).ReadMessageAsync(answerStream, 1 << 20, answerType);
        XElement? element = null;
        if (!answer.IsEmpty)
        {
            using var reader = answer.GetReaderAtBodyContents();
            element = (XElement)XNode.ReadFrom(reader);
        }

        return new XtaAnswer((int)response.StatusCode, answerType, answer.Headers.Action, answer.Headers.RelatesTo?.ToString(), messageId, element);
    }

    private static bool TrustsOnly(X509Certificate2 trustAnchor, X509Certificate certificate)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(trustAnchor);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return chain.Build(leaf);
    }

    private static MessageEncoder CreateEncoder(bool mtom)
    {
        MessageEncodingBindingElement element = mtom
            ? new MtomMessageEncodingBindingElement(SoapCodec.Version, Encoding.UTF8)
            : new TextMessageEncodingBindingElement(SoapCodec.Version, Encoding.UTF8);
        return element.CreateMessageEncoderFactory().Encoder;
    }

    public void Dispose()
    {
        http.Dispose();
        clientCertificate?.Dispose();
    }

    private sealed class XElementHeader(XElement element) : MessageHeader
    {
        public override string Name => element.Name.LocalName;

        public override string Namespace => element.Name.NamespaceName;

        protected override void OnWriteHeaderContents(XmlDictionaryWriter writer, MessageVersion messageVersion)
        {
            foreach (var attribute in element.Attributes().Where(a => !a.IsNamespaceDeclaration))
            {
                writer.WriteAttributeString(attribute.Name.LocalName, attribute.Name.NamespaceName, attribute.Value);
            }

            foreach (var node in element.Nodes())
            {
                node.WriteTo(writer);
            }
        }
    }
}
