using System.Text.Json;
using EfaGateway.Core.Processes;

namespace EfaGateway.Host.Privacy;

/// <summary>
/// Where the applications of a process go: each route with its transport, the formats it carries and the few settings
/// that name the recipient. Settings are read from an allow-list per transport — never the settings object as a
/// whole — so client secrets, certificates and passwords cannot reach a document whatever a route holds.
/// </summary>
internal static class RouteInventory
{
    public const string Postkorb = "postkorb";
    public const string FitConnect = "fit-connect";
    public const string Xta = "xta";
    public const string XtaMailbox = "xta-mailbox";

    public static readonly IReadOnlyList<string> Headers = ["Übermittlungsweg", "Empfänger", "Übermittelte Formate", "Kennungen des Empfängers", "Ersatzweg"];

    /// <summary>Every transport the process may use, routes and fallbacks alike.</summary>
    public static IReadOnlySet<string> Transports(TenantProcess tenantProcess) =>
        tenantProcess.Routes.SelectMany(r => r.FallbackTransportId is { } fallback ? [r.TransportId, fallback] : new[] { r.TransportId })
            .ToHashSet(StringComparer.Ordinal);

    public static PrivacyTable Table(TenantProcess tenantProcess) => new(
        "Übermittlungswege und Empfänger",
        Headers,
        [.. tenantProcess.Routes.Select(route => (IReadOnlyList<string>)
        [
            TransportName(route.TransportId),
            Recipient(route.TransportId, tenantProcess.TenantName),
            string.Join("; ", route.MapperIds.Select(m => FormatName(m, tenantProcess.Process))),
            Identifiers(route),
            route.FallbackTransportId is { } fallback
                ? $"{TransportName(fallback)}, wenn die Zustellung endgültig scheitert"
                : "keiner",
        ])]);

    public static string TransportName(string transportId) => transportId switch
    {
        Postkorb => "Postkorb des Online-Dienstes",
        FitConnect => "FIT-Connect",
        Xta => "XTA 2 (OSCI)",
        XtaMailbox => "XTA-Postfach des Online-Dienstes",
        _ => $"Übermittlungsweg „{transportId}“",
    };

    private static string Recipient(string transportId, string tenantName) => transportId switch
    {
        Postkorb => $"zuständige Beschäftigte von {tenantName} (Abruf im Postkorb, Berechtigung je Leistung)",
        FitConnect => $"Fachverfahren von {tenantName} über den FIT-Connect-Zustelldienst (Ende-zu-Ende-verschlüsselt)",
        Xta => $"Fachverfahren von {tenantName} über den XTA-Server / OSCI-Intermediär",
        XtaMailbox => $"Fachverfahren von {tenantName}, das die Nachricht beim Online-Dienst abholt",
        _ => $"{tenantName} ({PrivacyText.Placeholder})",
    };

    private static string FormatName(string mapperId, ProcessDefinition process) => mapperId switch
    {
        "pdf" => "PDF-Zusammenfassung des Antrags",
        "canonical-xml" => "XML (Antragsdaten im Format des Online-Dienstes)",
        "fim-json" => "JSON nach dem FIM-Stammdatenschema",
        _ when process.Xoev is { } xoev => $"XÖV-Nachricht {xoev.Standard} {xoev.Version}, Nachrichtentyp {xoev.Nachrichtentyp.Code} ({mapperId})",
        _ => $"Format „{mapperId}“",
    } + " sowie die hochgeladenen Dateien";

    // Only these settings say who receives; everything else (secrets, certificates, proxies) stays out.
    private static string Identifiers(RouteDefinition route)
    {
        if (route.Settings is not { ValueKind: JsonValueKind.Object } settings)
        {
            return "—";
        }

        var found = new List<string>();
        switch (route.TransportId)
        {
            case FitConnect:
                Add(found, "Zustellpunkt (Destination-ID)", Text(settings, "destinationId"));
                Add(found, "Zustelldienst", Text(settings, "submissionApiUrl"));
                Add(found, "Umgebung", Text(settings, "environment"));
                break;
            case Xta:
                Add(found, "Leser", Party(settings, "reader"));
                Add(found, "XTA-Server", Text(settings, "sendUrl"));
                break;
            case XtaMailbox:
                Add(found, "Leser", Party(settings, "reader"));
                break;
        }

        return found.Count == 0 ? "—" : string.Join("; ", found);
    }

    private static void Add(List<string> found, string name, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            found.Add($"{name}: {value}");
        }
    }

    private static string? Text(JsonElement settings, string name) =>
        settings.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string? Party(JsonElement settings, string name)
    {
        if (!settings.TryGetProperty(name, out var party) || party.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var identifier = Text(party, "identifier");
        return Text(party, "name") is { } partyName ? $"{partyName} ({identifier})" : identifier;
    }
}
