using System.Text.Json;
using System.Text.Json.Nodes;
using EfaGateway.Core.Ports;
using EfaGateway.Core.Processes;
using EfaGateway.Core.Submissions;
using EfaGateway.Mappers.Xoev;

namespace EfaGateway.Bench.BenchTable;

/// <summary>
/// The applications the primitives work on: the demo processes as shipped in samples/, filled in the way the load
/// harness and the XBau tests fill them, so the documents are the ones the end-to-end runs produce.
/// </summary>
internal static class PrimitiveInputs
{
    private static readonly DateTimeOffset ReceivedAt = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);

    public static MappingInput DogTax(string root)
    {
        var process = Load(root, "hundesteuer-anmeldung.json");
        var data = new JsonObject
        {
            ["vorname"] = "Erika", ["familienname"] = "Musterfrau-1", ["geburtsdatum"] = "1980-01-01", ["strasse"] = "Lindenallee",
            ["hausnummer"] = "12", ["postleitzahl"] = "99999", ["ort"] = "Schönwetter am Berg", ["hundename"] = "Bello",
            ["rasse"] = "mischling", ["haltungsbeginn"] = "2026-10-01", ["anzahlHunde"] = 1, ["richtigkeit"] = true,
        };
        using var document = JsonDocument.Parse(data.ToJsonString());
        var validation = SubmissionValidator.Validate(process, document.RootElement, []);
        if (!validation.IsValid)
        {
            throw new InvalidOperationException("The demo application no longer passes validation; update PrimitiveInputs and bench/LoadHarness.");
        }

        return Input(process, validation.NormalizedDataJson!, []);
    }

    public static MappingInput Bauantrag(string root)
    {
        var process = Load(root, "bauantrag-vereinfacht.json");
        var data = new JsonObject
        {
            ["bauherr"] = new JsonObject
            {
                ["vorname"] = "Hildegard", ["familienname"] = "Steinmetz", ["strasse"] = "Lindenallee", ["hausnummer"] = "12b",
                ["postleitzahl"] = "99999", ["ort"] = "Schönwetter am Berg",
            },
            ["baugrundstueck"] = new JsonObject
            {
                ["gemarkung"] = "Oberschönwetter", ["flur"] = "4", ["flurstueck"] = "112/3", ["strasse"] = "Am Sonnenhang",
                ["postleitzahl"] = "99999", ["ort"] = "Schönwetter am Berg",
            },
            ["bezeichnung"] = "Neubau eines Einfamilienhauses",
            ["art"] = "errichtung",
            ["entwurfsverfasser"] = new JsonObject { ["vorname"] = "Konrad", ["familienname"] = "Zirkel", ["email"] = "zirkel@architekten.example" },
            ["richtigkeit"] = true,
        };
        Attachment plans = new(Guid.CreateVersion7(ReceivedAt), "bauvorlagen", "lageplan.pdf", "application/pdf", 1_482_113,
            "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae", "blobs/attachments/bench");
        return Input(process, data.ToJsonString(), [plans]);
    }

    /// <summary>The header values the host's appsettings.json gives the demo tenant.</summary>
    public static XoevOptions XoevOptions() => new()
    {
        Produkt = "EfaGateway",
        Produkthersteller = "EfaGateway-Projekt",
        Produktversion = "bench",
        Tenants =
        {
            ["schoenwetter-am-berg"] = new XoevTenantOptions
            {
                Test = true,
                Autor = new XoevAuthorityOptions
                {
                    Verzeichnisdienst = "DVDV", VerzeichnisdienstListVersionId = "1", Kennung = "psw:09999001",
                    Name = "Gemeinde Schönwetter am Berg, Online-Dienste",
                },
                Leser = new XoevAuthorityOptions
                {
                    Verzeichnisdienst = "DVDV", VerzeichnisdienstListVersionId = "1", Kennung = "bau:09999000",
                    Name = "Gemeinde Schönwetter am Berg, Bauaufsicht",
                },
            },
        },
    };

    private static ProcessDefinition Load(string root, string file)
    {
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(root, "samples", "processes", file)))!.AsObject();
        json.Remove("$schema");
        return ProcessDefinitionJson.Parse(json.ToJsonString());
    }

    private static MappingInput Input(ProcessDefinition process, string dataJson, IReadOnlyList<Attachment> attachments) => new(
        new TenantProcess
        {
            TenantId = "schoenwetter-am-berg",
            TenantName = "Schönwetter am Berg",
            Process = process,
            Routes = [new RouteDefinition { TransportId = "postkorb", MapperIds = ["pdf"] }],
        },
        new Submission(Guid.CreateVersion7(ReceivedAt), "2026-BNCH-0001", "schoenwetter-am-berg", process.Id, process.Version, dataJson, ReceivedAt, attachments));
}
