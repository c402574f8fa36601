using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace EfaGateway.Persistence.Blobs;

/// <summary>
/// The key ring kept in a JSON file when none is configured: created on first use with one fresh random key,
/// readable by the gateway's user only (0600 on Unix). Losing this file means losing every blob: back it up.
/// </summary>
public static class BlobKeyFile
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>Reads the key ring from <paramref name="path"/>, creating the file with a new key if it does not exist.</summary>
    /// <param name="created">True if the file was created by this call.</param>
    public static BlobKeyRing LoadOrCreate(string path, TimeProvider time, out bool created)
    {
        created = false;
        if (!File.Exists(path))
        {
            created = TryCreate(path, new KeyFileDocument([NewEntry(time)]));
        }

        return Load(path);
    }

    public static BlobKeyRing Load(string path)
    {
        KeyFileDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<KeyFileDocument>(File.ReadAllText(path), Json);
        }
        catch (JsonException ex)
        {
            throw new InvalidOperationException($"The blob key file '{path}' is not valid JSON.", ex);
        }

        var entries = document?.Keys ?? [];
        var problems = BlobKeyRing.Validate(entries.Select(e => (e.Id, e.Key))).ToList();
        if (entries.Count == 0 || problems.Count > 0)
        {
            throw new InvalidOperationException($"The blob key file '{path}' is unusable: {string.Join(" ", problems.DefaultIfEmpty("it has no key."))}");
        }

        return new BlobKeyRing(entries.Select(e => BlobKey.FromBase64(e.Id!, e.Key!)));
    }

    /// <summary>Rotation: appends a fresh key, which from then on seals new blobs. Returns its id.</summary>
    public static string AddNewKey(string path, TimeProvider time)
    {
        var document = JsonSerializer.Deserialize<KeyFileDocument>(File.ReadAllText(path), Json)
            ?? throw new InvalidOperationException($"The blob key file '{path}' is empty.");
        var entry = NewEntry(time);
        var updated = new KeyFileDocument([.. document.Keys ?? [], entry]);
        var temporary = WriteTemporary(path, updated);
        File.Move(temporary, path, overwrite: true);
        return entry.Id!;
    }

    private static bool TryCreate(string path, KeyFileDocument document)
    {
        var temporary = WriteTemporary(path, document);
        try
        {
            // No overwrite: if another process created the file meanwhile, its key wins and ours is discarded.
            File.Move(temporary, path, overwrite: false);
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary);
            return false;
        }
    }

    /// <summary>Writes next to the target (same file system, so the final rename is atomic) with owner-only access.</summary>
    private static string WriteTemporary(string path, KeyFileDocument document)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temporary, options))
        {
            JsonSerializer.Serialize(stream, document, Json);
            stream.Flush(flushToDisk: true);
        }

        return temporary;
    }

    private static KeyFileEntry NewEntry(TimeProvider time) => new(
        $"k{time.GetUtcNow():yyyyMMdd}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}",
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(BlobKeyRing.KeySize)),
        time.GetUtcNow());

    private sealed record KeyFileDocument([property: JsonPropertyName("keys")] IReadOnlyList<KeyFileEntry> Keys);

    private sealed record KeyFileEntry(string? Id, string? Key, DateTimeOffset? CreatedAt);
}
