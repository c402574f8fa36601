using System.Runtime.CompilerServices;
using EfaGateway.Core.Ports;

namespace EfaGateway.Persistence.Blobs;

/// <summary>
/// Encrypted blobs as files under one directory: key <c>a/b/c</c> is the file <c>a/b/c.blob</c>. The suffix keeps a
/// key and a longer key below it (<c>a/b</c> and <c>a/b/c</c>) from needing the same name as file and directory.
/// Writes go to a temporary file that is renamed into place, so a reader never sees half a blob.
/// Keys are case-sensitive; on a case-insensitive file system keys differing only in case would collide.
/// </summary>
public sealed class FileSystemBlobStore : IBlobStore
{
    private const string Suffix = ".blob";
    private const string TemporarySuffix = ".tmp";
    private readonly BlobCipher cipher;
    private readonly string root;

    public FileSystemBlobStore(BlobCipher cipher, string rootDirectory)
    {
        this.cipher = cipher;
        root = Path.GetFullPath(rootDirectory);
        Directory.CreateDirectory(root);
    }

    public async Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        var sealedContent = cipher.Encrypt(key, content.Span);
        var directory = Path.GetDirectoryName(path)!;
        for (var attempt = 1; ; attempt++)
        {
            Directory.CreateDirectory(directory);
            var temporary = $"{path}.{Guid.NewGuid():N}{TemporarySuffix}";
            try
            {
                await WriteDurablyAsync(temporary, sealedContent, cancellationToken);
                File.Move(temporary, path, overwrite: true);
                return;
            }
            catch (DirectoryNotFoundException) when (attempt < 3)
            {
                // A concurrent DeleteByPrefix removed the (then empty) directory between creating and writing.
            }
            finally
            {
                if (File.Exists(temporary))
                {
                    File.Delete(temporary);
                }
            }
        }
    }

    public async Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        byte[] sealedContent;
        try
        {
            sealedContent = await File.ReadAllBytesAsync(path, cancellationToken);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }

        return cipher.Decrypt(key, sealedContent);
    }

    public Task DeleteByPrefixAsync(string prefix, CancellationToken cancellationToken)
    {
        var searchRoot = SearchRootOf(prefix);
        foreach (var (key, path) in Enumerate(searchRoot))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (key.StartsWith(prefix, StringComparison.Ordinal))
            {
                DeleteIfPresent(path);
            }
        }

        RemoveEmptyDirectories(searchRoot);
        return Task.CompletedTask;
    }

    public async IAsyncEnumerable<string> ListKeysAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var keys = Enumerate(SearchRootOf(prefix))
            .Select(entry => entry.Key)
            .Where(key => key.StartsWith(prefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return key;
        }

        await Task.CompletedTask;
    }

    private static void DeleteIfPresent(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (DirectoryNotFoundException)
        {
            // A concurrent delete of the same prefix was faster.
        }
    }

    private static async Task WriteDurablyAsync(string path, byte[] content, CancellationToken cancellationToken)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Options = FileOptions.Asynchronous };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using var stream = new FileStream(path, options);
        await stream.WriteAsync(content, cancellationToken);
        stream.Flush(flushToDisk: true);
    }

    private string PathOf(string key)
    {
        BlobKeyRules.ThrowIfUnsafe(key, isPrefix: false);
        return Contained(Path.Combine([root, .. key.Split('/')]) + Suffix);
    }

    /// <summary>The deepest directory that holds every key with this prefix.</summary>
    private string SearchRootOf(string prefix)
    {
        BlobKeyRules.ThrowIfUnsafe(prefix, isPrefix: true);
        var lastSlash = prefix.LastIndexOf('/');
        return lastSlash < 0 ? root : Contained(Path.Combine([root, .. prefix[..lastSlash].Split('/')]));
    }

    /// <summary>Defence in depth: whatever the key rules let through, nothing resolves outside the root.</summary>
    private string Contained(string path)
    {
        var full = Path.GetFullPath(path);
        return full == root || full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? full
            : throw new ArgumentException("The blob key leads outside the blob directory.", nameof(path));
    }

    private IEnumerable<(string Key, string Path)> Enumerate(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return [];
        }

        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = false, AttributesToSkip = 0 };
        return Directory.EnumerateFiles(directory, "*", options)
            .Where(path => path.EndsWith(Suffix, StringComparison.Ordinal))
            .Select(path => (Path.GetRelativePath(root, path)[..^Suffix.Length].Replace(Path.DirectorySeparatorChar, '/'), path));
    }

    private void RemoveEmptyDirectories(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return;
        }

        foreach (var child in Directory.EnumerateDirectories(directory))
        {
            RemoveEmptyDirectories(child);
        }

        for (var current = directory; current.Length > root.Length; current = Path.GetDirectoryName(current)!)
        {
            try
            {
                Directory.Delete(current, recursive: false);
            }
            catch (IOException)
            {
                // Not empty (or just filled by a concurrent put): it stays, and so do its parents.
                return;
            }
        }
    }
}
