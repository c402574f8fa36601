using System.Globalization;
using EfaGateway.Core.Drafts;
using EfaGateway.Core.Processes;
using EfaGateway.Host.Forms;

namespace EfaGateway.Host.Privacy;

/// <summary>
/// Builds the data-protection documentation of a tenant's process from its configuration, in the order of
/// Art. 30 (1) GDPR, followed by a draft privacy statement (Art. 13 GDPR). Pure: the same configuration and date
/// give the same document. Periods come from the code and the stored configuration, so the document follows them.
/// </summary>
public static class PrivacyDocumentBuilder
{
    public static PrivacyDocument Build(TenantProcess tenantProcess, ResolvedPrivacy privacy, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(tenantProcess);
        ArgumentNullException.ThrowIfNull(privacy);
        var process = tenantProcess.Process;
        var tenant = tenantProcess.TenantName;
        var transports = RouteInventory.Transports(tenantProcess);
        var controller = privacy.Controller ?? new PrivacyParty { Name = tenant };
        var blocks = new List<PrivacyBlock>
        {
            new PrivacyParagraph(
                $"Erzeugt am {asOf.ToString("dd'.'MM'.'yyyy", CultureInfo.InvariantCulture)} aus der Konfiguration der Leistung „{process.Title.De}“ " +
                $"(Kennung {process.Id}, Version {process.Version}) für {tenant}. Dieses Dokument ist ein Entwurf: {tenant} prüft es, ergänzt die mit " +
                $"„{PrivacyText.Placeholder}“ markierten Stellen und übernimmt es in das Verzeichnis von Verarbeitungstätigkeiten " +
                "(Art. 30 DSGVO) und in die Datenschutzerklärung (Art. 13 DSGVO). Ändert sich die Konfiguration, ist es neu zu erzeugen."),
            new PrivacyHeading(2, "1. Verantwortlicher und Datenschutzbeauftragte"),
            new PrivacyTable("Verantwortlicher und Kontakt", ["Rolle", "Name, Anschrift, Kontakt"],
            [
                ["Verantwortlicher (Art. 4 Nr. 7 DSGVO)", PrivacyText.Describe(controller)],
                ["Datenschutzbeauftragte oder Datenschutzbeauftragter", PrivacyText.Describe(privacy.DataProtectionOfficer)],
            ]),
            new PrivacyHeading(2, "2. Zwecke der Verarbeitung und Rechtsgrundlage"),
            new PrivacyList(Purposes(tenantProcess, privacy)),
            new PrivacyHeading(2, "3. Kategorien betroffener Personen"),
            new PrivacyParagraph(
                "Antragstellende (Bürgerinnen und Bürger, Unternehmen und deren Vertretungen) sowie weitere Personen, deren Angaben im " +
                $"Antrag gemacht werden, in den Abschnitten: {string.Join(", ", process.Sections.Select(s => $"„{s.Title.De}“"))}. " +
                $"Ergänzungen von {tenant}: {PrivacyText.Placeholder}"),
            new PrivacyHeading(2, "4. Kategorien personenbezogener Daten"),
            new PrivacyParagraph(
                "Das Formular erhebt die folgenden Angaben, je Abschnitt in der Reihenfolge des Formulars. „Nur wenn …“ heißt: Die Angabe " +
                "wird nur erfragt und gespeichert, wenn die genannte Bedingung zutrifft. Ob besondere Kategorien personenbezogener Daten " +
                $"(Art. 9 DSGVO) darunter sind, prüft {tenant}: {PrivacyText.Placeholder}"),
        };
        blocks.AddRange(FieldInventory.Tables(process));
        blocks.Add(new PrivacyParagraph(
            "Technisch notwendig verarbeitet der Online-Dienst außerdem: ein Sitzungs-Cookie für das laufende Formular, ein Cookie zum Schutz " +
            "vor untergeschobenen Formularsendungen und ein Cookie für die gewählte Sprache. Die IP-Adresse wird nur kurzzeitig im " +
            "Arbeitsspeicher genutzt, um Anfragen je Absender zu begrenzen, und nicht protokolliert. Protokolle des Online-Dienstes enthalten " +
            "keine Formularinhalte, Namen, PINs oder Schlüssel."));

        blocks.Add(new PrivacyHeading(2, "5. Empfänger"));
        blocks.Add(new PrivacyParagraph(
            $"Der Online-Dienst übermittelt jeden Antrag an die zuständige Stelle von {tenant} auf den folgenden Wegen. Der Inhalt wird " +
            "weder an andere Stellen weitergegeben noch für andere Zwecke ausgewertet."));
        blocks.Add(RouteInventory.Table(tenantProcess));
        blocks.Add(new PrivacyHeading(2, "6. Auftragsverarbeiter"));
        blocks.Add(Processors(privacy, transports));
        blocks.Add(new PrivacyParagraph($"Weitere Auftragsverarbeiter (z. B. Rechenzentrum, Datensicherung): {PrivacyText.Placeholder}"));
        blocks.Add(new PrivacyHeading(2, "7. Übermittlung in Drittländer oder an internationale Organisationen"));
        blocks.Add(new PrivacyParagraph(
            "Keine. Der Online-Dienst übermittelt keine Daten in Drittländer oder an internationale Organisationen; er ist für den Betrieb in " +
            "Deutschland vorgesehen und bindet keine Dienste außerhalb der Europäischen Union ein. Der Betreiber bestätigt den Standort " +
            $"seiner Rechenzentren: {PrivacyText.Placeholder}"));
        blocks.Add(new PrivacyHeading(2, "8. Löschfristen"));
        blocks.Add(Retention(tenantProcess, transports));
        blocks.Add(new PrivacyHeading(2, "9. Technische und organisatorische Maßnahmen (Art. 32 DSGVO)"));
        blocks.Add(new PrivacyList(Measures(transports)));
        blocks.AddRange(PrivacyStatementDraft.Blocks(tenantProcess, privacy, controller, transports));
        return new PrivacyDocument($"Datenschutzdokumentation: {process.Title.De}", tenant, process.Title.De, asOf, blocks);
    }

