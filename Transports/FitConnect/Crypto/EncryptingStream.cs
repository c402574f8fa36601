using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Modes;

namespace EfaGateway.Transports.FitConnect.Crypto;

/// <summary>
/// The write side of <see cref="StreamingJweWriter"/>: plaintext written here is hashed (SHA-512), encrypted (GCM,
/// initialised by the caller) and written to the output as base64url. Base64 works in groups of three bytes, so the
/// one or two bytes of a chunk's ciphertext that do not fill a group are carried to the front of the next chunk.
/// </summary>
internal sealed class EncryptingStream : Stream
{
    private const int TagBytes = 16;

    private readonly Stream output;
    private readonly GcmBlockCipher gcm;
    private readonly Action<long>? progress;
    private readonly IncrementalHash sha512 = IncrementalHash.CreateHash(HashAlgorithmName.SHA512);

    // Ciphertext, after up to two carried bytes; GCM may release a little more than it was given (buffered blocks).
    private readonly byte[] ciphertext = ArrayPool<byte>.Shared.Rent(StreamingJweWriter.ChunkSize + 64);
    private readonly byte[] encoded = ArrayPool<byte>.Shared.Rent(((StreamingJweWriter.ChunkSize + 64) / 3 * 4) + 8);
    private int carried;
    private bool finished;

    public EncryptingStream(Stream output, GcmBlockCipher gcm, Action<long>? progress)
    {
        this.output = output;
        this.gcm = gcm;
        this.progress = progress;
    }

    public long PlaintextLength { get; private set; }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => !finished;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (!buffer.IsEmpty)
        {
            var slice = buffer[..Math.Min(buffer.Length, StreamingJweWriter.ChunkSize)];
            var written = Encrypt(slice.Span);
            await output.WriteAsync(encoded.AsMemory(0, written), cancellationToken);
            progress?.Invoke(PlaintextLength);
            buffer = buffer[slice.Length..];
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            var slice = buffer[..Math.Min(buffer.Length, StreamingJweWriter.ChunkSize)];
            output.Write(encoded, 0, Encrypt(slice));
            progress?.Invoke(PlaintextLength);
            buffer = buffer[slice.Length..];
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    /// <summary>Ends the ciphertext and writes its last characters, then the tag; returns the encoded tag and the hash.</summary>
    public async Task<(string Tag, string Sha512Hex)> FinishAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(finished, this);
        finished = true;
        var released = gcm.DoFinal(ciphertext.AsSpan(carried));
        var written = Encode(carried + released - TagBytes, isFinalBlock: true);
        var tag = Base64Url.EncodeToString(gcm.GetMac());
        await output.WriteAsync(encoded.AsMemory(0, written), cancellationToken);
        await output.WriteAsync("."u8.ToArray(), cancellationToken);
        await output.WriteAsync(System.Text.Encoding.ASCII.GetBytes(tag), cancellationToken);
        return (tag, Convert.ToHexStringLower(sha512.GetHashAndReset()));
    }

    public override void Flush() => output.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => output.FlushAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            sha512.Dispose();
            // The buffers held key-dependent keystream output next to ciphertext; cleared before they go back to the pool.
            ArrayPool<byte>.Shared.Return(ciphertext, clearArray: true);
            ArrayPool<byte>.Shared.Return(encoded, clearArray: true);
        }

        base.Dispose(disposing);
    }

    /// <summary>Hashes and encrypts one slice; returns how many encoded characters are ready in <see cref="encoded"/>.</summary>
    private int Encrypt(ReadOnlySpan<byte> plaintext)
    {
        ObjectDisposedException.ThrowIf(finished, this);
        sha512.AppendData(plaintext);
        PlaintextLength += plaintext.Length;
        var released = gcm.ProcessBytes(plaintext, ciphertext.AsSpan(carried));
        return Encode(carried + released, isFinalBlock: false);
    }

    private int Encode(int available, bool isFinalBlock)
    {
        Base64Url.EncodeToUtf8(ciphertext.AsSpan(0, available), encoded, out var consumed, out var written, isFinalBlock);
        carried = available - consumed;
        ciphertext.AsSpan(consumed, carried).CopyTo(ciphertext);
        return written;
    }
}
