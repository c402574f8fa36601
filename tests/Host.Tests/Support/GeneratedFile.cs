using System.Security.Cryptography;
using EfaGateway.Core.Blobs;

namespace EfaGateway.Host.Tests.Support;

/// <summary>
/// A large file produced as it is written, never held: a random 64 KB block, each copy stamped with its index (so a
/// chunk delivered twice or out of order changes the hash).
/// </summary>
public sealed class GeneratedFile(long size)
{
    private readonly byte[] block = RandomNumberGenerator.GetBytes(64 * 1024);

    public long Size => size;

    public async Task WriteAsync(Stream destination, CancellationToken cancellationToken)
    {
        var chunk = new byte[block.Length];
        for (long offset = 0, index = 0; offset < size; offset += chunk.Length, index++)
        {
            block.CopyTo(chunk, 0);
            BitConverter.TryWriteBytes(chunk, index);
            await destination.WriteAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, size - offset)), cancellationToken);
        }
    }

    public async Task<string> HashHexAsync(HashAlgorithmName algorithm)
    {
        using var hash = IncrementalHash.CreateHash(algorithm);
        await using (var hashing = new HashingStream(Stream.Null, hash))
        {
            await WriteAsync(hashing, CancellationToken.None);
        }

        return Convert.ToHexStringLower(hash.GetCurrentHash());
    }
}