    private static List<string> Purposes(TenantProcess tenantProcess, ResolvedPrivacy privacy)
    {
        var process = tenantProcess.Process;
        var purposes = new List<string>
        {
            $"Entgegennahme, Prüfung und Bearbeitung des Antrags „{process.Title.De}“ durch {tenantProcess.TenantName}, einschließlich der " +
            "Übermittlung an die zuständige Stelle und der Bestätigung des Eingangs an die Antragstellenden.",
        };
        if (process.LeikaKey is { } leika)
        {
            purposes.Add($"Leistung nach dem Leistungskatalog (LeiKa): Leistungsschlüssel {leika}.");
        }

        if (process.Fim is { } fim)
        {
            purposes.Add($"Datenfelder nach dem FIM-Stammdatenschema {fim.SchemaId}, Version {fim.Version}.");
        }

        if (process.Xoev is { } xoev)
        {
            purposes.Add($"Übermittlung als XÖV-Nachricht nach {xoev.Standard} {xoev.Version}.");
        }

        purposes.Add($"Weitere Zwecke: {PrivacyText.OrPlaceholder(privacy.Purpose)}");
        purposes.Add($"Rechtsgrundlage: {PrivacyText.OrPlaceholder(privacy.LegalBasis)}" +
            (privacy.LegalBasis is null ? " (z. B. Art. 6 Abs. 1 lit. e DSGVO in Verbindung mit der Vorschrift, die die Leistung regelt)" : string.Empty));
        return purposes;
    }

    private static PrivacyTable Processors(ResolvedPrivacy privacy, IReadOnlySet<string> transports)
    {
        var rows = new List<IReadOnlyList<string>>
        {
            new[] { "Betreiber des Online-Dienstes", PrivacyText.Describe(privacy.Operator),
                "Betrieb des Online-Dienstes: Formulare, Zwischenspeicherung, Umwandlung in die Übermittlungsformate, Zustellung" +
                (transports.Contains(RouteInventory.Postkorb) ? ", Postkorb" : string.Empty) },
            new[] { "E-Mail-Versand", PrivacyText.Describe(privacy.MailRelay),
                "Versand der E-Mails mit dem Link zum Fortsetzen zwischengespeicherter Anträge (auf Wunsch der Antragstellenden)" },
        };
        if (transports.Contains(RouteInventory.FitConnect))
        {
            rows.Add(["Betreiber des FIT-Connect-Zustelldienstes", PrivacyText.Describe(privacy.FitConnectProcessor),
                "Vermittlung der Ende-zu-Ende-verschlüsselten Anträge an das Fachverfahren; der Zustelldienst kann den Inhalt nicht lesen"]);
        }

        if (transports.Contains(RouteInventory.Xta))
        {
            rows.Add(["Betreiber des XTA-Servers / OSCI-Intermediärs", PrivacyText.Describe(privacy.XtaIntermediary),
                "Transport der Nachrichten an das Fachverfahren"]);
        }

        return new PrivacyTable("Auftragsverarbeiter (Art. 28 DSGVO)", ["Rolle", "Name, Anschrift, Kontakt", "Tätigkeit"], rows);
    }

