using System.Reflection;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;

namespace EfaGateway.Conformance.Xta.Soap;

/// <summary>
/// The official XTA 2 Version 3 schemas (embedded byte for byte at build time from the standards folder, <c>xta2/v3</c>), compiled once into one
/// <see cref="XmlSchemaSet"/>. The root is the WSDL's own <c>types</c> schema (one <c>xta</c> schema that includes the
/// global elements and the exceptions and imports the two OSCI schemas), so the set holds exactly what XTA.wsdl
/// declares. Imports are resolved from the embedded files only; nothing is fetched, DTDs are prohibited.
/// </summary>
public static class XtaSchemas
{
    private const string ResourcePrefix = "Schemas.";

    // A base that is never fetched: the resolver maps every location below it to an embedded file by name.
    private static readonly Uri BaseUri = new("https://schemas.invalid/xta2/v3/");

    // The WSDL's types section, verbatim apart from the wrapper.
    private const string WsdlTypesSchema =
        """
        <xsd:schema targetNamespace="http://xoev.de/transport/xta/211" xmlns:xsd="http://www.w3.org/2001/XMLSchema">
          <xsd:import namespace="http://www.osci.eu/ws/2014/10/transport" schemaLocation="OSCI_MessageMetaData_V2.02.xsd"/>
          <xsd:import namespace="http://www.osci.eu/ws/2008/05/transport" schemaLocation="OSCI2_02.xsd"/>
          <xsd:include schemaLocation="XTA-Webservice-Globale-Elemente.xsd"/>
          <xsd:include schemaLocation="XTA-Webservice-Exceptions.xsd"/>
        </xsd:schema>
        """;

    private static readonly Lazy<XmlSchemaSet> Compiled = new(Compile);

    public static XmlSchemaSet Set => Compiled.Value;

    /// <summary>Settings for every XML reader of the kit: no DTDs, no external resources.</summary>
    public static XmlReaderSettings SecureReaderSettings() => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
    };

    /// <summary>
    /// Validates one element (a SOAP body payload or an XTA SOAP header) as a document of its own against the set.
    /// Returns the problems found, empty when valid; an element the schemas do not declare globally is a problem.
    /// </summary>
    public static IReadOnlyList<string> Validate(XElement element)
    {
        var name = new XmlQualifiedName(element.Name.LocalName, element.Name.NamespaceName);
        if (!Set.GlobalElements.Contains(name))
        {
            return [$"{element.Name} is not a global element of the XTA 2 V3 schemas"];
        }

        var problems = new List<string>();
        new XDocument(new XElement(element)).Validate(Set, (_, e) => problems.Add($"{e.Severity}: {e.Message}"));
        return problems;
    }

    private static XmlSchemaSet Compile()
    {
        var resolver = new EmbeddedSchemaResolver();
        var set = new XmlSchemaSet { XmlResolver = resolver };
        var errors = new List<string>();
        set.ValidationEventHandler += (_, e) => errors.Add(e.Message);
        var settings = SecureReaderSettings();
        settings.XmlResolver = resolver;
        using (var reader = XmlReader.Create(new StringReader(WsdlTypesSchema), settings, new Uri(BaseUri, "XTA.wsdl#types").ToString()))
        {
            set.Add(XmlSchema.Read(reader, null)!);
        }

        set.Compile();
        return errors.Count == 0
            ? set
            : throw new InvalidOperationException("The XTA 2 V3 schemas do not compile: " + string.Join("; ", errors));
    }

    private sealed class EmbeddedSchemaResolver : XmlResolver
    {
        public override object? GetEntity(Uri absoluteUri, string? role, Type? ofObjectToReturn)
        {
            var file = absoluteUri.Segments[^1];
            // OSCI2_02.xsd imports the SOAP 1.2 envelope schema under the name the delivery gave it: ".xsd".
            file = file == ".xsd" ? "soap-envelope.xsd" : file;
            return Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourcePrefix + file)
                   ?? throw new XmlException($"Schema location {absoluteUri} is not one of the embedded XTA 2 V3 files.");
        }

        public override Uri ResolveUri(Uri? baseUri, string? relativeUri) => new(baseUri ?? BaseUri, relativeUri ?? "");
    }
}
