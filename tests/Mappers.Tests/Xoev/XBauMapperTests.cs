using System.Runtime.CompilerServices;
using System.Text;
using System.Xml.Linq;
using EfaGateway.Core.Ports;
using EfaGateway.Core.Processes;
using EfaGateway.Mappers.Xoev;
using EfaGateway.XoevSchemas;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EfaGateway.Mappers.Tests.Xoev;

public sealed class XBauMapperTests
{
    private static readonly XNamespace XBau = "http://www.xleitstelle.de/xbau/2/6";

    [Fact]
    public async Task The_sample_bauantrag_matches_the_golden_file()
    {
        var result = await BauantragApplication.Mapper().MapAsync(BauantragApplication.Input(), TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, result.Error);
        var golden = GoldenFile("bauantrag-vereinfacht.baugenehmigung.antrag.0200.xml", result.Content!);
        // Compared as normalized XML (no insignificant whitespace), so a re-indented golden file still matches.
        Assert.Equal(Normalize(golden), Normalize(result.Content!));
    }

    [Fact]
    public async Task The_message_is_valid_against_the_official_xbau_xsds()
    {
        var result = await BauantragApplication.Mapper().MapAsync(BauantragApplication.Input(), TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, result.Error);
        using var stream = new MemoryStream(result.Content!);
        var message = XoevStandards.XBau26.Messages["0200"];
        Assert.Empty(BauantragApplication.Schemas.Validate(XoevStandards.XBau26, message, stream, maxErrors: 50));
        Assert.Equal(XBau + "baugenehmigung.antrag.0200", XDocument.Parse(Encoding.UTF8.GetString(result.Content!)).Root!.Name);
    }

    [Fact]
    public async Task The_header_is_filled_from_the_process_and_tenant_configuration()
    {
        var result = await BauantragApplication.Mapper().MapAsync(BauantragApplication.Input(), TestContext.Current.CancellationToken);

        var root = XDocument.Parse(Encoding.UTF8.GetString(result.Content!)).Root!;
        Assert.Equal(("EfaGateway", "EfaGateway-Projekt", "1.0.0", "XBau-Hochbau", "2.6", "true"),
            ((string)root.Attribute("produkt")!, (string)root.Attribute("produkthersteller")!, (string)root.Attribute("produktversion")!,
             (string)root.Attribute("standard")!, (string)root.Attribute("version")!, (string)root.Attribute("test")!));
        var kopf = root.Element("nachrichtenkopf.g2g")!;
        var typ = kopf.Element("identifikation.nachricht")!.Element("nachrichtentyp")!;
        Assert.Equal(("0200", "urn:xoev-de:xbau:codeliste:xbau-nachrichten", "4.0"),
            ((string)typ.Element("code")!, (string)typ.Attribute("listURI")!, (string)typ.Attribute("listVersionID")!));
        Assert.Equal("2026-11-26T10:15:30.123Z", (string)kopf.Element("identifikation.nachricht")!.Element("erstellungszeitpunkt")!);
        Assert.Equal(("DVDV", "1", "bau:09999000", "Landratsamt Musterkreis, Untere Bauaufsichtsbehörde"), Authority(kopf.Element("leser")!));
        Assert.Equal(("DVDV", "1", "psw:09999001", "Gemeinde Schönwetter am Berg, Online-Dienste"), Authority(kopf.Element("autor")!));
    }

    [Fact]
    public async Task The_same_submission_gets_the_same_nachrichtenUUID_and_bytes_and_another_submission_another()
    {
        var first = await BauantragApplication.Mapper().MapAsync(BauantragApplication.Input(), TestContext.Current.CancellationToken);
        var retry = await BauantragApplication.Mapper().MapAsync(BauantragApplication.Input(), TestContext.Current.CancellationToken);
        var other = await BauantragApplication.Mapper().MapAsync(
            BauantragApplication.Input(BauantragApplication.Submission(id: Guid.Parse("9b2c1c1e-3f0a-4d7e-8a55-1f6e0c2d4b77"))),
            TestContext.Current.CancellationToken);

        Assert.Equal(first.Content, retry.Content);
        var uuid = NachrichtenUuid(first.Content!);
        Assert.Equal(MessageUuid.For(BauantragApplication.SubmissionId, "xbau-2.6").ToString(), uuid);
        Assert.NotEqual(BauantragApplication.SubmissionId.ToString(), uuid);
        Assert.NotEqual(uuid, NachrichtenUuid(other.Content!));
    }

