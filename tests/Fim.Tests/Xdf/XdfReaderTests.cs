using EfaGateway.Fim.Xdf;
using EfaGateway.TestSupport;

namespace EfaGateway.Fim.Tests.Xdf;

public sealed class XdfReaderTests
{
    private static string ParserFixture(string version, string name) => Path.Combine(Fixtures.FimSamples, "xdf-parser-tests", version, name);

    private static XdfDocument Read(string path)
    {
        using var stream = File.OpenRead(path);
        return XdfReader.Read(stream);
    }

    public static TheoryData<string> RealSchemas() =>
        [.. Directory.GetFiles(Path.Combine(Fixtures.FimSamples, "xdf3"), "*.xml").Select(f => Path.GetFileName(f)).Order()];

    [Theory]
    [MemberData(nameof(RealSchemas))]
    public void Every_real_FIM_export_is_read(string file)
    {
        var document = Read(Path.Combine(Fixtures.FimSamples, "xdf3", file));

        Assert.Equal(XdfVersion.V3, document.Version);
        Assert.True(document.IsStammdatenschema);
        Assert.StartsWith(document.Schema.Id + "_" + document.Schema.Version, file, StringComparison.Ordinal);
        Assert.NotEmpty(document.Schema.Children);
    }

    [Fact]
    public void A_v3_group_message_keeps_structure_labels_help_constraints_and_rules()
    {
        var document = Read(ParserFixture("v3", "simple.xml"));

        Assert.False(document.IsStammdatenschema);
        var root = Assert.IsType<XdfGroup>(Assert.Single(document.Schema.Children).Element);
        Assert.Equal(("G60000000088", "1.2.0", "Anschrift in Deutschland", "Eingabehilfe"), (root.Id, root.Version, root.Label, root.Help));
        Assert.Equal("R60000000019", Assert.Single(root.Rules).Id);
        Assert.StartsWith("Es muss entweder Feldgruppe", root.Rules[0].FreeText, StringComparison.Ordinal);
        var inner = Assert.Single(root.Children);
        Assert.Equal((0, (int?)1), (inner.Min, inner.Max));
        var street = Assert.IsType<XdfField>(Assert.Single(Assert.IsType<XdfGroup>(inner.Element).Children).Element);
        Assert.Equal(("input", "text", 1, (int?)55), (street.Feldart, street.Datentyp, street.Constraints.MinLength, street.Constraints.MaxLength));
    }

    [Fact]
    public void Every_input_attribute_of_a_v3_field_is_read()
    {
        var field = (XdfField)((XdfGroup)Read(ParserFixture("v3", "input.xml")).Schema.Children[0].Element).Children[0].Element;

        Assert.Equal("select", field.Feldart);
        Assert.Equal(new XdfConstraints { MinLength = 0, MaxLength = 1, MinValue = "0", MaxValue = "1", Pattern = "abc" }, field.Constraints);
        Assert.Equal("Some Content", field.Content);
        Assert.Equal(10, field.MaxSize);
        Assert.Equal(["application/json"], field.MediaTypes);
        Assert.Null(field.CodeList);
    }

    [Fact]
    public void A_v2_schema_reads_its_json_praezisierung_and_script_rule()
    {
        var document = Read(ParserFixture("v2", "simple.xml"));

        Assert.Equal(XdfVersion.V2, document.Version);
        Assert.Equal(("T1234", "1.0"), (document.Schema.Id, document.Schema.Version));
        Assert.Equal("R60000037", Assert.Single(document.Schema.Rules).Id);
        Assert.Equal("function script() {}", document.Schema.Rules[0].Script);
        var group = Assert.IsType<XdfGroup>(Assert.Single(document.Schema.Children).Element);
        var name = Assert.IsType<XdfField>(Assert.Single(group.Children).Element);
        Assert.Equal((1, (int?)120), (name.Constraints.MinLength, name.Constraints.MaxLength));
    }

