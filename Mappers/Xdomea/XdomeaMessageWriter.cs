using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace EfaGateway.Mappers.Xdomea;

/// <summary>
/// Writes an <c>Information.Information.0101</c> message (xdomea 3.0.0, process "Information austauschen"). The
/// element order follows the XSD's sequences (NkBasisType, VorgangType, DokumentType, VersionType, FormatType); the
/// official XSDs check the result before anything leaves the exporter.
/// </summary>
internal static class XdomeaMessageWriter
{
    public static readonly XNamespace Ns = "urn:xoev-de:xdomea:schema:3.0.0";

    private static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";

    private static readonly XmlWriterSettings Settings = new()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        Indent = true,
        IndentChars = "  ",
        NewLineChars = "\n",
        NewLineHandling = NewLineHandling.Entitize,
    };

    public static byte[] Write(XdomeaMessage message)
    {
        var root = new XElement(Ns + XdomeaMessage.Nachrichtenname,
            // xdomea requires the "xdomea" prefix and names the message's XSD in the root element (xdomea.de, FAQ "Konformität").
            new XAttribute(XNamespace.Xmlns + "xdomea", Ns),
            new XAttribute(XNamespace.Xmlns + "xsi", Xsi),
            new XAttribute(Xsi + "schemaLocation", $"{Ns.NamespaceName} {XdomeaSchemas.RootSchema}"),
            Kopf(message),
            new XElement(Ns + "Schriftgutobjekt", Vorgang(message.Vorgang)));

        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, Settings))
        {
            new XDocument(new XDeclaration("1.0", "UTF-8", null), root).Save(writer);
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    private static XElement Kopf(XdomeaMessage message) =>
        new(Ns + "Kopf",
            new XElement(Ns + "ProzessID", Uuid(message.ProzessId)),
            // listURI and listVersionID are fixed by the XSD (nachrichtentyp 2.0); the code alone is unambiguous.
            new XElement(Ns + "Nachrichtentyp", new XElement("code", XdomeaMessage.NachrichtentypCode)),
            new XElement(Ns + "Erstellungszeitpunkt", Timestamp(message.Erstellungszeitpunkt)),
            Kontakt("Absender", message.Absender),
            Kontakt("Empfaenger", message.Empfaenger),
            new XElement(Ns + "SendendesSystem",
                new XElement(Ns + "Produktname", message.Produktname),
                new XElement(Ns + "Version", message.Produktversion)),
            // The gateway has no inbox for an Information.EmpfangBestaetigen.0102: staff hand the file over by hand.
            new XElement(Ns + "Empfangsbestaetigung", "false"));

    private static XElement Kontakt(string element, XdomeaKontaktOptions kontakt) =>
        new(Ns + element,
            new XElement(Ns + "Institution",
                new XElement(Ns + "Name", kontakt.Institution),
                Optional("Kurzbezeichnung", kontakt.Kurzbezeichnung)),
            string.IsNullOrWhiteSpace(kontakt.Organisationseinheit)
                ? null
                : new XElement(Ns + "Organisationseinheit", new XElement(Ns + "Name", kontakt.Organisationseinheit)));

    private static XElement Vorgang(XdomeaVorgang vorgang) =>
        new(Ns + "Vorgang",
            new XElement(Ns + "Identifikation", new XElement(Ns + "ID", Uuid(vorgang.Id))),
            new XElement(Ns + "AllgemeineMetadaten",
                new XElement(Ns + "Betreff", vorgang.Betreff),
                new XElement(Ns + "Kennzeichen", vorgang.Kennzeichen)),
            new XElement(Ns + "Typ", "Online-Antrag"),
            // The Vorgang begins with the application's arrival; it is not closed (no Ende, no ZdA) — staff decide that.
            new XElement(Ns + "Laufzeit", new XElement(Ns + "Beginn", Date(vorgang.Eingangsdatum))),
            vorgang.Dokumente.Select(d => Dokument(d, vorgang)));

    private static XElement Dokument(XdomeaDokument dokument, XdomeaVorgang vorgang) =>
        new(Ns + "Dokument",
            new XElement(Ns + "Identifikation",
                new XElement(Ns + "ID", Uuid(dokument.Id)),
                new XElement(Ns + "NummerImUebergeordnetenContainer", dokument.Nummer.ToString(CultureInfo.InvariantCulture))),
            new XElement(Ns + "AllgemeineMetadaten",
                new XElement(Ns + "Betreff", dokument.Betreff),
                new XElement(Ns + "Kennzeichen", vorgang.Kennzeichen)),
            new XElement(Ns + "Posteingangsdatum", Date(vorgang.Eingangsdatum)),
            new XElement(Ns + "Typ", dokument.Typ),
            new XElement(Ns + "Version",
                new XElement(Ns + "Nummer", "1"),
                new XElement(Ns + "Format",
                    new XElement(Ns + "Name",
                        new XAttribute("listURI", Dateiformat.ListUri),
                        new XAttribute("listVersionID", Dateiformat.ListVersionId),
                        new XElement("code", dokument.Format.Code)),
                    Optional("SonstigerName", dokument.Format.SonstigerName),
                    new XElement(Ns + "Version", dokument.Format.Version),
                    new XElement(Ns + "Primaerdokument",
                        new XElement(Ns + "Dateiname", dokument.Dateiname),
                        new XElement(Ns + "DateinameOriginal", dokument.DateinameOriginal),
                        new XElement(Ns + "DatumUhrzeit", Timestamp(dokument.Eingang))))));

    private static XElement? Optional(string name, string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : new XElement(Ns + name, value);

    private static string Uuid(Guid id) => id.ToString("D", CultureInfo.InvariantCulture);

    private static string Date(DateOnly date) => date.ToString("yyyy'-'MM'-'dd", CultureInfo.InvariantCulture);

    private static string Timestamp(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'", CultureInfo.InvariantCulture);
}