    [Fact]
    public void Message_uuids_are_rfc_4122_version_5()
    {
        // Reference value: Python's uuid.uuid5(uuid.UUID('3f2504e0-4f89-41d3-9a0c-0305e82c3301'), 'xbau-2.6').
        Assert.Equal(Guid.Parse("f9681950-42c4-560a-99ee-69c0da026f87"), MessageUuid.For(BauantragApplication.SubmissionId, "xbau-2.6"));
    }

    [Fact]
    public async Task A_value_the_schema_refuses_fails_permanently_naming_the_element_but_not_the_value()
    {
        // The XSD limits the Nachrichtentyp to XBau's list (fixed listVersionID 4.0): a process claiming 9.9 is refused.
        var process = BauantragApplication.Process with
        {
            Xoev = BauantragApplication.Process.Xoev! with
            {
                Nachrichtentyp = BauantragApplication.Process.Xoev!.Nachrichtentyp with { ListVersionId = "9.9-geheim" },
            },
        };

        var result = await BauantragApplication.Mapper().MapAsync(BauantragApplication.Input(process: process), TestContext.Current.CancellationToken);

        Assert.False(result.Succeeded);
        Assert.Contains("does not match the official xbau-2.6 XSDs", result.Error, StringComparison.Ordinal);
        Assert.Contains("/baugenehmigung.antrag.0200/nachrichtenkopf.g2g/identifikation.nachricht/nachrichtentyp", result.Error, StringComparison.Ordinal);
        Assert.Matches("line [0-9]+, position [0-9]+", result.Error);
        Assert.DoesNotContain("9.9-geheim", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Form_data_the_schema_refuses_is_reported_without_the_data()
    {
        // XBau's strings are DIN 91379 datatypeC; a character outside it (which intake would normally refuse) must be
        // caught by validation and reported by position and element, without the text.
        var data = BauantragApplication.Data();
        data["baugrundstueck"]!["gemarkung"] = "Oberschönwetter \U0001F600";

        var result = await BauantragApplication.Mapper().MapAsync(BauantragApplication.Input(BauantragApplication.Submission(data)),
            TestContext.Current.CancellationToken);

        Assert.False(result.Succeeded);
        Assert.Contains("/gemarkung/bezeichnung", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Ober", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tenant_without_autor_and_leser_fails_with_the_configuration_key_to_set()
    {
        var result = await BauantragApplication.Mapper().MapAsync(BauantragApplication.Input(tenant: "musterstadt"), TestContext.Current.CancellationToken);

        Assert.False(result.Succeeded);
        Assert.Contains("Gateway:Xoev:Tenants:musterstadt", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_process_without_an_xoev_block_or_with_an_unknown_nachrichtentyp_fails_clearly()
    {
        var without = await BauantragApplication.Mapper().MapAsync(
            BauantragApplication.Input(process: BauantragApplication.Process with { Xoev = null }), TestContext.Current.CancellationToken);
        var unknown = await BauantragApplication.Mapper().MapAsync(
            BauantragApplication.Input(process: BauantragApplication.Process with
            {
                Xoev = BauantragApplication.Process.Xoev! with { Nachrichtentyp = new XoevCode("0300", "urn:xoev-de:xbau:codeliste:xbau-nachrichten", "4.0") },
            }),
            TestContext.Current.CancellationToken);

        Assert.Contains("has no xoev block", without.Error, StringComparison.Ordinal);
        Assert.Contains("cannot write Nachrichtentyp '0300'", unknown.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_xoev_block_reports_every_problem_at_once()
    {
        var json = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Xoev", "bauantrag-vereinfacht.json"))
            .Replace("\"standard\": \"XBau-Hochbau\"", "\"standard\": \" \"", StringComparison.Ordinal)
            .Replace("\"listUri\": \"urn:xoev-de:xbau:codeliste:xbau-nachrichten\"", "\"listUri\": \"kein uri\"", StringComparison.Ordinal)
            .Replace("\"listVersionId\": \"4.0\"", "\"listVersionId\": \"\"", StringComparison.Ordinal);

        var problems = Assert.Throws<ProcessDefinitionException>(() => ProcessDefinitionJson.Parse(json)).Problems;

        Assert.Contains("xoev.standard is missing or blank.", problems);
        Assert.Contains(problems, p => p.StartsWith("xoev.nachrichtentyp.listUri must be an absolute URI", StringComparison.Ordinal));
        Assert.Contains("xoev.nachrichtentyp.listVersionId is missing or blank.", problems);
    }

    [Fact]
    public void The_xoev_block_survives_a_write_and_read_round_trip()
    {
        var again = ProcessDefinitionJson.Parse(ProcessDefinitionJson.Write(BauantragApplication.Process));

        Assert.Equal(BauantragApplication.Process.Xoev, again.Xoev);
    }

    [Fact]
    public void The_host_registration_binds_the_configuration_and_refuses_an_incomplete_tenant()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Gateway:Xoev:Tenants:musterstadt:Autor:Kennung"] = "psw:1",
        }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddXoevMappers();
        using var provider = services.BuildServiceProvider();

        Assert.Equal("xbau-2.6", provider.GetRequiredKeyedService<IMapper>("xbau-2.6").Id);
        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<XoevOptions>>().Value);
        Assert.Contains("Gateway:Xoev:Tenants:musterstadt:Leser is missing.", error.Failures);
        Assert.Contains("Gateway:Xoev:Tenants:musterstadt:Autor:Name is missing or blank.", error.Failures);
    }

    [Fact]
    public void A_header_name_with_characters_outside_DIN_91379_is_refused_at_start_and_named()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Gateway:Xoev:Produkt"] = "EfaGateway",
            ["Gateway:Xoev:Tenants:musterstadt:Autor:Verzeichnisdienst"] = "DVDV",
            ["Gateway:Xoev:Tenants:musterstadt:Autor:VerzeichnisdienstListVersionId"] = "2",
            ["Gateway:Xoev:Tenants:musterstadt:Autor:Kennung"] = "psw:1",
            ["Gateway:Xoev:Tenants:musterstadt:Autor:Name"] = "Bauamt Musterstadt \u2603", // a snowman
            ["Gateway:Xoev:Tenants:musterstadt:Leser:Verzeichnisdienst"] = "DVDV",
            ["Gateway:Xoev:Tenants:musterstadt:Leser:VerzeichnisdienstListVersionId"] = "2",
            ["Gateway:Xoev:Tenants:musterstadt:Leser:Kennung"] = "psw:2",
            ["Gateway:Xoev:Tenants:musterstadt:Leser:Name"] = "Untere Bauaufsichtsbehörde Łódź-Straße", // all in DIN 91379
        }).Build();
        using var provider = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddXoevMappers().BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<XoevOptions>>().Value);

        Assert.Equal(["Gateway:Xoev:Tenants:musterstadt:Autor:Name has characters outside DIN 91379: \u2603."], error.Failures);
    }

    private static (string, string, string, string) Authority(XElement element) => (
        (string)element.Element("verzeichnisdienst")!.Element("code")!,
        (string)element.Element("verzeichnisdienst")!.Attribute("listVersionID")!,
        (string)element.Element("kennung")!,
        (string)element.Element("name")!);

    private static string NachrichtenUuid(byte[] content) =>
        (string)XDocument.Parse(Encoding.UTF8.GetString(content)).Root!
            .Element("nachrichtenkopf.g2g")!.Element("identifikation.nachricht")!.Element("nachrichtenUUID")!;

    private static string Normalize(byte[] xml) =>
        SecureXml.Load(new MemoryStream(xml)).ToString(SaveOptions.DisableFormatting);

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

        return File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Xoev", "golden", name));
    }
}
