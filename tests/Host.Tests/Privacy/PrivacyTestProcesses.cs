using EfaGateway.Core.Processes;

namespace EfaGateway.Host.Tests.Privacy;

/// <summary>Process definitions for the privacy documentation tests, including one an attacker might have written.</summary>
internal static class PrivacyTestProcesses
{
    public const string HostileLabel = "<script>alert('x')</script> & \"Name\"";

    public static string Json(string id, string title) => $$"""
        {
          "id": "{{id}}",
          "version": "1.0.0",
          "title": { "de": "{{title}}" },
          "sections": [
            { "id": "a", "title": { "de": "Angaben" }, "fields": [ { "id": "name", "label": { "de": "Name" }, "type": "text", "required": true } ] }
          ]
        }
        """;

    /// <summary>Groups (one optional and repeating), a condition, a file field, a static text and hostile labels.</summary>
    public static TenantProcess Hostile() => new()
    {
        TenantId = "muster",
        TenantName = "Musterstadt <b>Amt</b>",
        Routes = [new RouteDefinition { TransportId = "postkorb", MapperIds = ["pdf"] }],
        PostkorbRetentionDays = 60,
        Process = new ProcessDefinition
        {
            Id = "hostile",
            Version = "1.0.0",
            Title = new LocalizedText("Antrag </title><script>alert(1)</script>"),
            LeikaKey = "99108008000000",
            Sections =
            [
                new SectionDefinition
                {
                    Id = "s1",
                    Title = new LocalizedText("Abschnitt <img src=x onerror=alert(1)>"),
                    Elements =
                    [
                        new FieldDefinition { Id = "hinweis", Label = new LocalizedText("Nur ein Hinweistext"), Type = FieldType.Label },
                        new FieldDefinition { Id = "boese", Label = new LocalizedText(HostileLabel), Type = FieldType.Text, Required = true },
                        new FieldDefinition
                        {
                            Id = "art",
                            Label = new LocalizedText("Art"),
                            Type = FieldType.Select,
                            Options = [new SelectOption("a", new LocalizedText("Erste")), new SelectOption("b", new LocalizedText("Zweite"))],
                        },
                        new FieldDefinition
                        {
                            Id = "grund",
                            Label = new LocalizedText("Grund"),
                            Type = FieldType.Text,
                            VisibleIf = new Condition { Field = "art", EqualsValue = "b" },
                        },
                        new GroupDefinition
                        {
                            Id = "kinder",
                            Label = new LocalizedText("Kinder"),
                            MinOccurs = 0,
                            MaxOccurs = 5,
                            Elements = [new FieldDefinition { Id = "vorname", Label = new LocalizedText("Vorname des Kindes"), Type = FieldType.Text, Required = true }],
                        },
                        new FieldDefinition
                        {
                            Id = "nachweis",
                            Label = new LocalizedText("Nachweis"),
                            Type = FieldType.File,
                            MediaTypes = ["application/pdf", "image/png"],
                            MaxSize = 10 * 1024 * 1024,
                        },
                    ],
                },
            ],
        },
    };
}
