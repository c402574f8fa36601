using System.Xml;

namespace EfaGateway.XoevSchemas;

/// <summary>
/// Resolves schema includes and imports to local files only. Official XÖV schemas import each other by their
/// published URL (e.g. <c>http://www.xoev.de/schemata/…</c>); a URL prefix is mapped to a local directory holding the
/// same files. Relative includes resolve inside the mapped directories. Everything else is refused, so compiling a
/// schema never touches the network and never reads outside the directories it was given.
/// </summary>
public sealed class LocalSchemaResolver : XmlResolver
{
    private readonly (string Prefix, string Directory)[] prefixes;
    private readonly string[] roots;

    /// <summary>A resolver that refuses every lookup: for self-contained schemas.</summary>
    public LocalSchemaResolver()
        : this([], [])
    {
    }

    /// <param name="urlPrefixes">URL prefix (e.g. <c>http://www.xoev.de/schemata/</c>) → local directory.</param>
    /// <param name="allowedDirectories">
    /// Further directories whose files may be included by <c>file:</c> URI, e.g. where root schema files live so their
    /// relative includes resolve. The mapped directories are always allowed.
    /// </param>
    public LocalSchemaResolver(IEnumerable<KeyValuePair<string, string>> urlPrefixes, IEnumerable<string> allowedDirectories)
    {
        ArgumentNullException.ThrowIfNull(urlPrefixes);
        ArgumentNullException.ThrowIfNull(allowedDirectories);
        // Immutable after construction: one resolver serves concurrent schema compilations.
        prefixes = urlPrefixes
            .Select(p => (p.Key, Directory: FullDirectory(p.Value)))
            // Longest prefix first, so a specific mapping wins over a general one.
            .OrderByDescending(p => p.Key.Length)
            .ToArray();
        roots = prefixes.Select(p => p.Directory)
            .Concat(allowedDirectories.Select(FullDirectory))
            .Distinct(StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>The local file a URL maps to, or null when the resolver would refuse it.</summary>
    public string? MapToLocalPath(Uri absoluteUri)
    {
        ArgumentNullException.ThrowIfNull(absoluteUri);
        if (absoluteUri.IsFile)
        {
            var local = Path.GetFullPath(absoluteUri.LocalPath);
            return roots.Any(r => local.StartsWith(r, StringComparison.Ordinal)) ? local : null;
        }

        var url = absoluteUri.AbsoluteUri;
        foreach (var (prefix, directory) in prefixes)
        {
            if (url.StartsWith(prefix, StringComparison.Ordinal))
            {
                var relative = Uri.UnescapeDataString(url[prefix.Length..]).Replace('/', Path.DirectorySeparatorChar);
                var local = Path.GetFullPath(Path.Combine(directory, relative));
                // A "../" in the URL must not climb out of the mapped directory.
                return local.StartsWith(directory, StringComparison.Ordinal) ? local : null;
            }
        }

        return null;
    }

    public override object? GetEntity(Uri absoluteUri, string? role, Type? ofObjectToReturn)
    {
        if (ofObjectToReturn is not null && ofObjectToReturn != typeof(Stream) && ofObjectToReturn != typeof(object))
        {
            throw new XmlException($"Only streams can be resolved, not {ofObjectToReturn.Name}.");
        }

        var local = MapToLocalPath(absoluteUri)
            ?? throw new XmlException($"Refused to resolve '{absoluteUri}': it is not mapped to a local schema directory.");
        return File.OpenRead(local);
    }

    private static string FullDirectory(string directory)
    {
        var full = Path.GetFullPath(directory);
        return full.EndsWith(Path.DirectorySeparatorChar) ? full : full + Path.DirectorySeparatorChar;
    }
}
