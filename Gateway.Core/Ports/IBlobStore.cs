namespace EfaGateway.Core.Ports;

/// <summary>Stores binary content (attachments, artifacts, Postkorb files). Implementations encrypt at rest.</summary>
public interface IBlobStore
{
    Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken);

    /// <summary>
    /// Stores what <paramref name="write"/> writes into the stream it is given, sealed chunk by chunk as it arrives:
    /// content of any size, never whole in memory (uploads).
    /// </summary>
    Task PutAsync(string key, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken);

    /// <summary>Writes the plaintext into <paramref name="destination"/> chunk by chunk; false if there is no such blob.</summary>
    Task<bool> CopyToAsync(string key, Stream destination, CancellationToken cancellationToken);

    /// <summary>The plaintext content, or null if there is no blob under that key.</summary>
    Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken);

    Task DeleteByPrefixAsync(string prefix, CancellationToken cancellationToken);

    IAsyncEnumerable<string> ListKeysAsync(string prefix, CancellationToken cancellationToken);
}
