namespace EfaGateway.XoevSchemas;

/// <summary>
/// The project's own application XML (schemas/canonical-application.xsd, embedded in this assembly): what the
/// canonical-xml mapper writes and what XSLT stylesheets to XÖV read.
/// </summary>
public static class CanonicalApplicationSchema
{
    /// <summary>The catalogue name.</summary>
    public const string Name = "canonical-application";

    /// <summary>The target namespace; it carries the major version.</summary>
    public const string Namespace = "urn:de:efagateway:application:1";

    /// <summary>The version written into the root's <c>schemaVersion</c> attribute.</summary>
    public const string SchemaVersion = "1.1";

    public const string RootElement = "application";

    public const string ResourceName = "EfaGateway.XoevSchemas.canonical-application.xsd";

    public static SchemaSource Source =>
        SchemaSource.FromEmbeddedResource(Name, typeof(CanonicalApplicationSchema).Assembly, ResourceName);

    /// <summary>The XSD itself, e.g. to publish it to integrators.</summary>
    public static Stream OpenXsd() => Source.Open();
}
