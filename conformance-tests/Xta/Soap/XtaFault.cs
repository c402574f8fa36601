using System.Xml.Linq;

namespace EfaGateway.Conformance.Xta.Soap;

/// <summary>The exception elements of XTA-Webservice-Exceptions.xsd.</summary>
public enum XtaFaultKind
{
    PermissionDenied,
    ParameterIsNotValid,
    XtawsTechnicalProblem,
    MessageSchemaViolation,
    MessageVirusDetection,
    InvalidMessageId,
    SyncAsync,
    CancelDenied,
}

/// <summary>
/// An XTA fault: the exception element and its <c>errorCode</c> from the code list
/// <c>urn:de:xta:webservice:codeliste:fehlernummer</c> 1.0. All codes and their texts are in <see cref="Codes"/>,
/// copied from the enumeration <c>Codelist.Fehlernummer</c> in XTA-Webservice-Datentypen.xsd.
/// </summary>
public sealed record XtaFault(XtaFaultKind Kind, string Code)
{
    public const string CodeListUri = "urn:de:xta:webservice:codeliste:fehlernummer";
    public const string CodeListVersion = "1.0";

    /// <summary>Code → (exception the XSD documents it for, codeName). 9000 is the unspecified one, usable with any.</summary>
    public static readonly IReadOnlyDictionary<string, (XtaFaultKind? Kind, string Name)> Codes =
        new Dictionary<string, (XtaFaultKind?, string)>(StringComparer.Ordinal)
        {
            ["9000"] = (null, "Unspezifizierter Fehler, als Freitext beschrieben"),
            ["9010"] = (XtaFaultKind.PermissionDenied, "Authentisierung/Zertifikat ist abgelaufen."),
            ["9011"] = (XtaFaultKind.PermissionDenied, "Account ist gesperrt."),
            ["9012"] = (XtaFaultKind.PermissionDenied, "Account nicht vorhanden."),
            ["9013"] = (XtaFaultKind.PermissionDenied, "Dienst ist nicht gebucht."),
            ["9014"] = (XtaFaultKind.PermissionDenied, "Authentisierung/Zertifikat passt nicht zur Absenderkennung."),
            ["9020"] = (XtaFaultKind.ParameterIsNotValid, "Keine Parameter vorhanden"),
            ["9021"] = (XtaFaultKind.ParameterIsNotValid, "Keine gültige URI"),
            ["9022"] = (XtaFaultKind.ParameterIsNotValid, "Ungültige Parameterkombination"),
            ["9023"] = (XtaFaultKind.ParameterIsNotValid, "Die Nachricht überschreitet die Größenbeschränkung."),
            ["9024"] = (XtaFaultKind.ParameterIsNotValid, "MessageID ist bereits vergeben."),
            ["9030"] = (XtaFaultKind.XtawsTechnicalProblem, "Interner Fehler beim XTA-Server bzw. XTA-Dienstleister"),
            ["9031"] = (XtaFaultKind.XtawsTechnicalProblem, "Fehler beim externen Verzeichnisdienst"),
            ["9032"] = (XtaFaultKind.XtawsTechnicalProblem, "Fehler bei der Zustellung"),
            ["9050"] = (XtaFaultKind.MessageSchemaViolation, "Fachnachricht ist nicht schemakonform"),
            ["9051"] = (XtaFaultKind.MessageSchemaViolation, "Fachnachricht trägt ein falsches Encoding."),
            ["9052"] = (XtaFaultKind.MessageSchemaViolation, "Nachricht verletzt das entsprechende Service Profil."),
            ["9060"] = (XtaFaultKind.MessageVirusDetection, "Es wurde schadhafter Code ermittelt."),
            ["9070"] = (XtaFaultKind.InvalidMessageId, "MessageID für den Account nicht bekannt."),
            ["9080"] = (XtaFaultKind.SyncAsync, "Der Dienst wird nur asynchron angeboten."),
            ["9081"] = (XtaFaultKind.SyncAsync, "Der Dienst wird nur synchron angeboten."),
            // The XSD's codeName breaks the line after "Termin ist"; the break is whitespace of a normalizedString.
            ["9100"] = (XtaFaultKind.CancelDenied, "Der durch den Schalter NotBefore gesetzte Termin ist verstrichen."),
            ["9101"] = (XtaFaultKind.CancelDenied, "Der Schalter NotBefore wurde nicht gesetzt."),
        };

    public string Name => Codes.TryGetValue(Code, out var entry)
        ? entry.Name
        : throw new InvalidOperationException($"{Code} is not in the XTA-WS Fehlernummer code list.");

    /// <summary>The exception element's local name in XTA-Webservice-Exceptions.xsd.</summary>
    public string ElementName => Kind switch
    {
        XtaFaultKind.XtawsTechnicalProblem => "XTAWSTechnicalProblemException",
        XtaFaultKind.InvalidMessageId => "InvalidMessageIDException",
        _ => Kind + "Exception",
    };

    /// <summary>
    /// SOAP 1.2 fault code. Our reading (XTA V3 names no codes): the caller's mistakes are <c>Sender</c>, a technical
    /// problem of the server is <c>Receiver</c>, which is also how the notes classify them (permanent vs retryable).
    /// </summary>
    public bool IsSenderFault => Kind != XtaFaultKind.XtawsTechnicalProblem;

    /// <summary>The fault detail element, e.g. <c>&lt;xta:PermissionDeniedException&gt;&lt;errorCode&gt;…</c>.</summary>
    public XElement ToDetailElement() =>
        new(XtaNamespaces.Xta + ElementName,
            new XAttribute(XNamespace.Xmlns + "xta", XtaNamespaces.Xta.NamespaceName),
            new XElement(XtaNamespaces.Xta + "errorCode",
                new XAttribute("listURI", CodeListUri),
                new XAttribute("listVersionID", CodeListVersion),
                // code and name are form="unqualified" in Code.Fehlernummer.
                new XElement("code", Code),
                new XElement("name", Name)));

    public static XtaFault PermissionDenied(string code = "9012") => Of(XtaFaultKind.PermissionDenied, code);

    public static XtaFault ParameterIsNotValid(string code = "9022") => Of(XtaFaultKind.ParameterIsNotValid, code);

    public static XtaFault TechnicalProblem(string code = "9030") => Of(XtaFaultKind.XtawsTechnicalProblem, code);

    public static XtaFault MessageSchemaViolation(string code = "9050") => Of(XtaFaultKind.MessageSchemaViolation, code);

    public static XtaFault MessageVirusDetection() => Of(XtaFaultKind.MessageVirusDetection, "9060");

    public static XtaFault InvalidMessageId() => Of(XtaFaultKind.InvalidMessageId, "9070");

    public static XtaFault SyncAsync(string code = "9080") => Of(XtaFaultKind.SyncAsync, code);

    public static XtaFault CancelDenied(string code = "9101") => Of(XtaFaultKind.CancelDenied, code);

    /// <summary>A fault of <paramref name="kind"/> with <paramref name="code"/>, which must be 9000 or one the XSD documents for that exception.</summary>
    public static XtaFault Of(XtaFaultKind kind, string code) =>
        Codes.TryGetValue(code, out var entry) && (entry.Kind is null || entry.Kind == kind)
            ? new XtaFault(kind, code)
            : throw new ArgumentException($"Code {code} is not documented for {kind} in XTA-Webservice-Datentypen.xsd.", nameof(code));
}
