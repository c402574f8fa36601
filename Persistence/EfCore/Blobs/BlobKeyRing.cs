using System.Text.RegularExpressions;

namespace EfaGateway.Persistence.Blobs;

/// <summary>
/// The keys blobs are encrypted with. The newest key (the last one) encrypts; every key decrypts, so a key can be
/// rotated by adding a new one while blobs sealed with the older ones stay readable.
/// </summary>
public sealed partial class BlobKeyRing
{
    public const int KeySize = 32;
    private readonly Dictionary<string, BlobKey> byId;

    public BlobKeyRing(IEnumerable<BlobKey> keys)
    {
        Keys = [.. keys];
        var problems = Validate(Keys.Select(k => ((string?)k.Id, (string?)Convert.ToBase64String(k.Material)))).ToList();
        if (Keys.Count == 0)
        {
            problems.Add("The blob key ring has no key.");
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException(string.Join(" ", problems));
        }

        byId = Keys.ToDictionary(k => k.Id, StringComparer.Ordinal);
    }

    public IReadOnlyList<BlobKey> Keys { get; }

    /// <summary>The key new blobs are sealed with.</summary>
    public BlobKey Current => Keys[^1];

    public BlobKey? Find(string id) => byId.GetValueOrDefault(id);

    /// <summary>Every problem of a list of (id, base64 key) pairs; key material is never quoted.</summary>
    public static IEnumerable<string> Validate(IEnumerable<(string? Id, string? Base64Key)> keys)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var (id, base64Key) in keys)
        {
            var label = $"Blob key #{index++}";
            if (string.IsNullOrEmpty(id) || !KeyIdPattern().IsMatch(id))
            {
                yield return $"{label}: the id must be 1-64 characters of letters, digits, '.', '_' or '-'.";
            }
            else if (!seen.Add(id))
            {
                yield return $"{label}: the id '{id}' is used twice.";
            }

            if (!IsKeyMaterial(base64Key))
            {
                yield return $"{label}: the key must be {KeySize} random bytes, base64-encoded.";
            }
        }
    }

    private static bool IsKeyMaterial(string? base64Key)
    {
        Span<byte> buffer = stackalloc byte[KeySize + 3];
        return !string.IsNullOrWhiteSpace(base64Key)
            && Convert.TryFromBase64String(base64Key, buffer, out var written)
            && written == KeySize;
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyIdPattern();
}

/// <summary>One AES-256 key and the id written into every blob it seals.</summary>
public sealed record BlobKey(string Id, byte[] Material)
{
    public static BlobKey FromBase64(string id, string base64Key) => new(id, Convert.FromBase64String(base64Key));

    /// <summary>Without the key material: a key never ends up in a log through ToString.</summary>
    public override string ToString() => $"BlobKey {{ Id = {Id} }}";
}
