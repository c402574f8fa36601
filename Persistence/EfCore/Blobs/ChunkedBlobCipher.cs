using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace EfaGateway.Persistence.Blobs;

/// <summary>
/// The streaming blob format (version 2): the plaintext in 64 KiB chunks, each sealed with AES-256-GCM on its own, so
/// neither writing nor reading ever holds the whole blob. Layout:
/// <c>"EGB" | 2 | key id length | key id | nonce prefix (8) | { ciphertext (≤ 64 KiB) | tag (16) }*</c>.
/// A chunk's nonce is the prefix and its index; its associated data is the header, the blob key, the index and
/// whether it is the last chunk — so chunks cannot be reordered, moved to another blob, dropped at the end or cut short.
/// The last chunk is always written, empty if need be.
/// </summary>
public sealed class ChunkedBlobCipher(BlobKeyRing keyRing)
{
    public const int ChunkSize = 64 * 1024;
    public const byte FormatVersion = 2;
    private const int NoncePrefixSize = 8;
    private static readonly byte[] Magic = "EGB"u8.ToArray();

    /// <summary>A write-only stream that seals what is written into <paramref name="output"/>; dispose it to finish.</summary>
    public Stream CreateEncryptor(string blobKey, Stream output) => new Encryptor(keyRing.Current, blobKey, output);

    /// <summary>Whether sealed content starts with the version-2 header.</summary>
    public static bool IsChunked(ReadOnlySpan<byte> start) =>
        start.Length > Magic.Length && start[..Magic.Length].SequenceEqual(Magic) && start[Magic.Length] == FormatVersion;

    /// <summary>Decrypts a version-2 blob chunk by chunk into <paramref name="plaintext"/>.</summary>
    public async Task DecryptAsync(string blobKey, Stream sealedContent, Stream plaintext, CancellationToken cancellationToken)
    {
        var start = new byte[Magic.Length + 2];
        if (await sealedContent.ReadAtLeastAsync(start, start.Length, throwOnEndOfStream: false, cancellationToken) < start.Length ||
            !IsChunked(start))
        {
            throw new BlobIntegrityException(blobKey, "it is not a chunked blob of this gateway");
        }

        var keyIdBytes = new byte[start[^1]];
        var prefix = new byte[NoncePrefixSize];
        if (keyIdBytes.Length == 0 ||
            await sealedContent.ReadAtLeastAsync(keyIdBytes, keyIdBytes.Length, throwOnEndOfStream: false, cancellationToken) < keyIdBytes.Length ||
            await sealedContent.ReadAtLeastAsync(prefix, prefix.Length, throwOnEndOfStream: false, cancellationToken) < prefix.Length)
        {
            throw new BlobIntegrityException(blobKey, "it is truncated");
        }

        var keyId = Encoding.ASCII.GetString(keyIdBytes);
        var key = keyRing.Find(keyId) ?? throw new BlobIntegrityException(blobKey, $"it was encrypted with key id '{keyId}', which is not in the key ring");
        var header = Header(keyIdBytes, prefix);
        using var aes = new AesGcm(key.Material, BlobCipher.TagSize);
        var record = new byte[ChunkSize + BlobCipher.TagSize];
        var next = new byte[ChunkSize + BlobCipher.TagSize];
        var output = new byte[ChunkSize];
        var length = await sealedContent.ReadAtLeastAsync(record, record.Length, throwOnEndOfStream: false, cancellationToken);
        for (uint index = 0; ; index++)
        {
            var nextLength = length == record.Length
                ? await sealedContent.ReadAtLeastAsync(next, next.Length, throwOnEndOfStream: false, cancellationToken)
                : 0;
            var final = nextLength == 0;
            if (length < BlobCipher.TagSize)
            {
                throw new BlobIntegrityException(blobKey, "it is truncated");
            }

            var plainLength = length - BlobCipher.TagSize;
            try
            {
                aes.Decrypt(Nonce(prefix, index), record.AsSpan(0, plainLength), record.AsSpan(plainLength, BlobCipher.TagSize),
                    output.AsSpan(0, plainLength), AssociatedData(header, blobKey, index, final));
            }
            catch (AuthenticationTagMismatchException ex)
            {
                throw new BlobIntegrityException(blobKey, "authentication failed: it was altered, cut short, or belongs to another blob key", ex);
            }

            await plaintext.WriteAsync(output.AsMemory(0, plainLength), cancellationToken);
            if (final)
            {
                return;
            }

            (record, next) = (next, record);
            length = nextLength;
        }
    }

