using System.Security.Cryptography;

namespace EfaGateway.Transports.FitConnect.Crypto;

/// <summary>
/// A write-only stream that only hashes: the SHA-512 of content that is streamed, not held (an attachment uploaded by an
/// earlier attempt still needs its hash in the metadata).
/// </summary>
internal sealed class Sha512Stream : Stream
{
    private readonly IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA512);

    public static async Task<string> HexAsync(Func<Stream, CancellationToken, Task> content, CancellationToken cancellationToken)
    {
        await using var sink = new Sha512Stream();
        await content(sink, cancellationToken);
        return Convert.ToHexStringLower(sink.hash.GetHashAndReset());
    }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(ReadOnlySpan<byte> buffer) => hash.AppendData(buffer);

    public override void Write(byte[] buffer, int offset, int count) => hash.AppendData(buffer, offset, count);

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        hash.AppendData(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        hash.AppendData(buffer, offset, count);
        return Task.CompletedTask;
    }

    public override void Flush()
    {
        // Nothing is buffered.
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            hash.Dispose();
        }

        base.Dispose(disposing);
    }
}
