using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using EfaGateway.Transports.FitConnect.Crypto;

namespace EfaGateway.Transports.FitConnect.Api;

/// <summary>
/// An <c>application/jose</c> request body encrypted while it is sent: the plaintext is read from its source and the JWE
/// written to the connection chunk by chunk, never whole in memory. The length is announced up front (it follows from
/// the plaintext's), so the Zustelldienst gets a Content-Length, not a chunked body. Each send encrypts anew (fresh key
/// and IV), so <see cref="Result"/> is the tag of the last send.
/// </summary>
public sealed class JweContent : HttpContent
{
    private readonly RSA publicKey;
    private readonly string kid;
    private readonly string contentType;
    private readonly long plaintextLength;
    private readonly Func<Stream, CancellationToken, Task> plaintext;

    public JweContent(RSA publicKey, string kid, string contentType, long plaintextLength, Func<Stream, CancellationToken, Task> plaintext)
    {
        this.publicKey = publicKey;
        this.kid = kid;
        this.contentType = contentType;
        this.plaintextLength = plaintextLength;
        this.plaintext = plaintext;
        Headers.ContentType = new MediaTypeHeaderValue("application/jose");
    }

    /// <summary>Called whenever another chunk has gone out: the sender's deadline counts from the last progress.</summary>
    public Action? Progress { get; set; }

    /// <summary>The tag and plaintext hash of what was sent; null until the body has been written completely.</summary>
    public JweWriteResult? Result { get; private set; }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        Result = null;
        Result = await StreamingJweWriter.WriteAsync(stream, publicKey, kid, contentType, plaintext, plaintextLength, cancellationToken,
            _ => Progress?.Invoke());
    }

    protected override bool TryComputeLength(out long length)
    {
        length = StreamingJweWriter.EncodedLength(publicKey, kid, contentType, plaintextLength);
        return true;
    }
}
