using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace EfaGateway.Persistence.Blobs;

/// <summary>
/// AES-256-GCM for blobs at rest. Layout of a sealed blob:
/// <c>"EGB" | version (1) | key id length (1) | key id (ASCII) | nonce (12) | tag (16) | ciphertext</c>.
/// The associated data is the header (magic to key id) followed by the blob's key, so a blob copied or moved to
/// another key, or relabelled with another key id, fails authentication instead of decrypting.
/// </summary>
public sealed class BlobCipher(BlobKeyRing keyRing)
{
    public const int NonceSize = 12;
    public const int TagSize = 16;
    private const byte FormatVersion = 1;
    private static readonly byte[] Magic = "EGB"u8.ToArray();

    /// <summary>The streaming format (version 2) for content written as a stream.</summary>
    public ChunkedBlobCipher Chunked { get; } = new(keyRing);

    public byte[] Encrypt(string blobKey, ReadOnlySpan<byte> plaintext)
    {
        var key = keyRing.Current;
        var keyId = Encoding.ASCII.GetBytes(key.Id);
        var headerLength = Magic.Length + 2 + keyId.Length;
        var sealedBlob = new byte[headerLength + NonceSize + TagSize + plaintext.Length];
        var output = sealedBlob.AsSpan();
        Magic.CopyTo(output);
        output[Magic.Length] = FormatVersion;
        output[Magic.Length + 1] = (byte)keyId.Length;
        keyId.CopyTo(output[(Magic.Length + 2)..]);

        var nonce = output.Slice(headerLength, NonceSize);
        var tag = output.Slice(headerLength + NonceSize, TagSize);
        var ciphertext = output[(headerLength + NonceSize + TagSize)..];
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key.Material, TagSize);
        aes.Encrypt(nonce, plaintext, ciphertext, tag, AssociatedData(output[..headerLength], blobKey));
        return sealedBlob;
    }

    public byte[] Decrypt(string blobKey, ReadOnlySpan<byte> sealedBlob)
    {
        if (sealedBlob.Length < Magic.Length + 2 || !sealedBlob[..Magic.Length].SequenceEqual(Magic))
        {
            throw new BlobIntegrityException(blobKey, "it is not an encrypted blob of this gateway");
        }

        if (ChunkedBlobCipher.IsChunked(sealedBlob))
        {
            // Content that was written as a stream: decrypted here in memory, as the caller asked for bytes.
            using var input = new MemoryStream(sealedBlob.ToArray(), writable: false);
            using var output = new MemoryStream();
            Chunked.DecryptAsync(blobKey, input, output, CancellationToken.None).GetAwaiter().GetResult();
            return output.ToArray();
        }

        if (sealedBlob[Magic.Length] != FormatVersion)
        {
            throw new BlobIntegrityException(blobKey, $"its format version {sealedBlob[Magic.Length]} is unknown");
        }

        var keyIdLength = sealedBlob[Magic.Length + 1];
        var headerLength = Magic.Length + 2 + keyIdLength;
        if (keyIdLength == 0 || sealedBlob.Length < headerLength + NonceSize + TagSize)
        {
            throw new BlobIntegrityException(blobKey, "it is truncated");
        }

        var keyId = Encoding.ASCII.GetString(sealedBlob.Slice(Magic.Length + 2, keyIdLength));
        var key = keyRing.Find(keyId)
            ?? throw new BlobIntegrityException(blobKey, $"it was encrypted with key id '{keyId}', which is not in the key ring");

        var nonce = sealedBlob.Slice(headerLength, NonceSize);
        var tag = sealedBlob.Slice(headerLength + NonceSize, TagSize);
        var ciphertext = sealedBlob[(headerLength + NonceSize + TagSize)..];
        var plaintext = new byte[ciphertext.Length];
        using var aes = new AesGcm(key.Material, TagSize);
        try
        {
            aes.Decrypt(nonce, ciphertext, tag, plaintext, AssociatedData(sealedBlob[..headerLength], blobKey));
        }
        catch (AuthenticationTagMismatchException ex)
        {
            throw new BlobIntegrityException(blobKey, "authentication failed: it was altered, or belongs to another blob key", ex);
        }

        return plaintext;
    }

    private static byte[] AssociatedData(ReadOnlySpan<byte> header, string blobKey)
    {
        // Length-prefixed so header and key cannot be shifted into each other.
        var keyBytes = Encoding.UTF8.GetBytes(blobKey);
        var data = new byte[4 + header.Length + keyBytes.Length];
        BinaryPrimitives.WriteInt32BigEndian(data, header.Length);
        header.CopyTo(data.AsSpan(4));
        keyBytes.CopyTo(data.AsSpan(4 + header.Length));
        return data;
    }
}

/// <summary>
/// A stored blob could not be decrypted: altered, truncated, moved to another key, or sealed with an unknown key.
/// Never an expected outcome — a bug, a lost key or an attack — so it is an exception, not a null.
/// </summary>
public sealed class BlobIntegrityException : CryptographicException
{
    public BlobIntegrityException(string blobKey, string reason, Exception? inner = null)
        : base($"The blob '{blobKey}' cannot be decrypted: {reason}.", inner)
    {
        BlobKey = blobKey;
    }

    public string BlobKey { get; }
}
