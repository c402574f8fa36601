using System.Xml;

namespace EfaGateway.Mappers.Xoev;

/// <summary>
/// Resolves the imports and includes of one standard's XSDs to the local copies in its directory, and nothing else.
/// The XÖV library modules are published under URLs ending in their file name (e.g.
/// <c>http://xoev.de/schemata/code/1_0/xoev-code.xsd</c>), and two XBau files import the W3C's <c>xml.xsd</c> by URL:
/// such URLs on the known hosts map to the file of that name in the directory. Relative includes arrive as <c>file:</c>
/// URIs and must stay inside it. Nothing is ever fetched from the network.
/// </summary>
internal sealed class XoevSchemaResolver : XmlResolver
{
    private static readonly HashSet<string> OfficialHosts = new(StringComparer.OrdinalIgnoreCase)
    {
        "xoev.de", "www.xoev.de", "xleitstelle.de", "www.xleitstelle.de", "www.w3.org",
    };

    private readonly string directory;

    public XoevSchemaResolver(string directory)
    {
        var full = Path.GetFullPath(directory);
        this.directory = full.EndsWith(Path.DirectorySeparatorChar) ? full : full + Path.DirectorySeparatorChar;
    }

    public string? MapToLocalPath(Uri absoluteUri)
    {
        ArgumentNullException.ThrowIfNull(absoluteUri);
        string local;
        if (absoluteUri.IsFile)
        {
            local = Path.GetFullPath(absoluteUri.LocalPath);
        }
        else if (absoluteUri.Scheme is "http" or "https" && OfficialHosts.Contains(absoluteUri.Host))
        {
            local = Path.Combine(directory, Path.GetFileName(absoluteUri.AbsolutePath));
        }
        else
        {
            return null;
        }

        // "../" must not climb out of the directory, and only files that exist count (a typo is an error, not a fetch).
        return local.StartsWith(directory, StringComparison.Ordinal) && File.Exists(local) ? local : null;
    }

    public override object? GetEntity(Uri absoluteUri, string? role, Type? ofObjectToReturn)
    {
        if (ofObjectToReturn is not null && ofObjectToReturn != typeof(Stream) && ofObjectToReturn != typeof(object))
        {
            throw new XmlException($"Only streams can be resolved, not {ofObjectToReturn.Name}.");
        }

        var local = MapToLocalPath(absoluteUri)
            ?? throw new XmlException($"Refused to resolve '{absoluteUri}': it is no schema file of {directory}.");
        return File.OpenRead(local);
    }
}
