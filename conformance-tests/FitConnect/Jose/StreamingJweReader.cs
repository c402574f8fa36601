using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Parameters;

namespace EfaGateway.Conformance.FitConnect.Jose;

/// <summary>What the fake keeps of a JWE it decrypted as it arrived: no content, only what proves it was right.</summary>
public sealed record JweDigest(string? KeyId, string? Algorithm, string? Encryption, string? ContentType, string AuthenticationTag,
    long PlaintextLength, string Sha512Hex);

/// <summary>
/// Decrypts a compact JWE (RSA-OAEP-256, A256GCM) as it is read from a stream, in bounded memory: the ciphertext is
/// base64url-decoded four characters at a time (the rest carried to the next read) and fed to an incremental GCM whose
/// final step checks the tag. Only the plaintext's length and SHA-512 are kept. For uploads too large to hold.
/// </summary>
public static class StreamingJweReader
{
    private const int SmallSegmentLimit = 64 * 1024;

    /// <summary>The digest, or why the body is not a JWE this key opens.</summary>
    public static async Task<(JweDigest? Digest, string? Problem)> ReadAsync(Stream body, Func<string?, RSA?> keyFor, CancellationToken cancellationToken)
    {
        var input = new SegmentReader(body);
        var header = await input.ReadSmallAsync(cancellationToken);
        var encryptedKey = await input.ReadSmallAsync(cancellationToken);
        var iv = await input.ReadSmallAsync(cancellationToken);
        if (header is null || encryptedKey is null || iv is null)
        {
            return (null, "not a JWE in compact serialization.");
        }

        JweDigest Digest(string tag, long length, string hash)
        {
            using var json = JsonDocument.Parse(Base64Url.DecodeFromUtf8(header));
            string? Member(string name) => json.RootElement.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            return new JweDigest(Member("kid"), Member("alg"), Member("enc"), Member("cty"), tag, length, hash);
        }

        try
        {
            var preview = Digest(string.Empty, 0, string.Empty);
            if (preview.Algorithm != "RSA-OAEP-256" || preview.Encryption != "A256GCM" || keyFor(preview.KeyId) is not { } key)
            {
                return (null, $"alg {preview.Algorithm}, enc {preview.Encryption} with kid {preview.KeyId} cannot be opened here.");
            }

            var cek = key.Decrypt(Base64Url.DecodeFromUtf8(encryptedKey), RSAEncryptionPadding.OaepSHA256);
            var gcm = new GcmBlockCipher(new AesEngine());
            gcm.Init(false, new AeadParameters(new KeyParameter(cek), 128, Base64Url.DecodeFromUtf8(iv), header));
            using var sha512 = IncrementalHash.CreateHash(HashAlgorithmName.SHA512);
            var plain = new byte[(SegmentReader.BufferSize * 3 / 4) + 64];
            long length = 0;
            void Decrypt(ReadOnlySpan<byte> ciphertext, bool final)
            {
                var written = final ? gcm.DoFinal(plain) : gcm.ProcessBytes(ciphertext, plain);
                sha512.AppendData(plain.AsSpan(0, written));
                length += written;
            }

            if (!await input.DecodeLargeAsync(decoded => Decrypt(decoded, final: false), cancellationToken))
            {
                return (null, "the ciphertext is not base64url or the JWE has fewer than five parts.");
            }

            var tag = await input.ReadSmallAsync(cancellationToken, last: true);
            if (tag is null)
            {
                return (null, "the authentication tag is missing or the JWE has more than five parts.");
            }

            Decrypt(Base64Url.DecodeFromUtf8(tag), final: false);
            Decrypt([], final: true);
            return (Digest(Encoding.ASCII.GetString(tag), length, Convert.ToHexStringLower(sha512.GetHashAndReset())), null);
        }
        catch (Exception ex) when (ex is InvalidCipherTextException or CryptographicException or FormatException or JsonException)
        {
            return (null, $"it does not decrypt ({ex.GetType().Name}).");
        }
    }

    /// <summary>Reads dot-separated segments from the body through one fixed buffer.</summary>
    private sealed class SegmentReader(Stream body)
    {
        public const int BufferSize = 64 * 1024;

        private readonly byte[] buffer = new byte[BufferSize];
        private int start;
        private int end;

        /// <summary>A segment of at most 64 KB up to the next dot (or the end, for the last); null if there is none.</summary>
        public async Task<byte[]?> ReadSmallAsync(CancellationToken cancellationToken, bool last = false)
        {
            using var segment = new MemoryStream();
            while (start < end || await FillAsync(cancellationToken))
            {
                var dot = Array.IndexOf(buffer, (byte)'.', start, end - start);
                var stop = dot < 0 ? end : dot;
                segment.Write(buffer, start, stop - start);
                start = dot < 0 ? end : dot + 1;
                if (segment.Length > SmallSegmentLimit || (dot >= 0 && last))
                {
                    return null;
                }

                if (dot >= 0)
                {
                    return segment.ToArray();
                }
            }

            return last && segment.Length > 0 ? segment.ToArray() : null;
        }

        /// <summary>Decodes the segment up to the next dot chunk by chunk; false if it is not base64url or there is no dot.</summary>
        public async Task<bool> DecodeLargeAsync(Action<ReadOnlySpan<byte>> decoded, CancellationToken cancellationToken)
        {
            var carry = new byte[4 + BufferSize];
            var carried = 0;
            var output = new byte[(BufferSize * 3 / 4) + 8];
            while (start < end || await FillAsync(cancellationToken))
            {
                var dot = Array.IndexOf(buffer, (byte)'.', start, end - start);
                var stop = dot < 0 ? end : dot;
                buffer.AsSpan(start, stop - start).CopyTo(carry.AsSpan(carried));
                var available = carried + (stop - start);
                start = dot < 0 ? end : dot + 1;
                var status = Base64Url.DecodeFromUtf8(carry.AsSpan(0, available), output, out var consumed, out var written, isFinalBlock: dot >= 0);
                if (status is System.Buffers.OperationStatus.InvalidData || (dot >= 0 && status != System.Buffers.OperationStatus.Done))
                {
                    return false;
                }

                decoded(output.AsSpan(0, written));
                carry.AsSpan(consumed, available - consumed).CopyTo(carry);
                carried = available - consumed;
                if (dot >= 0)
                {
                    return true;
                }
            }

            return false;
        }

        private async Task<bool> FillAsync(CancellationToken cancellationToken)
        {
            start = 0;
            end = await body.ReadAsync(buffer, cancellationToken);
            return end > 0;
        }
    }
}
