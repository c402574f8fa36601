using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Engines;

namespace EfaGateway.Transports.FitConnect.Crypto;

/// <summary>What writing one JWE produced: its authentication tag (as events quote it) and the plaintext's hash and length.</summary>
public sealed record JweWriteResult(string AuthenticationTag, string Sha512Hex, long PlaintextLength, long EncodedLength);

/// <summary>
/// The same JWE as <see cref="Jwe.Encrypt"/> (compact serialization, RSA-OAEP-256, A256GCM, kid and cty, no zip), but
/// written to a stream while the plaintext arrives, in memory independent of its size: .NET's AesGcm and jose-jwt are
/// one-shot, so the content is encrypted with BouncyCastle's incremental GCM and base64url-encoded chunk by chunk.
/// </summary>
public static class StreamingJweWriter
{
    /// <summary>Plaintext is encrypted in slices of this size; the writer's buffers are a few times this.</summary>
    public const int ChunkSize = 64 * 1024;

    private const int IvBytes = 12;
    private const int TagBytes = 16;

    /// <summary>Encrypts everything <paramref name="plaintext"/> writes into the stream it is given.</summary>
    /// <param name="expectedLength">If known, the plaintext must have exactly this length (the upload announced it).</param>
    /// <param name="progress">Called with the plaintext bytes done so far each time a chunk has been written out.</param>
    public static async Task<JweWriteResult> WriteAsync(Stream output, RSA publicKey, string kid, string contentType,
        Func<Stream, CancellationToken, Task> plaintext, long? expectedLength, CancellationToken cancellationToken, Action<long>? progress = null)
    {
        var header = ProtectedHeader(kid, contentType);
        var cek = RandomNumberGenerator.GetBytes(32);
        try
        {
            var iv = RandomNumberGenerator.GetBytes(IvBytes);
            var encryptedKey = publicKey.Encrypt(cek, RSAEncryptionPadding.OaepSHA256);
            var prefix = $"{header}.{Base64Url.EncodeToString(encryptedKey)}.{Base64Url.EncodeToString(iv)}.";
            await output.WriteAsync(Encoding.ASCII.GetBytes(prefix), cancellationToken);

            var gcm = new GcmBlockCipher(new AesEngine());
            // The additional authenticated data is the encoded protected header, as RFC 7516 §5.1 step 14 says.
            gcm.Init(forEncryption: true, new AeadParameters(new KeyParameter(cek), TagBytes * 8, iv, Encoding.ASCII.GetBytes(header)));
            await using var sink = new EncryptingStream(output, gcm, progress);
            await plaintext(sink, cancellationToken);
            if (expectedLength is { } expected && sink.PlaintextLength != expected)
            {
                throw new InvalidDataException($"The content to encrypt was {sink.PlaintextLength} bytes long, not the {expected} bytes announced.");
            }

            var (tag, hash) = await sink.FinishAsync(cancellationToken);
            return new JweWriteResult(tag, hash, sink.PlaintextLength, prefix.Length + Base64UrlLength(sink.PlaintextLength) + 1 + tag.Length);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(cek);
        }
    }

    /// <summary>Encrypts the rest of <paramref name="plaintext"/>.</summary>
    public static Task<JweWriteResult> WriteAsync(Stream output, RSA publicKey, string kid, string contentType, Stream plaintext,
        CancellationToken cancellationToken) =>
        WriteAsync(output, publicKey, kid, contentType, (sink, ct) => plaintext.CopyToAsync(sink, ChunkSize, ct), null, cancellationToken);

    /// <summary>
    /// The exact length of the JWE for a plaintext of <paramref name="plaintextLength"/> bytes: every part but the
    /// ciphertext has a fixed size, so an upload can announce its Content-Length before encrypting anything.
    /// </summary>
    public static long EncodedLength(RSA publicKey, string kid, string contentType, long plaintextLength) =>
        ProtectedHeader(kid, contentType).Length + 1 + Base64UrlLength(publicKey.KeySize / 8) + 1 + Base64UrlLength(IvBytes) + 1
        + Base64UrlLength(plaintextLength) + 1 + Base64UrlLength(TagBytes);

    /// <summary>Unpadded base64url length: four characters per three bytes, two or three for a remainder of one or two.</summary>
    public static long Base64UrlLength(long bytes) => ((4 * bytes) + 2) / 3;

    /// <summary>The encoded protected header; the same members as <see cref="Jwe.Encrypt"/> writes (no zip).</summary>
    public static string ProtectedHeader(string kid, string contentType)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("alg", "RSA-OAEP-256");
            json.WriteString("enc", "A256GCM");
            json.WriteString("kid", kid);
            json.WriteString("cty", contentType);
            json.WriteEndObject();
        }

        return Base64Url.EncodeToString(buffer.ToArray());
    }
}
