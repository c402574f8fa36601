using EfaGateway.Core.Processes;

namespace EfaGateway.Core.Tests;

internal static class TestProcesses
{
    public static ProcessDefinition Hundesteuer() => new()
    {
        Id = "hundesteuer",
        Version = "1.0.0",
        Title = new LocalizedText("Hundesteuer anmelden", "Register dog tax"),
        Sections =
        [
            new SectionDefinition
            {
                Id = "halter",
                Title = new LocalizedText("Halterin oder Halter"),
                Elements =
                [
                    new FieldDefinition { Id = "familienname", Label = new LocalizedText("Familienname"), Type = FieldType.Text, Required = true, MaxLength = 10 },
                    new FieldDefinition { Id = "plz", Label = new LocalizedText("Postleitzahl"), Type = FieldType.Text, Required = true, Pattern = "[0-9]{5}" },
                    new FieldDefinition { Id = "geburtsdatum", Label = new LocalizedText("Geburtsdatum"), Type = FieldType.Date },
                    new FieldDefinition { Id = "einwilligung", Label = new LocalizedText("Einwilligung"), Type = FieldType.Bool, Required = true },
                ],
            },
            new SectionDefinition
            {
                Id = "hund",
                Title = new LocalizedText("Hund"),
                Elements =
                [
                    new FieldDefinition { Id = "anzahl", Label = new LocalizedText("Anzahl"), Type = FieldType.NumInt, Min = 1, Max = 5 },
                    new FieldDefinition { Id = "gewicht", Label = new LocalizedText("Gewicht"), Type = FieldType.Num, Max = 100 },
                    new FieldDefinition
                    {
                        Id = "rasse", Label = new LocalizedText("Rasse"), Type = FieldType.Select,
                        Options = [new SelectOption("mischling", new LocalizedText("Mischling")), new SelectOption("dackel", new LocalizedText("Dackel"))],
                    },
                    new FieldDefinition
                    {
                        Id = "nachweis", Label = new LocalizedText("Nachweis"), Type = FieldType.File,
                        MediaTypes = ["application/pdf"], MaxSize = 1000,
                    },
                ],
            },
        ],
    };
}
