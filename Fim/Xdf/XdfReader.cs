using System.Xml;

namespace EfaGateway.Fim.Xdf;

/// <summary>
/// Reads XDatenfelder 2.0 and 3.0.0 messages (Stammdatenschema 0102, Datenfeldgruppe 0103) in one streaming pass.
/// FIM exports repeat the full definition of an element wherever it is used; each element is kept once per id and
/// version, so memory follows the number of distinct elements, not the size of the file.
/// </summary>
public static class XdfReader
{
    public const string NamespaceV2 = "urn:xoev-de:fim:standard:xdatenfelder_2";
    public const string NamespaceV3 = "urn:xoev-de:fim:standard:xdatenfelder_3.0.0";

    private const string SchemaMessage = "xdatenfelder.stammdatenschema.0102";
    private const string GroupMessage = "xdatenfelder.datenfeldgruppe.0103";

    public static XdfDocument Read(Stream stream)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            CloseInput = false,
        };
        try
        {
            using var reader = XmlReader.Create(stream, settings);
            reader.MoveToContent();
            var version = reader.NamespaceURI switch
            {
                NamespaceV2 => XdfVersion.V2,
                NamespaceV3 => XdfVersion.V3,
                _ => throw Positioned(reader, $"Unknown namespace '{reader.NamespaceURI}' of the root element <{reader.Name}>; expected XDatenfelder 2.0 ({NamespaceV2}) or 3.0.0 ({NamespaceV3})"),
            };
            if (reader.LocalName is not (SchemaMessage or GroupMessage))
            {
                throw Positioned(reader, $"Unexpected root element <{reader.Name}>; expected {SchemaMessage} or {GroupMessage}");
            }

            var cursor = new XmlCursor(reader, reader.NamespaceURI, reader.Prefix.Length == 0 ? "xdf" : reader.Prefix);
            return new XdfParser(cursor, version).ReadMessage(reader.LocalName == SchemaMessage);
        }
        catch (XmlException ex)
        {
            throw new XdfFormatException($"Not well-formed XML: {ex.Message}");
        }
    }

    private static XdfFormatException Positioned(XmlReader reader, string problem) =>
        reader is IXmlLineInfo info && info.HasLineInfo()
            ? new XdfFormatException($"{problem} (line {info.LineNumber}, column {info.LinePosition}).")
            : new XdfFormatException(problem + ".");
}
