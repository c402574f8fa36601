using System.Text;
using System.Xml;
using System.Xml.Linq;
using EfaGateway.XoevSchemas;

namespace EfaGateway.Mappers.Tests.XoevSchemas;

public sealed class SchemaValidationTests
{
    private static readonly XNamespace Ns = CanonicalApplicationSchema.Namespace;

    [Fact]
    public void A_hand_built_minimal_document_is_valid()
    {
        var catalog = SchemaCatalog.CreateDefault();

        var errors = catalog.Validate(CanonicalApplicationSchema.Name, Minimal("2026-ABCD-EF12"));

        Assert.Empty(errors);
    }

    [Fact]
    public void A_bad_vorgangsnummer_yields_an_error_with_line_position_and_path()
    {
        var catalog = SchemaCatalog.CreateDefault();

        var errors = catalog.Validate(CanonicalApplicationSchema.Name, Minimal("26-abc"));

        var error = Assert.Single(errors);
        Assert.Equal(3, error.Line);
        Assert.True(error.Position > 0);
        Assert.Equal("/application/vorgangsnummer", error.Path);
        Assert.Contains("Pattern", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("26-abc", error.ToSafeString(), StringComparison.Ordinal);
        Assert.Contains("Pattern constraint failed", error.ToSafeString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_field_pointing_at_a_missing_attachment_is_invalid()
    {
        var document = Minimal("2026-ABCD-EF12");
        document.Root!.Element(Ns + "data")!.Add(
            new XElement(Ns + "section", new XAttribute("id", "s"),
                new XElement(Ns + "title", "Nachweise"),
                new XElement(Ns + "field", new XAttribute("id", "f"), new XAttribute("type", "file"),
                    new XElement(Ns + "label", "Datei"),
                    new XElement(Ns + "attachmentRef", "7c9e6679-7425-40de-944b-e07fc1f90ae7"))));

        var errors = SchemaCatalog.CreateDefault().Validate(CanonicalApplicationSchema.Name, document);

        var error = Assert.Single(errors);
        Assert.Contains("Keyref", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("7c9e6679", error.ToSafeString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_field_id_used_twice_is_invalid()
    {
        var document = Minimal("2026-ABCD-EF12");
        XElement Field() => new(Ns + "field", new XAttribute("id", "name"), new XAttribute("type", "text"),
            new XElement(Ns + "label", "Name"), new XElement(Ns + "value", "Jürgen"));
        document.Root!.Element(Ns + "data")!.Add(
            new XElement(Ns + "section", new XAttribute("id", "s1"), new XElement(Ns + "title", "Eins"), Field()),
            new XElement(Ns + "section", new XAttribute("id", "s2"), new XElement(Ns + "title", "Zwei"), Field()));

        var errors = SchemaCatalog.CreateDefault().Validate(CanonicalApplicationSchema.Name, document);

        Assert.Contains(errors, e => e.Message.Contains("duplicate key sequence", StringComparison.Ordinal));
    }

    [Fact]
    public void A_document_in_another_namespace_is_not_valid()
    {
        var errors = SchemaCatalog.CreateDefault().Validate(
            CanonicalApplicationSchema.Name, SecureXml.Parse("<application xmlns='urn:other'/>"));

        Assert.NotEmpty(errors);
    }

    [Fact]
    public void Loading_with_validation_returns_the_document_only_when_it_is_valid()
    {
        var schemas = SchemaCatalog.CreateDefault().GetSchemaSet(CanonicalApplicationSchema.Name);

        var valid = SecureXml.LoadValidated(new MemoryStream(Encoding.UTF8.GetBytes(Minimal("2026-ABCD-EF12").ToString())), schemas, out var none);
        var invalid = SecureXml.LoadValidated(new MemoryStream(Encoding.UTF8.GetBytes(Minimal("bad").ToString())), schemas, out var some);

        Assert.NotNull(valid);
        Assert.Empty(none);
        Assert.Null(invalid);
        Assert.NotEmpty(some);
    }

    [Fact]
    public void Malformed_xml_is_reported_as_an_error_not_thrown()
    {
        var schemas = SchemaCatalog.CreateDefault().GetSchemaSet(CanonicalApplicationSchema.Name);

        var errors = XsdValidator.Validate(schemas, new MemoryStream(Encoding.UTF8.GetBytes(
            "<application xmlns='urn:de:efagateway:application:1' schemaVersion='1.0'>\n  <oops>\n</application>")));

        Assert.Equal(3, errors[^1].Line);
        Assert.Contains("does not match the end tag", errors[^1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_catalogue_compiles_a_schema_once_and_shares_it_across_threads()
    {
        var catalog = SchemaCatalog.CreateDefault();

        var sets = Enumerable.Range(0, 16).AsParallel().Select(_ => catalog.GetSchemaSet(CanonicalApplicationSchema.Name)).ToList();

        Assert.All(sets, s => Assert.Same(sets[0], s));
        Assert.True(sets[0].IsCompiled);
    }

    [Fact]
    public void An_unknown_schema_name_is_an_error()
    {
        Assert.Throws<KeyNotFoundException>(() => SchemaCatalog.CreateDefault().GetSchemaSet("xbau-2.3"));
    }

    [Fact]
    public void A_schema_importing_by_url_compiles_from_the_mapped_local_directory()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(Path.Combine(dir.Path, "types.xsd"), """
            <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:test:types" elementFormDefault="qualified">
              <xs:simpleType name="Code"><xs:restriction base="xs:string"><xs:pattern value="[A-Z]{3}"/></xs:restriction></xs:simpleType>
            </xs:schema>
            """);
        var root = Path.Combine(dir.Path, "root.xsd");
        File.WriteAllText(root, """
            <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:t="urn:test:types" targetNamespace="urn:test:root" elementFormDefault="qualified">
              <xs:import namespace="urn:test:types" schemaLocation="http://schemas.example.org/test/1_0/types.xsd"/>
              <xs:element name="code" type="t:Code"/>
            </xs:schema>
            """);
        var resolver = new LocalSchemaResolver([new("http://schemas.example.org/test/1_0/", dir.Path)], []);
        var catalog = new SchemaCatalog(resolver);
        catalog.TryAdd(SchemaSource.FromFile("test-root", root));

        Assert.Empty(catalog.Validate("test-root", SecureXml.Parse("<code xmlns='urn:test:root'>ABC</code>")));
        Assert.NotEmpty(catalog.Validate("test-root", SecureXml.Parse("<code xmlns='urn:test:root'>abc</code>")));
    }

    [Fact]
    public void A_schema_whose_import_is_not_mapped_fails_to_compile_instead_of_validating_laxly()
    {
        using var dir = new TempDirectory();
        var root = Path.Combine(dir.Path, "root.xsd");
        File.WriteAllText(root, """
            <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:test:root">
              <xs:import namespace="urn:test:types" schemaLocation="http://schemas.example.org/elsewhere/types.xsd"/>
              <xs:element name="code" type="xs:string"/>
            </xs:schema>
            """);
        var catalog = new SchemaCatalog(new LocalSchemaResolver());
        catalog.TryAdd(SchemaSource.FromFile("test-root", root));

        var ex = Assert.Throws<SchemaCatalogException>(() => catalog.GetSchemaSet("test-root"));
        Assert.Equal("test-root", ex.SchemaName);
    }

    [Fact]
    public void The_resolver_does_not_let_a_url_climb_out_of_its_directory()
    {
        using var dir = new TempDirectory();
        var resolver = new LocalSchemaResolver([new("http://schemas.example.org/x/", dir.Path)], []);

        Assert.Null(resolver.MapToLocalPath(new Uri("http://schemas.example.org/x/%2E%2E/%2E%2E/etc/passwd")));
        Assert.Null(resolver.MapToLocalPath(new Uri("file:///etc/passwd")));
        Assert.Throws<XmlException>(() => resolver.GetEntity(new Uri("https://evil.example/x.xsd"), null, typeof(Stream)));
        Assert.Equal(Path.Combine(dir.Path, "a", "b.xsd"), resolver.MapToLocalPath(new Uri("http://schemas.example.org/x/a/b.xsd")));
    }

    private static XDocument Minimal(string vorgangsnummer) => new(
        new XElement(Ns + "application", new XAttribute("schemaVersion", "1.0"),
            new XElement(Ns + "vorgangsnummer", vorgangsnummer),
            new XElement(Ns + "receivedAt", "2026-11-26T10:00:00Z"),
            new XElement(Ns + "tenant", new XElement(Ns + "id", "musterstadt"), new XElement(Ns + "name", "Musterstadt")),
            new XElement(Ns + "process",
                new XElement(Ns + "id", "hundesteuer"), new XElement(Ns + "version", "1"), new XElement(Ns + "title", "Hundesteuer")),
            new XElement(Ns + "data"),
            new XElement(Ns + "attachments")));

    private sealed class TempDirectory : IDisposable
    {
        public TempDirectory()
        {
            Path = Directory.CreateTempSubdirectory("efagw-schemas-").FullName;
        }

        public string Path { get; }

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