    [Fact]
    public void A_v2_select_keeps_its_genericode_reference_and_a_label_its_content()
    {
        var select = (XdfField)Read(ParserFixture("v2", "select.xml")).Schema.Children[0].Element;
        var label = (XdfField)Read(ParserFixture("v2", "label.xml")).Schema.Children[0].Element;

        Assert.Equal(new XdfCodeListReference("urn:de:example", "1", "urn:de:example_1"), select.CodeList);
        Assert.Equal(("label", "Hinweis Inhalt"), (label.Feldart, label.Content));
    }

    [Theory]
    [InlineData("minimal.xml")]
    [InlineData("rule.xml")]
    [InlineData("data-field-rule.xml")]
    [InlineData("data-group-rule.xml")]
    public void The_valid_v2_fixtures_are_read(string file)
    {
        Assert.Equal(XdfVersion.V2, Read(ParserFixture("v2", file)).Version);
    }

    [Theory]
    [InlineData("v2", "unknown-namespace.xml", "Unknown namespace 'urn:xoev-de:fim:standard:xdatenfelder_unknown' of the root element <xdf:xdatenfelder.stammdatenschema.0102>")]
    [InlineData("v2", "duplicate-required-value.xml", "Duplicate <xdf:name> in <xdf:stammdatenschema> (line 13,")]
    [InlineData("v2", "duplicate-optional-value.xml", "Duplicate <xdf:beschreibung> in <xdf:stammdatenschema> (line 15,")]
    [InlineData("v3", "unknown-namespace.xml", "Unknown namespace 'urn:xoev-de:fim:standard:xdatenfelder_unknown' of the root element <xdf:xdatenfelder.datenfeldgruppe.0103>")]
    [InlineData("v3", "duplicate-id-node.xml", "Duplicate <xdf:id> in <xdf:identifikation> (line 11,")]
    [InlineData("v3", "empty-id-node.xml", "Missing content in <xdf:id> (line 10,")]
    [InlineData("v3", "missing-id-node.xml", "Missing <xdf:id> in <xdf:identifikation> (line 11,")]
    [InlineData("v3", "unexpected-node.xml", "Unexpected element <xdf:unknown> in <xdf:identifikation> (line 11,")]
    [InlineData("v3", "invalid-freigabestatus.xml", "Invalid code in <xdf:freigabestatus> (line 17, column 10): '10', expected 1 to 8.")]
    public void Every_invalid_fixture_is_refused_naming_the_element_and_the_problem(string version, string file, string message)
    {
        var error = Assert.Throws<XdfFormatException>(() => Read(ParserFixture(version, file)));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<x", "Not well-formed XML")]
    [InlineData("""<!DOCTYPE a [<!ENTITY e "x">]><a/>""", "Not well-formed XML")]
    [InlineData("""<xdf:xdatenfelder.stammdatenschema.0102 xmlns:xdf="urn:xoev-de:fim:standard:xdatenfelder_3.0.0"/>""", "Missing <xdf:header>")]
    [InlineData("""<xdf:other xmlns:xdf="urn:xoev-de:fim:standard:xdatenfelder_3.0.0"/>""", "Unexpected root element <xdf:other>")]
    [InlineData("""<xdf:xdatenfelder.stammdatenschema.0102 xmlns:xdf="urn:xoev-de:fim:standard:xdatenfelder_3.0.0"><xdf:header><xdf:nachrichtID>1</xdf:nachrichtID></xdf:header><xdf:stammdatenschema><xdf:identifikation><xdf:id>S1</xdf:id></xdf:identifikation><xdf:name>S</xdf:name><xdf:struktur><xdf:anzahl>2:1</xdf:anzahl></xdf:struktur></xdf:stammdatenschema></xdf:xdatenfelder.stammdatenschema.0102>""", "Invalid <xdf:anzahl> '2:1'")]
    [InlineData("""<xdf:xdatenfelder.stammdatenschema.0102 xmlns:xdf="urn:xoev-de:fim:standard:xdatenfelder_3.0.0"><xdf:header><xdf:nachrichtID>1</xdf:nachrichtID></xdf:header><xdf:stammdatenschema><xdf:identifikation><xdf:id>S1</xdf:id></xdf:identifikation><xdf:name>S</xdf:name><xdf:struktur><xdf:anzahl>1:1</xdf:anzahl><xdf:enthaelt><xdf:datenfeld><xdf:identifikation><xdf:id>F1</xdf:id></xdf:identifikation><xdf:name>F</xdf:name><xdf:feldart><code>input</code></xdf:feldart><xdf:datentyp><code>blob</code></xdf:datentyp></xdf:datenfeld></xdf:enthaelt></xdf:struktur></xdf:stammdatenschema></xdf:xdatenfelder.stammdatenschema.0102>""", "Invalid code in <xdf:datentyp>")]
    [InlineData("""<xdf:xdatenfelder.stammdatenschema.0102 xmlns:xdf="urn:xoev-de:fim:standard:xdatenfelder_3.0.0"><xdf:header><xdf:nachrichtID>1</xdf:nachrichtID></xdf:header><xdf:stammdatenschema><xdf:identifikation><xdf:id>S1</xdf:id></xdf:identifikation><xdf:name>S</xdf:name><xdf:struktur><xdf:anzahl>1:1</xdf:anzahl><xdf:enthaelt><xdf:datenfeld><xdf:identifikation><xdf:id>F1</xdf:id></xdf:identifikation><xdf:name>F</xdf:name><xdf:datentyp><code>text</code></xdf:datentyp></xdf:datenfeld></xdf:enthaelt></xdf:struktur></xdf:stammdatenschema></xdf:xdatenfelder.stammdatenschema.0102>""", "Missing <xdf:feldart> in <xdf:datenfeld> F1")]
    [InlineData("""<xdf:xdatenfelder.stammdatenschema.0102 xmlns:xdf="urn:xoev-de:fim:standard:xdatenfelder_2"><xdf:header><xdf:nachrichtID>1</xdf:nachrichtID></xdf:header><xdf:stammdatenschema><xdf:identifikation><xdf:id>S1</xdf:id></xdf:identifikation><xdf:name>S</xdf:name><xdf:struktur><xdf:anzahl>1:1</xdf:anzahl><xdf:enthaelt><xdf:datenfeld><xdf:identifikation><xdf:id>F1</xdf:id></xdf:identifikation><xdf:name>F</xdf:name><xdf:feldart><code>input</code></xdf:feldart><xdf:datentyp><code>text</code></xdf:datentyp><xdf:praezisierung>{minLength:1</xdf:praezisierung></xdf:datenfeld></xdf:enthaelt></xdf:struktur></xdf:stammdatenschema></xdf:xdatenfelder.stammdatenschema.0102>""", "Invalid JSON in <xdf:praezisierung>")]
    [InlineData("""<xdf:xdatenfelder.stammdatenschema.0102 xmlns:xdf="urn:xoev-de:fim:standard:xdatenfelder_3.0.0"><xdf:header><xdf:nachrichtID>1</xdf:nachrichtID></xdf:header><xdf:stammdatenschema><xdf:identifikation><xdf:id>S1</xdf:id></xdf:identifikation><xdf:name>S</xdf:name>text<xdf:struktur/></xdf:stammdatenschema></xdf:xdatenfelder.stammdatenschema.0102>""", "Unexpected text in <xdf:stammdatenschema>")]
    public void Malformed_documents_are_refused_with_a_precise_message(string xml, string message)
    {
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(xml));

        var error = Assert.Throws<XdfFormatException>(() => XdfReader.Read(stream));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_element_repeated_in_the_export_is_kept_once()
    {
        var document = Read(Path.Combine(Fixtures.FimSamples, "xdf3", "S05000001299_1.0.0_xdf3.xml"));

        var all = Flatten(document.Schema.Children).ToList();
        var distinctKeys = all.Select(e => e.Key).Distinct().Count();
        Assert.Equal(distinctKeys, all.Distinct(ReferenceEqualityComparer.Instance).Count());
        Assert.True(all.Count > distinctKeys, "The sample reuses elements; each should be one shared instance.");
    }

    private static IEnumerable<XdfElement> Flatten(IEnumerable<XdfChild> children)
    {
        foreach (var child in children)
        {
            yield return child.Element;
            if (child.Element is XdfGroup group)
            {
                foreach (var inner in Flatten(group.Children))
                {
                    yield return inner;
                }
            }
        }
    }
}
