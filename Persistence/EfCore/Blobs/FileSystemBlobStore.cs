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

    public async Task PutAsync(string key, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Guid.NewGuid():N}{TemporarySuffix}";
        try
        {
            await using (var file = new FileStream(temporary, CreateOptions()))
            {
                await using (var sealer = cipher.Chunked.CreateEncryptor(key, file))
                {
                    await write(sealer, cancellationToken);
                }

                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    public async Task<bool> CopyToAsync(string key, Stream destination, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        FileStream file;
        try
        {
            file = new FileStream(path, new FileStreamOptions { Mode = FileMode.Open, Access = FileAccess.Read, Options = FileOptions.Asynchronous | FileOptions.SequentialScan });
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return false;
        }

        await using (file)
        {
            var start = new byte[5];
            var read = await file.ReadAtLeastAsync(start, start.Length, throwOnEndOfStream: false, cancellationToken);
            file.Position = 0;
            if (ChunkedBlobCipher.IsChunked(start.AsSpan(0, read)))
            {
                await cipher.Chunked.DecryptAsync(key, file, destination, cancellationToken);
            }
            else
            {
                // A blob written whole (version 1) is small: decrypted in memory.
                using var buffer = new MemoryStream();
                await file.CopyToAsync(buffer, cancellationToken);
                await destination.WriteAsync(cipher.Decrypt(key, buffer.ToArray()), cancellationToken);
            }
        }

        return true;
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

    private static FileStreamOptions CreateOptions()
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Options = FileOptions.Asynchronous };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return options;
    }

    private static async Task WriteDurablyAsync(string path, byte[] content, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, CreateOptions());
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
