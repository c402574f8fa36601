using System.Text.Json.Nodes;
using EfaGateway.Core.Ports;
using EfaGateway.Core.Processes;
using EfaGateway.Core.Submissions;
using EfaGateway.Mappers.CanonicalXml;
using EfaGateway.Mappers.Xoev;
using EfaGateway.XoevSchemas;
using Microsoft.Extensions.Options;

namespace EfaGateway.Mappers.Tests.Xoev;

/// <summary>
/// The demo process "Bauantrag (vereinfachtes Verfahren)" as shipped in samples/processes, a fixed submission of it
/// (fixed ids and time) and a fixed XÖV configuration, so messages rendered from them are reproducible.
/// </summary>
internal static class BauantragApplication
{
    public const string Tenant = "schoenwetter-am-berg";

    public static readonly Guid SubmissionId = Guid.Parse("3f2504e0-4f89-41d3-9a0c-0305e82c3301");

    public static readonly Guid AttachmentId = Guid.Parse("6fa459ea-ee8a-4ca4-894e-db77e160355e");

    public static readonly DateTimeOffset ReceivedAt = new(2026, 11, 26, 10, 15, 30, 123, TimeSpan.Zero);

    /// <summary>One schema cache for all tests, as in the host (compiling the XBau XSDs takes a moment).</summary>
    public static readonly XoevSchemaSets Schemas = new();

    public static ProcessDefinition Process { get; } = ProcessDefinitionJson.Parse(
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Xoev", "bauantrag-vereinfacht.json")));

    public static JsonObject Data() => new()
    {
        ["bauherr"] = new JsonObject
        {
            ["vorname"] = "Hildegard",
            ["familienname"] = "Steinmetz-Öztürk",
            ["strasse"] = "Lindenallee",
            ["hausnummer"] = "12b",
            ["postleitzahl"] = "99999",
            ["ort"] = "Schönwetter am Berg",
            ["email"] = "h.steinmetz@example.org",
        },
        ["baugrundstueck"] = new JsonObject
        {
            ["gemarkung"] = "Oberschönwetter",
            ["flur"] = "4",
            ["flurstueck"] = "112/3",
            ["strasse"] = "Am Sonnenhang",
            ["postleitzahl"] = "99999",
            ["ort"] = "Schönwetter am Berg",
        },
        ["bezeichnung"] = "Neubau eines Einfamilienhauses mit Carport",
        ["art"] = "errichtung",
        ["entwurfsverfasser"] = new JsonObject
        {
            ["vorname"] = "Konrad",
            ["familienname"] = "Zirkel",
            ["email"] = "zirkel@architekten.example",
        },
        ["richtigkeit"] = true,
    };

    public static Attachment Bauvorlagen() => new(
        AttachmentId, "bauvorlagen", "Bauvorlagen Lindenallee.pdf", "application/pdf", 1_482_113,
        "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae", "blobs/attachments/6fa459ea");

    public static Submission Submission(JsonObject? data = null, Guid? id = null) => new(
        id ?? SubmissionId, "2026-B4UA-NT7R", Tenant, Process.Id, Process.Version, (data ?? Data()).ToJsonString(), ReceivedAt, [Bauvorlagen()]);

    public static MappingInput Input(Submission? submission = null, ProcessDefinition? process = null, string tenant = Tenant) => new(
        new TenantProcess
        {
            TenantId = tenant,
            TenantName = "Gemeinde Schönwetter am Berg",
            Process = process ?? Process,
            Routes = [new RouteDefinition { TransportId = "postkorb", MapperIds = ["pdf", "xbau-2.6"] }],
        },
        submission ?? Submission());

    public static XoevOptions Options() => new()
    {
        Produkt = "EfaGateway",
        Produkthersteller = "EfaGateway-Projekt",
        Produktversion = "1.0.0",
        Tenants =
        {
            [Tenant] = new XoevTenantOptions
            {
                Autor = new XoevAuthorityOptions
                {
                    Verzeichnisdienst = "DVDV", VerzeichnisdienstListVersionId = "1", Kennung = "psw:09999001",
                    Name = "Gemeinde Schönwetter am Berg, Online-Dienste",
                },
                Leser = new XoevAuthorityOptions
                {
                    Verzeichnisdienst = "DVDV", VerzeichnisdienstListVersionId = "1", Kennung = "bau:09999000",
                    Name = "Landratsamt Musterkreis, Untere Bauaufsichtsbehörde",
                },
                Test = true,
            },
        },
    };

    public static XoevMapper Mapper(XoevOptions? options = null) => new(
        XoevStandards.XBau26, new CanonicalXmlMapper(SchemaCatalog.CreateDefault()), Schemas, Microsoft.Extensions.Options.Options.Create(options ?? Options()));
}
