using System.Collections.Concurrent;
using EfaGateway.XoevSchemas;

namespace EfaGateway.Mappers.Xoev;

/// <summary>
/// The official schemas of each standard, compiled once (on first use) and shared by all deliveries. One
/// <see cref="SchemaCatalog"/> per standard, because each has its own directory and resolver.
/// </summary>
public sealed class XoevSchemaSets
{
    private readonly string baseDirectory;
    private readonly ConcurrentDictionary<string, SchemaCatalog> catalogs = new(StringComparer.Ordinal);

    /// <param name="baseDirectory">Where <c>schemas/xoev</c> lies; defaults to the application directory (the build copies it there).</param>
    public XoevSchemaSets(string? baseDirectory = null)
    {
        this.baseDirectory = baseDirectory ?? AppContext.BaseDirectory;
    }

    /// <summary>Validates a message; an empty list means valid. Throws <see cref="SchemaCatalogException"/> if the XSDs do not compile.</summary>
    public IReadOnlyList<XmlValidationError> Validate(XoevStandard standard, XoevMessageType message, Stream xml, int maxErrors)
    {
        ArgumentNullException.ThrowIfNull(standard);
        ArgumentNullException.ThrowIfNull(message);
        var catalog = CatalogFor(standard);
        var name = SchemaName(standard, message);
        catalog.TryAdd(SchemaSource.FromFile(name, Path.Combine(SchemaDirectory(standard), message.RootSchema)));
        return catalog.Validate(name, xml, maxErrors);
    }

    /// <summary>Compiles the schema of a message now, e.g. at start-up, so a broken installation shows at once.</summary>
    public void Compile(XoevStandard standard, XoevMessageType message)
    {
        var catalog = CatalogFor(standard);
        var name = SchemaName(standard, message);
        catalog.TryAdd(SchemaSource.FromFile(name, Path.Combine(SchemaDirectory(standard), message.RootSchema)));
        catalog.GetSchemaSet(name);
    }

    private SchemaCatalog CatalogFor(XoevStandard standard) =>
        catalogs.GetOrAdd(standard.MapperId, _ => new SchemaCatalog(new XoevSchemaResolver(SchemaDirectory(standard))));

    private string SchemaDirectory(XoevStandard standard) => Path.Combine(baseDirectory, standard.SchemaDirectory);

    private static string SchemaName(XoevStandard standard, XoevMessageType message) => $"{standard.MapperId}/{message.RootSchema}";
}
