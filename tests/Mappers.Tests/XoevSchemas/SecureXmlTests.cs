using System.Text;
using System.Xml;
using EfaGateway.XoevSchemas;

namespace EfaGateway.Mappers.Tests.XoevSchemas;

public sealed class SecureXmlTests
{
    private const string ExternalEntity = """
        <?xml version="1.0"?>
        <!DOCTYPE foo [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
        <foo>&xxe;</foo>
        """;

    private const string BillionLaughs = """
        <?xml version="1.0"?>
        <!DOCTYPE lolz [
          <!ENTITY lol "lol">
          <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
          <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
          <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
          <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
          <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
          <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
          <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
          <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
        ]>
        <lolz>&lol9;</lolz>
        """;

    [Fact]
    public void An_external_entity_is_refused_before_anything_is_resolved()
    {
        var ex = Assert.Throws<XmlException>(() => SecureXml.Parse(ExternalEntity));

        Assert.Contains("DTD", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_billion_laughs_document_is_refused()
    {
        Assert.Throws<XmlException>(() => SecureXml.Load(new MemoryStream(Encoding.UTF8.GetBytes(BillionLaughs))));
    }

    [Fact]
    public void Validating_a_document_with_a_doctype_reports_an_error_instead_of_expanding_it()
    {
        var schemas = SchemaCatalog.CreateDefault().GetSchemaSet(CanonicalApplicationSchema.Name);

        var errors = XsdValidator.Validate(schemas, new MemoryStream(Encoding.UTF8.GetBytes(BillionLaughs)));

        var error = Assert.Single(errors);
        Assert.Contains("DTD is prohibited", error.Message, StringComparison.Ordinal);
        Assert.True(error.Line >= 1, "the error points at where reading stopped");
    }

    [Fact]
    public void The_reader_settings_prohibit_dtds_and_resolve_nothing()
    {
        var settings = SecureXml.CreateReaderSettings();

        Assert.Equal(DtdProcessing.Prohibit, settings.DtdProcessing);
        Assert.NotSame(settings, SecureXml.CreateReaderSettings());
    }

    [Fact]
    public void A_plain_document_parses()
    {
        var document = SecureXml.Parse("<a xmlns='urn:x'><b>Grüße &amp; mehr</b></a>");

        Assert.Equal("Grüße & mehr", document.Root!.Value);
    }
}
