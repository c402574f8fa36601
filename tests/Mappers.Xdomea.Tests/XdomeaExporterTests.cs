using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using EfaGateway.XoevSchemas;

namespace EfaGateway.Mappers.Xdomea.Tests;

public sealed class XdomeaExporterTests
{
    private static readonly XNamespace X = "urn:xoev-de:xdomea:schema:3.0.0";
    private static readonly string BaseName = $"{ExportScenario.ProzessId:D}_Information.Information.0101";

    [Fact]
    public async Task The_message_matches_the_golden_file()
    {
        var scenario = new ExportScenario();

        var (_, xml) = await ExportAsync(scenario);

        Assert.Equal(Encoding.UTF8.GetString(GoldenFile("hundesteuer.Information.Information.0101.xml", xml)), Encoding.UTF8.GetString(xml));
    }

    [Fact]
    public async Task The_message_is_valid_against_the_official_xsds_compiled_independently()
    {
        var (_, xml) = await ExportAsync(new ExportScenario());

        Assert.Empty(OfficialSchemas.Validate(xml));
        Assert.Equal(X + "Information.Information.0101", Parse(xml).Root!.Name);
    }

    [Fact]
    public async Task The_zip_is_named_after_the_prozessid_and_holds_the_message_and_every_file_under_its_dateiname_with_its_hash()
    {
        var scenario = new ExportScenario();

        var (package, xml) = await ExportAsync(scenario);
        using var zip = new ZipArchive(package.Content, ZipArchiveMode.Read);

        Assert.Equal($"{BaseName}.zip", package.FileName);
        Assert.Equal(ExportScenario.ProzessId, package.ProzessId);
        var dateinamen = Parse(xml).Descendants(X + "Dateiname").Select(e => e.Value).ToList();
        Assert.Equal([$"{BaseName}.xml", .. dateinamen], zip.Entries.Select(e => e.FullName));
        for (var index = 0; index < scenario.Item.Files.Count; index++)
        {
            var file = scenario.Item.Files[index];
            Assert.EndsWith($"_{file.Name}", dateinamen[index], StringComparison.Ordinal);
            Assert.Equal(file.Sha256, Convert.ToHexStringLower(SHA256.HashData(Read(zip.GetEntry(dateinamen[index])!))));
        }
    }

    [Fact]
    public async Task The_vorgang_carries_the_vorgangsnummer_the_process_title_and_the_german_arrival_date()
    {
        var (_, xml) = await ExportAsync(new ExportScenario());
        var vorgang = Parse(xml).Descendants(X + "Vorgang").Single();

        Assert.Equal(ExportScenario.Vorgangsnummer, vorgang.Element(X + "AllgemeineMetadaten")!.Element(X + "Kennzeichen")!.Value);
        Assert.Equal("Hund zur Hundesteuer anmelden", vorgang.Element(X + "AllgemeineMetadaten")!.Element(X + "Betreff")!.Value);
        Assert.Equal("2026-11-27", vorgang.Element(X + "Laufzeit")!.Element(X + "Beginn")!.Value);
        var dokumente = vorgang.Elements(X + "Dokument").ToList();
        Assert.Equal(["Antrag", "Antragsdaten", "Antragsdaten", "Anlage"], dokumente.Select(d => d.Element(X + "Typ")!.Value));
        Assert.Equal(["018", "030", "100", "011"], dokumente.Select(d => d.Descendants(X + "Name").Single().Element("code")!.Value));
        Assert.Equal(["1.7", "1.0", "", ""], dokumente.Select(d => d.Descendants(X + "Format").Single().Element(X + "Version")!.Value));
        Assert.Equal("json (application/json)", dokumente[2].Descendants(X + "SonstigerName").Single().Value);
        Assert.All(dokumente, d => Assert.Equal("2026-11-27", d.Element(X + "Posteingangsdatum")!.Value));
    }

    [Fact]
    public async Task The_kopf_is_filled_from_the_tenant_configuration_and_the_clock()
    {
        var (_, xml) = await ExportAsync(new ExportScenario());
        var kopf = Parse(xml).Root!.Element(X + "Kopf")!;

        Assert.Equal(ExportScenario.ProzessId.ToString(), kopf.Element(X + "ProzessID")!.Value);
        Assert.Equal("0101", kopf.Element(X + "Nachrichtentyp")!.Element("code")!.Value);
        Assert.Equal("2026-11-28T08:15:30Z", kopf.Element(X + "Erstellungszeitpunkt")!.Value);
        Assert.Equal("Online-Dienste (EfaGateway)", kopf.Element(X + "Absender")!.Element(X + "Organisationseinheit")!.Element(X + "Name")!.Value);
        Assert.Equal("Hauptamt, Registratur", kopf.Element(X + "Empfaenger")!.Element(X + "Organisationseinheit")!.Element(X + "Name")!.Value);
        Assert.Equal("EfaGateway", kopf.Element(X + "SendendesSystem")!.Element(X + "Produktname")!.Value);
    }