    private static PrivacyTable Retention(TenantProcess tenantProcess, IReadOnlySet<string> transports)
    {
        var tenant = tenantProcess.TenantName;
        var rows = new List<IReadOnlyList<string>>
        {
            new[] { "Eingaben während des Ausfüllens (nicht zwischengespeichert)",
                $"{Hours(FormSessionLifetime)} Stunden nach Beginn der Sitzung gelöscht, wenn der Antrag nicht abgesendet wurde" },
            new[] { "Zwischengespeicherte Anträge",
                $"{Days(Draft.Lifetime)} Tage nach dem Speichern unwiderruflich gelöscht; die Antragstellenden werden beim Speichern darauf " +
                $"hingewiesen. {tenant} erfährt von nicht abgesendeten Anträgen nichts." },
        };
        if (transports.Contains(RouteInventory.Postkorb))
        {
            rows.Add(["Anträge im Postkorb (Antragsdaten, PDF, Anlagen)",
                $"{tenantProcess.PostkorbRetentionDays.ToString(CultureInfo.InvariantCulture)} Tage nach der Bereitstellung im Postkorb gelöscht – " +
                "auch wenn sie nicht abgerufen wurden"]);
        }

        var interfaces = new[] { RouteInventory.FitConnect, RouteInventory.Xta }.Where(transports.Contains).Select(RouteInventory.TransportName).ToList();
        if (interfaces.Count > 0)
        {
            rows.Add([$"Anträge, die über {string.Join(" oder ", interfaces)} übermittelt werden",
                "im Online-Dienst unmittelbar gelöscht, sobald die Übermittlung bestätigt ist"]);
        }

        if (transports.Contains(RouteInventory.XtaMailbox))
        {
            rows.Add(["Anträge im XTA-Postfach des Online-Dienstes",
                "unmittelbar gelöscht, sobald das Fachverfahren die Nachricht abgeholt und den Abruf bestätigt hat"]);
        }

        rows.Add(["Zustellnachweise (Kennungen, Zeitpunkte, Prüfsummen; ohne Antragsinhalte)",
            $"bis zum Ende des Vertrags von {tenant} mit dem Betreiber; dann Herausgabe und Löschung"]);
        rows.Add(["E-Mails mit dem Fortsetzungslink", $"im Online-Dienst nicht gespeichert; beim E-Mail-Versand: {PrivacyText.Placeholder}"]);
        rows.Add([$"Anträge nach der Übermittlung bei {tenant} (Fachverfahren, Akte)", $"nach den Aufbewahrungsfristen von {tenant}: {PrivacyText.Placeholder}"]);
        return new PrivacyTable("Löschfristen", ["Daten", "Löschfrist"], rows);
    }

    private static List<string> Measures(IReadOnlySet<string> transports)
    {
        var measures = new List<string>
        {
            "Übertragung zwischen Browser und Online-Dienst nur verschlüsselt (TLS).",
            "Antragsdaten, Anlagen und Zwischenstände werden verschlüsselt gespeichert (AES-256-GCM); der Schlüsselbund liegt getrennt von den Daten.",
            "Hochgeladene Dateien werden vor der Annahme auf Schadsoftware geprüft (ClamAV); ist keine Prüfung möglich, wird keine Datei angenommen.",
            "Die PIN zwischengespeicherter Anträge wird nur als langsamer, gesalzener Hash (PBKDF2) gespeichert; Fehlversuche werden begrenzt und führen zur Sperre.",
            "Zugriff auf Anträge nur für berechtigte Beschäftigte, je Mandant und je Leistung; Betreiberzugriffe nur mit persönlichem API-Schlüssel.",
            "Protokoll (Audit-Log) der Anmeldungen, Abrufe, Rechteänderungen und Löschungen – ohne Antragsinhalte.",
            "Technische Protokolle ohne personenbezogene Daten; strikte Sicherheitsköpfe, Formulare ohne JavaScript.",
            "Automatische Löschung nach den Fristen in Abschnitt 8; Trennung der Daten je Mandant.",
        };
        if (transports.Contains(RouteInventory.FitConnect))
        {
            measures.Add("FIT-Connect: Anträge Ende-zu-Ende-verschlüsselt (JWE) mit dem geprüften Schlüssel des Zustellpunkts.");
        }

        if (transports.Contains(RouteInventory.Xta) || transports.Contains(RouteInventory.XtaMailbox))
        {
            measures.Add("XTA: Verbindungen nur mit gegenseitiger TLS-Authentisierung über Zertifikate.");
        }

        measures.Add($"Weitere Maßnahmen des Betreibers (Rechenzentrum, Zutritt, Datensicherung, Notfallvorsorge): {PrivacyText.Placeholder}");
        return measures;
    }

    // The form session's lifetime lives with the citizen pages; read it there so the document follows it.
    private static TimeSpan FormSessionLifetime => FormSession.Lifetime;

    private static string Hours(TimeSpan span) => ((int)span.TotalHours).ToString(CultureInfo.InvariantCulture);

    private static string Days(TimeSpan span) => ((int)span.TotalDays).ToString(CultureInfo.InvariantCulture);
}
