using System.Runtime.CompilerServices;
using System.Text;
using System.Xml.Linq;
using EfaGateway.Core.Ports;
using EfaGateway.Core.Processes;
using EfaGateway.Mappers.CanonicalXml;
using EfaGateway.Mappers.Tests.Support;
using EfaGateway.XoevSchemas;
using Microsoft.Extensions.DependencyInjection;

namespace EfaGateway.Mappers.Tests.CanonicalXml;

public sealed class CanonicalXmlMapperTests
{
    private static readonly XNamespace Ns = CanonicalApplicationSchema.Namespace;

    private static readonly SchemaCatalog Catalog = SchemaCatalog.CreateDefault();

    private readonly CanonicalXmlMapper mapper = new(Catalog);

    [Fact]
    public async Task The_sample_application_matches_the_golden_file_byte_for_byte()
    {
        var result = await mapper.MapAsync(SampleApplication.Input(), TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, result.Error);
        var golden = GoldenFile("hundesteuer-anmeldung.xml", result.Content!);
        Assert.Equal(Encoding.UTF8.GetString(golden), Encoding.UTF8.GetString(result.Content!));
        Assert.Equal(golden, result.Content);
    }

    [Fact]
    public async Task Mapping_the_same_submission_twice_gives_identical_bytes()
    {
        var first = await mapper.MapAsync(SampleApplication.Input(), TestContext.Current.CancellationToken);
        var second = await new CanonicalXmlMapper().MapAsync(SampleApplication.Input(), TestContext.Current.CancellationToken);

        Assert.Equal(first.Content, second.Content);
    }

