namespace EfaGateway.Core.Ports;

/// <summary>Stores binary content (attachments, artifacts, Postkorb files). Implementations encrypt at rest.</summary>
public interface IBlobStore
{
    Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken);

    /// <summary>The plaintext content, or null if there is no blob under that key.</summary>
    Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken);

    Task DeleteByPrefixAsync(string prefix, CancellationToken cancellationToken);

    IAsyncEnumerable<string> ListKeysAsync(string prefix, CancellationToken cancellationToken);
}
