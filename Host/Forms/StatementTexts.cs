using EfaGateway.Core.Processes;
using EfaGateway.Host.Composition;
using Microsoft.Extensions.Options;

namespace EfaGateway.Host.Forms;

/// <summary>
/// Draft statements per process, which the tenant adapts: a plain-text file
/// <c>{DataDirectory}/statements/{tenant}/{process}/{kind}.{de|en}.txt</c> (paragraphs separated by blank lines) replaces the draft.
/// </summary>
public sealed class StatementTexts(IOptions<GatewayOptions> options)
{
    public (string Heading, IReadOnlyList<string> Paragraphs)? For(string kind, TenantProcess process, bool english)
    {
        var heading = (kind, english) switch
        {
            ("barrierefreiheit", false) => "Erklärung zur Barrierefreiheit",
            ("barrierefreiheit", true) => "Accessibility statement",
            ("datenschutz", false) => "Datenschutzerklärung",
            ("datenschutz", true) => "Privacy statement",
            _ => null,
        };
        if (heading is null)
        {
            return null;
        }

        var file = Path.Combine(options.Value.ResolvedDataDirectory, "statements", process.TenantId, process.Process.Id, $"{kind}.{(english ? "en" : "de")}.txt");
        var text = File.Exists(file) ? File.ReadAllText(file) : Draft(kind, process, english);
        var paragraphs = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return (heading, paragraphs);
    }

    private static string Draft(string kind, TenantProcess process, bool english)
    {
        var title = process.Process.Title.For(english ? "en" : "de");
        var tenant = process.TenantName;
        return (kind, english) switch
        {
            ("barrierefreiheit", false) => $"""
                {tenant} ist bemüht, den Online-Antrag „{title}“ im Einklang mit der Barrierefreie-Informationstechnik-Verordnung (BITV 2.0) barrierefrei zugänglich zu machen.

                Stand der Vereinbarkeit: Dieser Online-Antrag wurde nach den Anforderungen der WCAG 2.1 (Stufe AA) gestaltet und automatisiert geprüft. Er ist mit Tastatur, Bildschirmleser und ohne JavaScript bedienbar. Diese Erklärung ist ein Entwurf; {tenant} ergänzt das Ergebnis der eigenen Prüfung.

                Feedback und Kontakt: Wenn Ihnen Mängel auffallen, wenden Sie sich bitte an {tenant}.

                Schlichtungsverfahren: Bei nicht zufriedenstellenden Antworten können Sie sich an die Schlichtungsstelle nach dem Behindertengleichstellungsgesetz wenden.
                """,
            ("barrierefreiheit", true) => $"""
                {tenant} strives to make the online application "{title}" accessible in accordance with the German BITV 2.0.

                Compliance status: this online application was designed to WCAG 2.1 level AA and tested automatically. It works with a keyboard, a screen reader and without JavaScript. This statement is a draft; {tenant} adds the result of its own review.

                Feedback and contact: if you notice barriers, please contact {tenant}.

                Enforcement procedure: if you are not satisfied with the answer, you can turn to the arbitration board under the German Disability Equality Act.
                """,
            ("datenschutz", false) => $"""
                Verantwortlich für die Verarbeitung Ihrer Angaben in „{title}“ ist {tenant}.

                Zweck: Ihre Angaben werden ausschließlich zur Bearbeitung Ihres Antrags verarbeitet. Rechtsgrundlage ist Art. 6 Abs. 1 lit. e DSGVO in Verbindung mit den für die Leistung geltenden Vorschriften.

                Speicherdauer: Zwischengespeicherte Anträge werden 30 Tage nach dem Speichern unwiderruflich gelöscht. Nach der Übermittlung an die Fachbehörde löscht der Online-Dienst Ihre Angaben; liegen sie im Postfach der Behörde, werden sie dort spätestens nach 90 Tagen gelöscht.

                Ihre Rechte: Sie haben das Recht auf Auskunft, Berichtigung, Löschung und Einschränkung der Verarbeitung sowie ein Beschwerderecht bei der Datenschutzaufsicht. Diese Erklärung ist ein Entwurf, den {tenant} ergänzt.
                """,
            _ => $"""
                {tenant} is responsible for processing your answers in "{title}".

                Purpose: your answers are processed only to handle your application, on the legal basis of Art. 6(1)(e) GDPR together with the rules that govern this service.

                Retention: saved, unsent applications are deleted irrecoverably 30 days after saving. After transfer to the authority the online service deletes your answers; if they are in the authority's mailbox, they are deleted there within 90 days.

                Your rights: you have the right of access, rectification, erasure and restriction, and the right to complain to a data protection authority. This statement is a draft that {tenant} completes.
                """,
        };
    }
}