    [Fact]
    public async Task The_document_is_utf8_without_bom_and_validates_against_the_schema()
    {
        var result = await mapper.MapAsync(SampleApplication.Input(), TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, result.Error);
        Assert.False(result.Content!.AsSpan().StartsWith(Encoding.UTF8.Preamble));
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<application schemaVersion=\"1.1\" xmlns=\"urn:de:efagateway:application:1\">",
            Encoding.UTF8.GetString(result.Content!), StringComparison.Ordinal);
        Assert.Empty(Validate(result.Content!));
    }

    public static TheoryData<string> Variants() => ["sample", "required-only", "no-attachments", "two-files-in-one-field", "extreme-values", "no-leika"];

    [Theory]
    [MemberData(nameof(Variants))]
    public async Task Every_produced_document_validates_against_the_schema(string variant)
    {
        var data = SampleApplication.Data();
        var process = SampleApplication.Process;
        IEnumerable<Core.Submissions.Attachment>? attachments = null;
        switch (variant)
        {
            case "required-only":
                data = new System.Text.Json.Nodes.JsonObject { ["name"] = "A", ["einwilligung"] = true };
                attachments = [];
                break;
            case "no-attachments":
                attachments = [];
                break;
            case "two-files-in-one-field":
                attachments =
                [
                    SampleApplication.Impfpass(),
                    new Core.Submissions.Attachment(Guid.Parse("00000000-0000-0000-0000-000000000001"), "impfpass", "Seite 2.PDF", "application/pdf",
                        0, new string('A', 64), "blobs/2"),
                ];
                break;
            case "extreme-values":
                data["anschrift"] = "Zeile\r\nZeile\tTab ' \" ]]> 𝄞 中文";
                data["gewicht"] = -0.000001m;
                data["futterkosten"] = 79228162514264337593543950335m;
                data["anzahl"] = 0;
                break;
            case "no-leika":
                process = process with { LeikaKey = null };
                break;
        }

        var submission = SampleApplication.Submission(data, attachments: attachments);
        var result = await mapper.MapAsync(SampleApplication.Input(submission, process), TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, result.Error);
        Assert.Empty(Validate(result.Content!));
    }

    [Fact]
    public async Task Umlauts_sharp_s_and_markup_characters_survive_the_round_trip()
    {
        var result = await mapper.MapAsync(SampleApplication.Input(), TestContext.Current.CancellationToken);

        var document = SecureXml.Load(new MemoryStream(result.Content!));
        Assert.Equal("Jürgen Groß-Äußerle", FieldValue(document, "name"));
        Assert.Equal("Müllerstraße 5 & 7, <Hinterhaus> \"links\"", FieldValue(document, "anschrift"));
        Assert.Equal("Stadt Musterstadt – Bürgerbüro", document.Root!.Element(Ns + "tenant")!.Element(Ns + "name")!.Value);
        Assert.Equal("Impfpass Müller.pdf", document.Descendants(Ns + "fileName").Single().Value);
    }

    [Fact]
    public async Task Line_breaks_in_a_text_value_are_kept_exactly_as_entered()
    {
        var data = SampleApplication.Data();
        data["anschrift"] = "Zeile 1\r\nZeile 2\nZeile 3";
        var result = await mapper.MapAsync(SampleApplication.Input(SampleApplication.Submission(data)), TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, result.Error);
        var document = SecureXml.Load(new MemoryStream(result.Content!));
        Assert.Equal("Zeile 1\r\nZeile 2\nZeile 3", FieldValue(document, "anschrift"));
    }

    [Fact]
    public async Task Values_are_written_in_their_canonical_lexical_form()
    {
        var result = await mapper.MapAsync(SampleApplication.Input(), TestContext.Current.CancellationToken);

        var document = SecureXml.Load(new MemoryStream(result.Content!));
        Assert.Equal("herr", FieldValue(document, "anrede"));
        Assert.Equal("1975-03-09", FieldValue(document, "geburtsdatum"));
        Assert.Equal("2", FieldValue(document, "anzahl"));
        Assert.Equal("9.5", FieldValue(document, "gewicht"));
        Assert.Equal("12345.5", FieldValue(document, "futterkosten"));
        Assert.Equal("false", FieldValue(document, "listenhund"));
        Assert.Equal("true", FieldValue(document, "einwilligung"));
        Assert.Equal("2026-11-26T10:00:00Z", document.Root!.Element(Ns + "receivedAt")!.Value);
    }

    [Fact]
    public async Task Only_filled_in_fields_are_written_in_definition_order_and_file_fields_reference_their_attachments()
    {
        var result = await mapper.MapAsync(SampleApplication.Input(), TestContext.Current.CancellationToken);

        var document = SecureXml.Load(new MemoryStream(result.Content!));
        var ids = document.Descendants(Ns + "field").Select(f => (string)f.Attribute("id")!).ToList();
        Assert.Equal(
            ["anrede", "name", "geburtsdatum", "anschrift", "rasse", "anzahl", "gewicht", "listenhund", "haltungsbeginn", "futterkosten", "impfpass", "einwilligung"],
            ids);
        var file = document.Descendants(Ns + "field").Single(f => (string)f.Attribute("id")! == "impfpass");
        Assert.Equal("file", (string)file.Attribute("type")!);
        Assert.Equal(SampleApplication.AttachmentId.ToString(), file.Element(Ns + "attachmentRef")!.Value);
        var attachment = document.Descendants(Ns + "attachment").Single();
        Assert.Equal("impfpass", (string)attachment.Attribute("field")!);
        Assert.Equal("251699", attachment.Element(Ns + "size")!.Value);
    }

    [Fact]
    public async Task A_purged_submission_cannot_be_mapped()
    {
        var submission = SampleApplication.Submission();
        submission.PurgePersonalData(SampleApplication.ReceivedAt.AddDays(1));

        var result = await mapper.MapAsync(SampleApplication.Input(submission), TestContext.Current.CancellationToken);

        Assert.False(result.Succeeded);
        Assert.Contains("purged", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_submission_whose_output_breaks_the_schema_fails_without_quoting_values()
    {
        var submission = SampleApplication.Submission(vorgangsnummer: "not-a-number");

        var result = await mapper.MapAsync(SampleApplication.Input(submission), TestContext.Current.CancellationToken);

        Assert.False(result.Succeeded);
        Assert.Contains("/application/vorgangsnummer", result.Error, StringComparison.Ordinal);
        Assert.Contains("line 3", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("not-a-number", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_value_of_the_wrong_kind_fails_naming_the_field_but_not_the_value()
    {
        var data = SampleApplication.Data();
        data["geburtsdatum"] = "9. März 1975";

        var result = await mapper.MapAsync(SampleApplication.Input(SampleApplication.Submission(data)), TestContext.Current.CancellationToken);

        Assert.False(result.Succeeded);
        Assert.Contains("'geburtsdatum'", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("März", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_control_character_in_a_value_fails_naming_the_field()
    {
        var data = SampleApplication.Data();
        data["rasse"] = "Dackel\u0001";

        var result = await mapper.MapAsync(SampleApplication.Input(SampleApplication.Submission(data)), TestContext.Current.CancellationToken);

        Assert.False(result.Succeeded);
        Assert.Contains("'rasse'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_field_id_that_is_no_xml_name_is_caught_by_the_schema()
    {
        var process = SampleApplication.Process with
        {
            Sections = [SampleApplication.Process.Sections[0] with { Elements = [new FieldDefinition { Id = "1 bad id", Label = new LocalizedText("X"), Type = FieldType.Text }] }],
        };
        var data = new System.Text.Json.Nodes.JsonObject { ["1 bad id"] = "x" };
        var submission = SampleApplication.Submission(data, attachments: []);

        var result = await mapper.MapAsync(SampleApplication.Input(submission, process), TestContext.Current.CancellationToken);

        Assert.False(result.Succeeded);
        Assert.Contains("/application/data/section[@id='halter']/field", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Many_submissions_mapped_in_parallel_all_validate()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 32).Select(_ =>
            Task.Run(() => mapper.MapAsync(SampleApplication.Input(), TestContext.Current.CancellationToken))));

        Assert.All(results, r => Assert.True(r.Succeeded, r.Error));
        Assert.Single(results.Select(r => Convert.ToHexString(r.Content!)).Distinct());
    }

    [Fact]
    public void The_mapper_registers_as_a_keyed_imapper_under_its_id()
    {
        using var provider = new ServiceCollection().AddCanonicalXmlMapper().BuildServiceProvider();

        var mapper = provider.GetRequiredKeyedService<IMapper>("canonical-xml");

        Assert.IsType<CanonicalXmlMapper>(mapper);
        Assert.Equal(("application/xml", "xml"), (mapper.MediaType, mapper.FileExtension));
        Assert.Same(mapper, provider.GetRequiredKeyedService<IMapper>("canonical-xml"));
    }

    private static string FieldValue(XDocument document, string id) =>
        document.Descendants(Ns + "field").Single(f => (string)f.Attribute("id")! == id).Element(Ns + "value")!.Value;

    [Fact]
    public async Task Groups_nest_and_repeating_instances_carry_their_index_and_files()
    {
        var result = await mapper.MapAsync(NestedApplication.Input(), TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, result.Error);
        Assert.Empty(Validate(result.Content!));
        var golden = GoldenFile("kindertagespflege-nested.xml", result.Content!);
        Assert.Equal(Encoding.UTF8.GetString(golden), Encoding.UTF8.GetString(result.Content!));
    }

    private static IReadOnlyList<XmlValidationError> Validate(byte[] content) =>
        Catalog.Validate(CanonicalApplicationSchema.Name, new MemoryStream(content));

    /// <summary>
    /// The expected bytes. Set EFAGW_UPDATE_GOLDEN=1 to rewrite the file in the source tree from the actual output
    /// (then review the diff before committing).
    /// </summary>
    private static byte[] GoldenFile(string name, byte[] actual, [CallerFilePath] string sourceFile = "")
    {
        if (Environment.GetEnvironmentVariable("EFAGW_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllBytes(Path.Combine(Path.GetDirectoryName(sourceFile)!, "golden", name), actual);
            return actual;
        }

        return File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "CanonicalXml", "golden", name));
    }
}
