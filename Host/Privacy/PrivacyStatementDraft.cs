using System.Globalization;
using EfaGateway.Core.Drafts;
using EfaGateway.Core.Processes;

namespace EfaGateway.Host.Privacy;

/// <summary>
/// The draft privacy statement (Art. 13 GDPR) for the citizens of one process, in plain language, from the same
/// configuration as the record of processing. The municipality adapts it and may store its version as the statement the
/// form links to (<c>{DataDirectory}/statements/{tenant}/{process}/datenschutz.de.txt</c>, see docs/operators.md).
/// </summary>
internal static class PrivacyStatementDraft
{
    public static IEnumerable<PrivacyBlock> Blocks(TenantProcess tenantProcess, ResolvedPrivacy privacy, PrivacyParty controller, IReadOnlySet<string> transports)
    {
        var tenant = tenantProcess.TenantName;
        var title = tenantProcess.Process.Title.De;
        yield return new PrivacyHeading(2, "10. Entwurf der Datenschutzerklärung (Art. 13 DSGVO)");
        yield return new PrivacyParagraph(
            $"Der folgende Text informiert die Antragstellenden. {tenant} passt ihn an und veröffentlicht ihn bei dem Online-Antrag.");

        yield return new PrivacyHeading(3, "Wer ist für die Verarbeitung verantwortlich?");
        yield return new PrivacyParagraph($"Verantwortlich für die Verarbeitung Ihrer Angaben im Online-Antrag „{title}“ ist: {PrivacyText.Describe(controller)}.");
        yield return new PrivacyParagraph($"Sie erreichen unsere Datenschutzbeauftragte oder unseren Datenschutzbeauftragten: {PrivacyText.Describe(privacy.DataProtectionOfficer)}.");

        yield return new PrivacyHeading(3, "Wofür verarbeiten wir Ihre Angaben?");
        yield return new PrivacyParagraph(
            $"Wir verarbeiten Ihre Angaben, um Ihren Antrag „{title}“ entgegenzunehmen, zu prüfen und zu bearbeiten. " +
            $"Rechtsgrundlage ist {PrivacyText.OrPlaceholder(privacy.LegalBasis)}.");

        yield return new PrivacyHeading(3, "Welche Angaben verarbeiten wir?");
        yield return new PrivacyParagraph(
            $"Die Angaben, die Sie im Formular machen ({string.Join(", ", tenantProcess.Process.Sections.Select(s => s.Title.De))}), " +
            "und die Dateien, die Sie hochladen. Pflichtangaben sind im Formular gekennzeichnet; ohne sie können wir Ihren Antrag nicht " +
            "bearbeiten. Freiwillige Angaben können Sie weglassen.");

        yield return new PrivacyHeading(3, "Wer erhält Ihre Angaben?");
        yield return new PrivacyList([.. Recipients(tenantProcess, transports)]);
        yield return new PrivacyParagraph(
            $"Den Online-Dienst betreibt in unserem Auftrag: {PrivacyText.Describe(privacy.Operator)}. Ihre Angaben werden nicht in Länder " +
            "außerhalb der Europäischen Union übermittelt.");

        yield return new PrivacyHeading(3, "Wie lange speichern wir Ihre Angaben?");
        yield return new PrivacyList([.. Periods(tenantProcess, transports)]);

        yield return new PrivacyHeading(3, "Welche Rechte haben Sie?");
        yield return new PrivacyParagraph(
            "Sie haben das Recht auf Auskunft (Art. 15 DSGVO), Berichtigung (Art. 16 DSGVO), Löschung (Art. 17 DSGVO), Einschränkung der " +
            "Verarbeitung (Art. 18 DSGVO) und Widerspruch (Art. 21 DSGVO). Eine automatisierte Entscheidung im Einzelfall (Art. 22 DSGVO) " +
            "findet nicht statt.");
        yield return new PrivacyParagraph(
            $"Sie können sich bei der Datenschutzaufsichtsbehörde beschweren (Art. 77 DSGVO): {PrivacyText.Describe(privacy.SupervisoryAuthority)}.");

        yield return new PrivacyHeading(3, "Cookies");
        yield return new PrivacyParagraph(
            "Der Online-Antrag setzt nur technisch notwendige Cookies: für das laufende Formular, zum Schutz vor untergeschobenen " +
            "Formularsendungen und für die gewählte Sprache. Es gibt keine Analyse- oder Werbe-Cookies.");
    }

    private static IEnumerable<string> Recipients(TenantProcess tenantProcess, IReadOnlySet<string> transports)
    {
        var tenant = tenantProcess.TenantName;
        if (transports.Contains(RouteInventory.Postkorb))
        {
            yield return $"Die zuständigen Beschäftigten von {tenant} rufen Ihren Antrag im Postkorb des Online-Dienstes ab.";
        }

        if (transports.Contains(RouteInventory.FitConnect))
        {
            yield return $"Ihr Antrag wird Ende-zu-Ende-verschlüsselt über den FIT-Connect-Zustelldienst an das Fachverfahren von {tenant} übermittelt.";
        }

        if (transports.Contains(RouteInventory.Xta))
        {
            yield return $"Ihr Antrag wird über einen XTA-Server (OSCI) an das Fachverfahren von {tenant} übermittelt.";
        }

        if (transports.Contains(RouteInventory.XtaMailbox))
        {
            yield return $"Das Fachverfahren von {tenant} holt Ihren Antrag verschlüsselt beim Online-Dienst ab.";
        }

        yield return "Wenn Sie einen Antrag zwischenspeichern und eine E-Mail-Adresse angeben, erhalten Sie den Link zum Fortsetzen per E-Mail.";
    }

    private static IEnumerable<string> Periods(TenantProcess tenantProcess, IReadOnlySet<string> transports)
    {
        yield return $"Zwischengespeicherte Anträge löschen wir {((int)Draft.Lifetime.TotalDays).ToString(CultureInfo.InvariantCulture)} Tage " +
            "nach dem Speichern unwiderruflich.";
        if (transports.Contains(RouteInventory.Postkorb))
        {
            yield return $"Im Postkorb löschen wir Ihren Antrag {tenantProcess.PostkorbRetentionDays.ToString(CultureInfo.InvariantCulture)} Tage " +
                "nach seiner Bereitstellung.";
        }

        if (transports.Overlaps([RouteInventory.FitConnect, RouteInventory.Xta, RouteInventory.XtaMailbox]))
        {
            yield return "Nach der bestätigten Übermittlung an das Fachverfahren löscht der Online-Dienst Ihre Angaben sofort.";
        }

        yield return $"Bei {tenantProcess.TenantName} bewahren wir Ihren Antrag auf, solange es die Aufbewahrungsfristen verlangen: {PrivacyText.Placeholder}";
    }
}
