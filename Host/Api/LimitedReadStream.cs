namespace EfaGateway.Host.Api;

/// <summary>
/// Caps how much of a request body is read, whatever server hosts us (Kestrel enforces its own limit; the in-memory
/// test server and some reverse-proxy set-ups do not). Exceeding the cap is a 413, not a truncated document.
/// </summary>
internal sealed class LimitedReadStream(Stream inner, long limit) : Stream
{
    private long read;

    /// <summary>The whole body, or null if it is longer than <paramref name="limit"/> bytes.</summary>
    public static async Task<byte[]?> ReadAllAsync(Stream body, int limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        try
        {
            await new LimitedReadStream(body, limit).CopyToAsync(buffer, cancellationToken);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }

        return buffer.ToArray();
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => read; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await inner.ReadAsync(buffer, cancellationToken));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private int Count(int bytes)
    {
        read += bytes;
        return read > limit
            ? throw new BadHttpRequestException("The request body is too large.", StatusCodes.Status413PayloadTooLarge)
            : bytes;
    }
}