    private static byte[] Header(byte[] keyId, byte[] noncePrefix)
    {
        var header = new byte[Magic.Length + 2 + keyId.Length + NoncePrefixSize];
        Magic.CopyTo(header, 0);
        header[Magic.Length] = FormatVersion;
        header[Magic.Length + 1] = (byte)keyId.Length;
        keyId.CopyTo(header, Magic.Length + 2);
        noncePrefix.CopyTo(header, Magic.Length + 2 + keyId.Length);
        return header;
    }

    private static byte[] Nonce(byte[] prefix, uint index)
    {
        var nonce = new byte[BlobCipher.NonceSize];
        prefix.CopyTo(nonce, 0);
        BinaryPrimitives.WriteUInt32BigEndian(nonce.AsSpan(NoncePrefixSize), index);
        return nonce;
    }

    private static byte[] AssociatedData(byte[] header, string blobKey, uint index, bool final)
    {
        var keyBytes = Encoding.UTF8.GetBytes(blobKey);
        var data = new byte[4 + header.Length + keyBytes.Length + 5];
        BinaryPrimitives.WriteInt32BigEndian(data, header.Length);
        header.CopyTo(data, 4);
        keyBytes.CopyTo(data, 4 + header.Length);
        BinaryPrimitives.WriteUInt32BigEndian(data.AsSpan(4 + header.Length + keyBytes.Length), index);
        data[^1] = final ? (byte)1 : (byte)0;
        return data;
    }

    /// <summary>Buffers one chunk; a full chunk is sealed only once more bytes arrive, so the last one is known.</summary>
    private sealed class Encryptor : Core.Blobs.WriteOnlyStream
    {
        private readonly string blobKey;
        private readonly Stream output;
        private readonly AesGcm aes;
        private readonly byte[] header;
        private readonly byte[] prefix = RandomNumberGenerator.GetBytes(NoncePrefixSize);
        private readonly byte[] chunk = new byte[ChunkSize];
        private readonly byte[] sealedChunk = new byte[ChunkSize + BlobCipher.TagSize];
        private int filled;
        private uint index;
        private bool headerWritten;
        private bool finished;

        public Encryptor(BlobKey key, string blobKey, Stream output)
        {
            this.blobKey = blobKey;
            this.output = output;
            aes = new AesGcm(key.Material, BlobCipher.TagSize);
            header = Header(Encoding.ASCII.GetBytes(key.Id), prefix);
        }

        public override bool CanWrite => !finished;

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            ObjectDisposedException.ThrowIf(finished, this);
            while (buffer.Length > 0)
            {
                if (filled == ChunkSize)
                {
                    await SealAsync(final: false, cancellationToken);
                }

                var take = Math.Min(ChunkSize - filled, buffer.Length);
                buffer[..take].CopyTo(chunk.AsMemory(filled));
                filled += take;
                buffer = buffer[take..];
            }
        }

        public override async ValueTask DisposeAsync()
        {
            if (!finished)
            {
                await SealAsync(final: true, CancellationToken.None);
                finished = true;
            }

            aes.Dispose();
            await base.DisposeAsync();
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing && !finished)
            {
                SealAsync(final: true, CancellationToken.None).GetAwaiter().GetResult();
                finished = true;
                aes.Dispose();
            }

            base.Dispose(disposing);
        }

        private async Task SealAsync(bool final, CancellationToken cancellationToken)
        {
            if (!headerWritten)
            {
                await output.WriteAsync(header, cancellationToken);
                headerWritten = true;
            }

            aes.Encrypt(Nonce(prefix, index), chunk.AsSpan(0, filled), sealedChunk.AsSpan(0, filled), sealedChunk.AsSpan(filled, BlobCipher.TagSize),
                AssociatedData(header, blobKey, index, final));
            await output.WriteAsync(sealedChunk.AsMemory(0, filled + BlobCipher.TagSize), cancellationToken);
            index++;
            filled = 0;
        }
    }
}
