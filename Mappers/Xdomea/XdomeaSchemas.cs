using EfaGateway.XoevSchemas;

namespace EfaGateway.Mappers.Xdomea;

/// <summary>
/// The official xdomea 3.0.0 schema of the message the export writes, compiled once on first use. The build places
/// the XSDs in <c>schemas/xoev/xdomea-3.0.0</c> and the XÖV code type at <c>schemas/xoev/xoev/code/1_0</c> next to the
/// binary, so xdomea's relative import resolves as published; nothing else may be read and nothing is fetched.
/// </summary>
public sealed class XdomeaSchemas
{
    /// <summary>The XSD that declares <c>Information.Information.0101</c>; it includes the Baukasten and Datentypen.</summary>
    public const string RootSchema = "xdomea-Nachrichten-InformationAustauschen.xsd";

    private const string Name = "xdomea-3.0.0/" + RootSchema;

    private readonly SchemaCatalog catalog;

    /// <param name="baseDirectory">Where <c>schemas/xoev</c> lies; defaults to the application directory (the build copies it there).</param>
    public XdomeaSchemas(string? baseDirectory = null)
    {
        var xoev = Path.Combine(baseDirectory ?? AppContext.BaseDirectory, "schemas", "xoev");
        SchemaDirectory = Path.Combine(xoev, "xdomea-3.0.0");
        var resolver = new LocalSchemaResolver([], [SchemaDirectory, Path.Combine(xoev, "xoev", "code", "1_0")]);
        catalog = new SchemaCatalog(resolver);
        catalog.TryAdd(SchemaSource.FromFile(Name, Path.Combine(SchemaDirectory, RootSchema)));
    }

    public string SchemaDirectory { get; }

    /// <summary>Validates a message; an empty list means valid. Throws <see cref="SchemaCatalogException"/> if the XSDs do not compile.</summary>
    public IReadOnlyList<XmlValidationError> Validate(Stream xml, int maxErrors) => catalog.Validate(Name, xml, maxErrors);

    /// <summary>Compiles the schema now, e.g. at start-up, so a broken installation shows at once.</summary>
    public void Compile() => catalog.GetSchemaSet(Name);
}
