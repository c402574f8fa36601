using System.Text.Json.Nodes;
using EfaGateway.Core.Ports;
using EfaGateway.Core.Processes;
using EfaGateway.Core.Submissions;

namespace EfaGateway.Mappers.Tests.Support;

/// <summary>
/// A realistic process (dog tax registration) with every field type, a select with options and a file field, and a
/// fixed submission of it: fixed ids and time, so documents rendered from it are reproducible.
/// </summary>
internal static class SampleApplication
{
    public const string Vorgangsnummer = "2026-7K3M-Q9TX";

    public static readonly DateTimeOffset ReceivedAt = new(2026, 11, 26, 10, 0, 0, TimeSpan.Zero);

    public static readonly Guid SubmissionId = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");

    public static readonly Guid AttachmentId = Guid.Parse("7c9e6679-7425-40de-944b-e07fc1f90ae7");

    public static ProcessDefinition Process { get; } = new()
    {
        Id = "hundesteuer-anmeldung",
        Version = "1.2",
        Title = new LocalizedText("Anmeldung zur Hundesteuer", "Dog tax registration"),
        LeikaKey = "99108008000000",
        Sections =
        [
            new SectionDefinition
            {
                Id = "halter",
                Title = new LocalizedText("Halterin oder Halter"),
                Elements =
                [
                    new FieldDefinition
                    {
                        Id = "anrede", Label = new LocalizedText("Anrede"), Type = FieldType.Select,
                        Options =
                        [
                            new SelectOption("frau", new LocalizedText("Frau")),
                            new SelectOption("herr", new LocalizedText("Herr")),
                            new SelectOption("divers", new LocalizedText("Divers / keine Angabe")),
                        ],
                    },
                    new FieldDefinition { Id = "name", Label = new LocalizedText("Vor- und Nachname"), Type = FieldType.Text, Required = true },
                    new FieldDefinition { Id = "geburtsdatum", Label = new LocalizedText("Geburtsdatum"), Type = FieldType.Date },
                    new FieldDefinition { Id = "anschrift", Label = new LocalizedText("Straße und Hausnummer"), Type = FieldType.Text },
                    new FieldDefinition { Id = "telefon", Label = new LocalizedText("Telefon (freiwillig)"), Type = FieldType.Text },
                ],
            },
            new SectionDefinition
            {
                Id = "hund",
                Title = new LocalizedText("Angaben zum Hund"),
                Elements =
                [
                    new FieldDefinition { Id = "rasse", Label = new LocalizedText("Rasse"), Type = FieldType.Text },
                    new FieldDefinition { Id = "anzahl", Label = new LocalizedText("Anzahl der Hunde im Haushalt"), Type = FieldType.NumInt },
                    new FieldDefinition { Id = "gewicht", Label = new LocalizedText("Gewicht in kg"), Type = FieldType.Num },
                    new FieldDefinition { Id = "listenhund", Label = new LocalizedText("Gefährlicher Hund (Listenhund)"), Type = FieldType.Bool },
                    new FieldDefinition { Id = "haltungsbeginn", Label = new LocalizedText("Beginn der Haltung"), Type = FieldType.Date },
                    new FieldDefinition { Id = "futterkosten", Label = new LocalizedText("Futterkosten pro Jahr in Euro"), Type = FieldType.Num },
                ],
            },
            new SectionDefinition
            {
                Id = "nachweise",
                Title = new LocalizedText("Nachweise"),
                Elements =
                [
                    new FieldDefinition
                    {
                        Id = "impfpass", Label = new LocalizedText("Impfpass (PDF)"), Type = FieldType.File, MediaTypes = ["application/pdf"],
                    },
                    new FieldDefinition { Id = "versicherung", Label = new LocalizedText("Haftpflichtnachweis"), Type = FieldType.File },
                ],
            },
            new SectionDefinition
            {
                Id = "abschluss",
                Title = new LocalizedText("Abschluss"),
                Elements =
                [
                    new FieldDefinition { Id = "bemerkung", Label = new LocalizedText("Bemerkungen"), Type = FieldType.Text },
                    new FieldDefinition { Id = "einwilligung", Label = new LocalizedText("Ich versichere die Richtigkeit meiner Angaben."), Type = FieldType.Bool, Required = true },
                ],
            },
        ],
    };

    /// <summary>The data as intake stores it: normalized JSON keyed by field id. Left out: telefon, bemerkung.</summary>
    public static JsonObject Data() => new()
    {
        ["anrede"] = "herr",
        ["name"] = "Jürgen Groß-Äußerle",
        ["geburtsdatum"] = "1975-03-09",
        ["anschrift"] = "Müllerstraße 5 & 7, <Hinterhaus> \"links\"",
        ["rasse"] = "Dackel",
        ["anzahl"] = 2,
        ["gewicht"] = 9.5m,
        ["listenhund"] = false,
        ["haltungsbeginn"] = "2026-10-01",
        ["futterkosten"] = 12345.5m,
        ["einwilligung"] = true,
    };

    public static TenantProcess TenantProcess(ProcessDefinition? process = null) => new()
    {
        TenantId = "musterstadt",
        TenantName = "Stadt Musterstadt – Bürgerbüro",
        Process = process ?? Process,
        Routes = [new RouteDefinition { TransportId = "postkorb", MapperIds = ["canonical-xml", "pdf"] }],
    };

    public static Submission Submission(JsonObject? data = null, string vorgangsnummer = Vorgangsnummer, IEnumerable<Attachment>? attachments = null) => new(
        SubmissionId,
        vorgangsnummer,
        "musterstadt",
        Process.Id,
        Process.Version,
        (data ?? Data()).ToJsonString(),
        ReceivedAt,
        attachments ?? [Impfpass()]);

    public static Attachment Impfpass() => new(
        AttachmentId, "impfpass", "Impfpass Müller.pdf", "application/pdf", 251_699,
        "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "blobs/attachments/7c9e6679");

    public static MappingInput Input(Submission? submission = null, ProcessDefinition? process = null) =>
        new(TenantProcess(process), submission ?? Submission());

    /// <summary>A process with many text fields, for page-break tests.</summary>
    public static (MappingInput Input, IReadOnlyList<(string Label, string Value)> Fields) Large(int fieldCount)
    {
        var fields = new List<FieldDefinition>();
        var data = new JsonObject();
        var expected = new List<(string, string)>();
        for (var i = 1; i <= fieldCount; i++)
        {
            var id = $"feld{i:D3}";
            var label = $"Angabe Nummer {i} über Größe";
            var value = $"Wert {i} äöü";
            fields.Add(new FieldDefinition { Id = id, Label = new LocalizedText(label), Type = FieldType.Text });
            data[id] = value;
            expected.Add((label, value));
        }

        var process = Process with
        {
            Sections =
            [
                new SectionDefinition { Id = "teil1", Title = new LocalizedText("Teil 1"), Elements = fields[..(fieldCount / 2)] },
                new SectionDefinition { Id = "teil2", Title = new LocalizedText("Teil 2"), Elements = fields[(fieldCount / 2)..] },
            ],
        };
        var submission = new Submission(SubmissionId, Vorgangsnummer, "musterstadt", process.Id, process.Version,
            data.ToJsonString(), ReceivedAt, []);
        return (new MappingInput(TenantProcess(process), submission), expected);
    }
}