    [Fact]
    public async Task Each_export_has_a_new_prozessid_but_describes_the_same_vorgang_and_dokumente()
    {
        var scenario = new ExportScenario();
        var exporter = scenario.Exporter(ExportScenario.ProzessId, Guid.Parse("9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d"));

        var first = Parse(Message(await exporter.CreateAsync(scenario.Item, TestContext.Current.CancellationToken)));
        var second = Parse(Message(await exporter.CreateAsync(scenario.Item, TestContext.Current.CancellationToken)));

        Assert.NotEqual(first.Descendants(X + "ProzessID").Single().Value, second.Descendants(X + "ProzessID").Single().Value);
        Assert.Equal(first.Descendants(X + "ID").Select(e => e.Value), second.Descendants(X + "ID").Select(e => e.Value));
    }

    [Fact]
    public async Task Exporting_marks_the_item_fetched_once_and_an_item_of_another_tenant_is_not_found()
    {
        var scenario = new ExportScenario();
        var exporter = scenario.Exporter();
        var ct = TestContext.Current.CancellationToken;

        Assert.Null(await exporter.ExportAsync("other-town", ExportScenario.ItemId, "staff-1", ct));
        Assert.Null(await exporter.ExportAsync(ExportScenario.Tenant, Guid.NewGuid(), "staff-1", ct));
        Assert.Null(scenario.Item.FirstFetchedAt);

        (await exporter.ExportAsync(ExportScenario.Tenant, ExportScenario.ItemId, "staff-1", ct))!.Content.Dispose();
        scenario.Time.Advance(TimeSpan.FromHours(1));
        (await exporter.ExportAsync(ExportScenario.Tenant, ExportScenario.ItemId, "staff-2", ct))!.Content.Dispose();

        Assert.Equal(("staff-1", new DateTimeOffset(2026, 11, 28, 8, 15, 30, TimeSpan.Zero)), (scenario.Item.FirstFetchedBy, scenario.Item.FirstFetchedAt));
        Assert.Equal(1, scenario.Store.Saves);
    }

