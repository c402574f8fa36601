using System.Text.Json.Nodes;

namespace EfaGateway.Bench.BenchTable;

/// <summary>
/// The remote ends of the conformance kit, started with their <c>serve</c> commands, and the route files (as an
/// operator writes them for <c>route set</c>) that point the demo process at them.
/// </summary>
internal static class Fakes
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    /// <summary>The FIT-Connect fake with its reference subscriber accepting every second.</summary>
    public static async Task<(ChildProcess Fake, string RoutesFile)> StartFitConnectAsync(RunFolder run)
    {
        var dll = run.Built(Path.Combine("conformance-tests", "FitConnect"), "EfaGateway.Conformance.FitConnect");
        var state = Directory.CreateDirectory(run.Path("fit-connect-fake")).FullName;
        var fake = ChildProcess.Start("dotnet", [dll, "serve", "--port", RunFolder.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--state-dir", state, "--subscriber-interval", "1"], Path.Combine(state, "fake.log"));
        var described = JsonNode.Parse(await fake.FirstJsonBlockAsync(StartTimeout))!;
        var service = described["services"]![0]!;
        var routes = Routes("fit-connect", ["fim-json", "pdf"], new JsonObject
        {
            ["environment"] = "test",
            ["tokenUrl"] = (string)described["tokenUrl"]!,
            ["submissionApiUrl"] = (string)described["submissionApiBaseUrl"]!,
            ["clientId"] = (string)described["sender"]!["clientId"]!,
            ["clientSecret"] = (string)described["sender"]!["clientSecret"]!,
            ["destinationId"] = (string)described["destinationId"]!,
            ["trustAnchors"] = new JsonArray(File.ReadAllText((string)described["trustAnchorPem"]!)),
            ["checkRevocation"] = true,
            // The demo destination offers one service and schema; the demo process is sent as that one.
            ["leikaKey"] = LeikaKey((string)service["identifier"]!),
            ["submissionSchema"] = new JsonObject
            {
                ["schemaUri"] = (string)service["submissionSchemas"]![0]!["schemaUri"]!,
                ["mimeType"] = (string)service["submissionSchemas"]![0]!["mimeType"]!,
            },
        });
        return (fake, Write(run, "fit-connect-routes.json", routes));
    }

    /// <summary>The XTA fake (mutual TLS); its transport reports are green at once, so the receipt poll confirms.</summary>
    public static async Task<(ChildProcess Fake, string RoutesFile)> StartXtaAsync(RunFolder run)
    {
        var dll = run.Built(Path.Combine("conformance-tests", "Xta"), "EfaGateway.Conformance.Xta");
        var folder = Directory.CreateDirectory(run.Path("xta-fake")).FullName;
        var fake = ChildProcess.Start("dotnet", [dll, "serve", "--port", RunFolder.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--out", folder], Path.Combine(folder, "fake.log"));
        var described = JsonNode.Parse(await fake.FirstJsonBlockAsync(StartTimeout))!;
        var reader = described["readers"]![0]!;
        var routes = Routes("xta", ["canonical-xml", "pdf"], new JsonObject
        {
            ["managementUrl"] = (string)described["managementPortUrl"]!,
            ["sendUrl"] = (string)described["sendXtaPortUrl"]!,
            ["clientCertificate"] = Convert.ToBase64String(File.ReadAllBytes((string)described["clientCertificatePkcs12"]!)),
            ["clientCertificatePassword"] = (string)described["clientCertificatePassword"]!,
            ["serverTrustAnchors"] = new JsonArray(File.ReadAllText((string)described["trustAnchorPem"]!)),
            ["author"] = new JsonObject { ["identifier"] = (string)described["author"]!["value"]!, ["type"] = (string)described["author"]!["type"]! },
            ["reader"] = new JsonObject { ["identifier"] = (string)reader["value"]!, ["type"] = (string)reader["type"]! },
            ["service"] = (string)reader["services"]![0]!,
            ["undefinedBusinessScenario"] = "Hundesteuer-Anmeldung",
            ["messageType"] = new JsonObject
            {
                ["code"] = "efagw-antrag", ["listUri"] = "urn:de:efagw:codeliste:nachrichten", ["listVersionId"] = "1.0",
                ["payloadSchema"] = "urn:de:efagw:canonical-application",
            },
        });
        return (fake, Write(run, "xta-routes.json", routes));
    }

    private static JsonObject Routes(string transport, string[] mappers, JsonObject settings) => new()
    {
        ["routes"] = new JsonArray(new JsonObject
        {
            ["transport"] = transport,
            ["mappers"] = new JsonArray([.. mappers.Select(m => JsonValue.Create(m))]),
            ["settings"] = settings,
        }),
    };

    /// <summary><c>urn:de:fim:leika:leistung:99108008000000</c> → <c>99108008000000</c>.</summary>
    private static string LeikaKey(string identifier) => identifier[(identifier.LastIndexOf(':') + 1)..];

    private static string Write(RunFolder run, string name, JsonObject content)
    {
        var path = run.Path(name);
        File.WriteAllText(path, content.ToJsonString());
        return path;
    }
}
