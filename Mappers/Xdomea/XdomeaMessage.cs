namespace EfaGateway.Mappers.Xdomea;

/// <summary>Everything one <c>Information.Information.0101</c> message says, resolved and checked before it is written.</summary>
internal sealed record XdomeaMessage(
    Guid ProzessId,
    DateTimeOffset Erstellungszeitpunkt,
    XdomeaKontaktOptions Absender,
    XdomeaKontaktOptions Empfaenger,
    string Produktname,
    string Produktversion,
    XdomeaVorgang Vorgang)
{
    /// <summary>The Nachrichtentyp: code list urn:xoev-de:xdomea:codeliste:nachrichtentyp, version 2.0 (fixed by the XSD).</summary>
    public const string NachrichtentypCode = "0101";

    /// <summary>The message's element name; xdomea names the message file and its container after it.</summary>
    public const string Nachrichtenname = "Information.Information.0101";

    /// <summary>"{ProzessID}_Information.Information.0101": the base name of the XML file and of the ZIP container.</summary>
    public string BaseName => $"{ProzessId:D}_{Nachrichtenname}";
}

/// <summary>The application as one Vorgang: its Kennzeichen is the Vorgangsnummer, its Betreff the process title.</summary>
internal sealed record XdomeaVorgang(
    Guid Id,
    string Betreff,
    string Kennzeichen,
    DateOnly Eingangsdatum,
    IReadOnlyList<XdomeaDokument> Dokumente);

/// <summary>One file of the Postkorb item as a Dokument with one Version and one Format (the primary document).</summary>
/// <param name="Dateiname">The name inside the ZIP container: the Dokument's UUID, "_", the original name (xdomea stringDateinameType).</param>
internal sealed record XdomeaDokument(
    Guid Id,
    int Nummer,
    string Betreff,
    string Typ,
    DateTimeOffset Eingang,
    Dateiformat Format,
    string Dateiname,
    string DateinameOriginal);