    [Fact]
    public async Task An_item_without_files_is_refused()
    {
        var scenario = new ExportScenario();
        var empty = new Core.Postkorb.PostkorbItem(Guid.NewGuid(), ExportScenario.Tenant, ExportScenario.Process, Guid.NewGuid(), Guid.NewGuid(),
            ExportScenario.Vorgangsnummer, scenario.Time.GetUtcNow(), TimeSpan.FromDays(90), []);

        var error = await Assert.ThrowsAsync<XdomeaExportException>(() => scenario.Exporter().CreateAsync(empty, TestContext.Current.CancellationToken));

        Assert.Contains("has no files", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Anlage-01-../../etc/passwd.pdf", "U+002F")]
    [InlineData("Anlage-01-scan\u0007.pdf", "U+0007")]
    [InlineData("Anlage-01-C:\\scan.pdf", "U+003A U+005C")]
    [InlineData("Anlage-01-\u263A-Ausweis-Zwetschgenbaum.pdf", "U+263A")]
    public async Task A_file_name_xdomea_cannot_carry_is_refused_naming_the_characters_but_not_the_name(string name, string codePoints)
    {
        var scenario = new ExportScenario(("antrag.pdf", "application/pdf", "%PDF-1.7\n"u8.ToArray()), (name, "application/pdf", "%PDF-1.4\n"u8.ToArray()));
        var marked = scenario.Exporter();

        var error = await Assert.ThrowsAsync<XdomeaExportException>(
            () => marked.ExportAsync(ExportScenario.Tenant, ExportScenario.ItemId, "staff-1", TestContext.Current.CancellationToken));

        Assert.Contains("File 1 of Postkorb item", error.Message, StringComparison.Ordinal);
        Assert.Contains(codePoints, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Zwetschgenbaum", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("passwd", error.Message, StringComparison.Ordinal);
        // Nothing half-done: the failed export did not count as a download.
        Assert.Null(scenario.Item.FirstFetchedAt);
        Assert.Equal(0, scenario.Store.Saves);
    }

    [Fact]
    public async Task A_tenant_without_configuration_is_refused_with_the_section_to_fill_in()
    {
        var scenario = new ExportScenario();
        scenario.Options.Tenants.Clear();

        var error = await Assert.ThrowsAsync<XdomeaExportException>(
            () => scenario.Exporter().ExportAsync(ExportScenario.Tenant, ExportScenario.ItemId, "staff-1", TestContext.Current.CancellationToken));

        Assert.Contains($"Gateway:Xdomea:Tenants:{ExportScenario.Tenant}", error.Message, StringComparison.Ordinal);
        Assert.Null(scenario.Item.FirstFetchedAt);
    }

    [Fact]
    public async Task A_missing_or_altered_file_is_refused()
    {
        var missing = new ExportScenario();
        missing.Blobs.Remove(missing.Item.Files[2].BlobKey);
        var altered = new ExportScenario();
        altered.Blobs.Put(altered.Item.Files[3].BlobKey, [1, 2, 3]);
        var ct = TestContext.Current.CancellationToken;

        var gone = await Assert.ThrowsAsync<XdomeaExportException>(() => missing.Exporter().CreateAsync(missing.Item, ct));
        var changed = await Assert.ThrowsAsync<XdomeaExportException>(() => altered.Exporter().CreateAsync(altered.Item, ct));

        Assert.Contains("File 2 of Postkorb item", gone.Message, StringComparison.Ordinal);
        Assert.Contains("missing from the blob store", gone.Message, StringComparison.Ordinal);
        Assert.Contains("File 3 of Postkorb item", changed.Message, StringComparison.Ordinal);
        Assert.Contains("SHA-256", changed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_message_the_xsds_refuse_is_not_returned_and_the_first_problems_are_named_without_values()
    {
        var scenario = new ExportScenario();
        // Nothing the exporter accepts makes the official XSDs fail, so it is handed a copy of them that is stricter.
        var strict = new XdomeaSchemas(StrictSchemaDirectory());
        var exporter = new XdomeaExporter(scenario.Store, scenario.Blobs, scenario.Catalog, strict, new FixedIdGenerator(ExportScenario.ProzessId),
            Microsoft.Extensions.Options.Options.Create(scenario.Options), scenario.Time);

        var error = await Assert.ThrowsAsync<XdomeaExportException>(() => exporter.CreateAsync(scenario.Item, TestContext.Current.CancellationToken));

        Assert.StartsWith("The Information.Information.0101 message does not match the official xdomea 3.0.0 XSDs", error.Message, StringComparison.Ordinal);
        Assert.Contains("/Kopf/Empfangsbestaetigung", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("false", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(ExportScenario.Vorgangsnummer, error.Message, StringComparison.Ordinal);
    }

    private static async Task<(XdomeaPackage Package, byte[] Xml)> ExportAsync(ExportScenario scenario)
    {
        var package = await scenario.Exporter().CreateAsync(scenario.Item, TestContext.Current.CancellationToken);
        var xml = Message(package);
        package.Content.Position = 0;
        return (package, xml);
    }

    private static byte[] Message(XdomeaPackage package)
    {
        using var zip = new ZipArchive(package.Content, ZipArchiveMode.Read, leaveOpen: true);
        return Read(zip.Entries[0]);
    }

    private static byte[] Read(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    private static XDocument Parse(byte[] xml) => SecureXml.Load(new MemoryStream(xml));

    /// <summary>
    /// A copy of the official schema directory in which Empfangsbestaetigung must be an integer: the exporter's
    /// "false" then fails validation (the schema still compiles), with the value quoted in the validator's message.
    /// </summary>
    private static string StrictSchemaDirectory()
    {
        var root = Directory.CreateTempSubdirectory("xdomea-strict-").FullName;
        var source = Path.Combine(AppContext.BaseDirectory, "schemas", "xoev");
        foreach (var file in Directory.EnumerateFiles(source, "*.xsd", SearchOption.AllDirectories))
        {
            var target = Path.Combine(root, "schemas", "xoev", Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        var baukasten = Path.Combine(root, "schemas", "xoev", "xdomea-3.0.0", "xdomea-Baukasten.xsd");
        var text = File.ReadAllText(baukasten);
        File.WriteAllText(baukasten, text.Replace(
            "name=\"Empfangsbestaetigung\" type=\"xs:boolean\"", "name=\"Empfangsbestaetigung\" type=\"xs:int\"", StringComparison.Ordinal));
        return root;
    }

    /// <summary>The expected bytes. Set EFAGW_UPDATE_GOLDEN=1 to rewrite the file from the actual output (then review the diff).</summary>
    private static byte[] GoldenFile(string name, byte[] actual, [CallerFilePath] string sourceFile = "")
    {
        if (Environment.GetEnvironmentVariable("EFAGW_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllBytes(Path.Combine(Path.GetDirectoryName(sourceFile)!, "golden", name), actual);
            return actual;
        }

        return File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "golden", name));
    }
}
