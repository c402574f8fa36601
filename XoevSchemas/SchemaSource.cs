using System.Reflection;

namespace EfaGateway.XoevSchemas;

/// <summary>Where a catalogue entry's root schema comes from: an embedded resource or a local file.</summary>
public sealed class SchemaSource
{
    private readonly Func<Stream> open;

    private SchemaSource(string name, Func<Stream> open, Uri? baseUri)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        this.open = open;
        BaseUri = baseUri;
    }

    /// <summary>The key the catalogue knows the compiled schema set by.</summary>
    public string Name { get; }

    /// <summary>Base for the root schema's relative includes; null for a self-contained schema.</summary>
    public Uri? BaseUri { get; }

    public Stream Open() => open();

    public static SchemaSource FromEmbeddedResource(string name, Assembly assembly, string logicalName)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        return new SchemaSource(name, () => assembly.GetManifestResourceStream(logicalName)
            ?? throw new InvalidOperationException($"Resource '{logicalName}' is missing from {assembly.GetName().Name}."), null);
    }

    /// <summary>
    /// A root schema file. Its relative includes resolve next to it through the catalogue's resolver, which must allow
    /// that directory (<see cref="LocalSchemaResolver"/>'s allowed or mapped directories).
    /// </summary>
    public static SchemaSource FromFile(string name, string path)
    {
        var full = Path.GetFullPath(path);
        return new SchemaSource(name, () => File.OpenRead(full), new Uri(full));
    }
}
