using System.Buffers;

namespace EfaGateway.Persistence.Blobs;

/// <summary>
/// Which keys the file-system store accepts: segments of letters, digits, '.', '_' and '-' separated by '/'.
/// That rules out "..", absolute and drive paths, backslashes and anything a file system treats specially.
/// </summary>
internal static class BlobKeyRules
{
    public const int MaxLength = 512;
    private static readonly SearchValues<char> Allowed =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-/");

    /// <param name="isPrefix">A prefix may be empty and may end with '/'; a key may do neither.</param>
    public static void ThrowIfUnsafe(string key, bool isPrefix)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (Problem(key, isPrefix) is { } problem)
        {
            throw new ArgumentException($"Unsafe blob key '{key}': {problem}.", nameof(key));
        }
    }

    private static string? Problem(string key, bool isPrefix)
    {
        if (key.Length == 0)
        {
            return isPrefix ? null : "it is empty";
        }

        if (key.Length > MaxLength)
        {
            return $"it is longer than {MaxLength} characters";
        }

        if (key.Contains("..", StringComparison.Ordinal))
        {
            return "it contains '..'";
        }

        if (key.Contains('\\', StringComparison.Ordinal))
        {
            return "it contains a backslash";
        }

        if (key[0] == '/' || Path.IsPathRooted(key))
        {
            return "it is an absolute path";
        }

        if (key.AsSpan().ContainsAnyExcept(Allowed))
        {
            return "only letters, digits, '.', '_', '-' and '/' are allowed";
        }

        var segments = key.Split('/');
        var last = segments.Length - 1;
        for (var i = 0; i < segments.Length; i++)
        {
            var segment = segments[i];
            if (segment.Length == 0 && !(isPrefix && i == last))
            {
                return "it has an empty segment";
            }

            if (segment == "." || segment.EndsWith(".blob", StringComparison.Ordinal) || segment.EndsWith(".tmp", StringComparison.Ordinal))
            {
                return "a segment is '.' or ends with a name the store uses itself (.blob, .tmp)";
            }
        }

        return null;
    }
}
