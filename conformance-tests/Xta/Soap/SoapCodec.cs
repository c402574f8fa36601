using System.ServiceModel.Channels;
using System.Text;
using System.Xml;

namespace EfaGateway.Conformance.Xta.Soap;

/// <summary>
/// Reads and writes SOAP 1.2 + WS-Addressing 1.0 envelopes with WCF's own message encoders (System.ServiceModel.Http):
/// MTOM (<c>multipart/related; type="application/xop+xml"</c>) and plain <c>application/soap+xml</c>. The same
/// encoders a .NET XTA client would use, so no MIME or XOP parsing is written here.
/// </summary>
public static class SoapCodec
{
    public static readonly MessageVersion Version = MessageVersion.Soap12WSAddressing10;

    // 40 MB of content (the GenericContentContainer limit) plus the envelope and base64 growth of a non-MTOM request.
    public const int MaxMessageBytes = 64 * 1024 * 1024;

    private const int MaxHeaderBytes = 1024 * 1024;

    public static MessageEncoder Mtom { get; } = CreateMtom();

    public static MessageEncoder Text { get; } = CreateText();

    public static bool IsMtom(string? contentType) =>
        contentType is not null && contentType.StartsWith("multipart/related", StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads a request body; the content type picks the encoder.</summary>
    public static async Task<Message> ReadAsync(Stream body, string? contentType)
    {
        var encoder = IsMtom(contentType) ? Mtom : Text;
        if (contentType is null || !encoder.IsContentTypeSupported(contentType))
        {
            throw new FormatException($"Content type '{contentType}' is neither SOAP 1.2 nor MTOM.");
        }

        return await encoder.ReadMessageAsync(body, MaxHeaderBytes, contentType);
    }

    /// <summary>
    /// Writes <paramref name="message"/> and returns its bytes with the HTTP content type. WCF's MTOM encoder, called
    /// through its public API, puts the MIME header lines (MIME-Version, Content-Type with the boundary it chose) in front
    /// of the multipart body; they are split off here and the Content-Type becomes the HTTP header.
    /// </summary>
    public static async Task<(byte[] Body, string ContentType)> WriteAsync(Message message, bool mtom)
    {
        using var buffer = new MemoryStream();
        await (mtom ? Mtom : Text).WriteMessageAsync(message, buffer);
        var bytes = buffer.ToArray();
        if (!mtom)
        {
            return (bytes, Text.ContentType);
        }

        var end = bytes.AsSpan().IndexOf("\r\n\r\n"u8);
        if (end < 0)
        {
            throw new InvalidOperationException("The MTOM encoder wrote no MIME header block.");
        }

        var contentType = Encoding.ASCII.GetString(bytes, 0, end).Split("\r\n")
            .Select(line => line.Split(':', 2))
            .Where(parts => parts.Length == 2 && parts[0].Trim().Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            .Select(parts => parts[1].Trim())
            .SingleOrDefault() ?? throw new InvalidOperationException("The MTOM encoder wrote no Content-Type.");
        return (bytes[(end + 4)..], contentType);
    }

    private static MessageEncoder CreateMtom()
    {
        var element = new MtomMessageEncodingBindingElement(Version, Encoding.UTF8) { MaxBufferSize = MaxMessageBytes };
        XmlDictionaryReaderQuotas.Max.CopyTo(element.ReaderQuotas);
        return element.CreateMessageEncoderFactory().Encoder;
    }

    private static MessageEncoder CreateText()
    {
        var element = new TextMessageEncodingBindingElement(Version, Encoding.UTF8);
        XmlDictionaryReaderQuotas.Max.CopyTo(element.ReaderQuotas);
        return element.CreateMessageEncoderFactory().Encoder;
    }
}
