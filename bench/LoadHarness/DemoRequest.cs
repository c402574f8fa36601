using System.Globalization;
using System.Text.Json.Nodes;

namespace EfaGateway.Bench.LoadHarness;

/// <summary>A valid application for the demo process; values vary per request so nothing is cached by accident.</summary>
internal static class DemoRequest
{
    public static JsonObject Create(int i) => new()
    {
        ["data"] = new JsonObject
        {
            ["vorname"] = "Erika",
            ["familienname"] = "Musterfrau-" + i.ToString(CultureInfo.InvariantCulture),
            ["geburtsdatum"] = "1980-01-01",
            ["strasse"] = "Lindenallee",
            ["hausnummer"] = (i % 200 + 1).ToString(CultureInfo.InvariantCulture),
            ["postleitzahl"] = "99999",
            ["ort"] = "Schönwetter am Berg",
            ["hundename"] = "Bello",
            ["rasse"] = "mischling",
            ["haltungsbeginn"] = "2026-10-01",
            ["anzahlHunde"] = 1,
            ["richtigkeit"] = true,
        },
    };
}
