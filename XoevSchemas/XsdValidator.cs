using System.Text;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;

namespace EfaGateway.XoevSchemas;

/// <summary>
/// Validates documents against compiled schema sets (take them from <see cref="SchemaCatalog"/>, which caches them).
/// Malformed XML and DOCTYPEs are reported as errors, not thrown. An empty list means valid.
/// </summary>
public static class XsdValidator
{
    /// <summary>Stop after this many problems: one broken repeated element would otherwise yield thousands.</summary>
    public const int DefaultMaxErrors = 50;

    private const int MaxIdInPath = 64;

    public static IReadOnlyList<XmlValidationError> Validate(XmlSchemaSet schemas, Stream xml, int maxErrors = DefaultMaxErrors)
    {
        ArgumentNullException.ThrowIfNull(schemas);
        ArgumentNullException.ThrowIfNull(xml);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxErrors, 1);

        var errors = new List<XmlValidationError>();
        var path = new List<string>();
        // Events raised while the reader moves to the next node; their path is known only once it got there.
        var pending = new List<(int Line, int Position, string Message, bool IsWarning)>();
        var settings = SecureXml.CreateReaderSettings(schemas);
        settings.ValidationEventHandler += (_, e) =>
            pending.Add((e.Exception.LineNumber, e.Exception.LinePosition, e.Message, e.Severity == XmlSeverityType.Warning));

        using var reader = XmlReader.Create(xml, settings);
        var lineInfo = reader as IXmlLineInfo;
        var lastKnown = (Line: 0, Position: 0);
        try
        {
            while (errors.Count < maxErrors && reader.Read())
            {
                lastKnown = lineInfo is { } li ? (li.LineNumber, li.LinePosition) : lastKnown;
                // Errors about an element's start (unexpected element, bad attribute) belong to that element.
                var at = reader.NodeType == XmlNodeType.Element
                    ? Join(path, Step(reader.LocalName, reader.GetAttribute("id")))
                    : Join(path);
                Flush(pending, errors, at, maxErrors);
                Track(reader, path);
            }

            Flush(pending, errors, Join(path), maxErrors);
        }
        catch (XmlException ex)
        {
            Flush(pending, errors, Join(path), maxErrors);
            // Not well-formed (or a DOCTYPE): nothing after this point can be read, so it is the last error. Some of
            // these exceptions (the DTD refusal) carry no position: then the last node read before it stands in.
            var (line, position) = ex.LineNumber > 0 ? (ex.LineNumber, ex.LinePosition) : lastKnown;
            errors.Add(new XmlValidationError(line, position, Join(path), ex.Message));
        }

        return errors;
    }

    /// <summary>
    /// Validates an in-memory document. It is serialized first (indented, as the mappers write), so line numbers refer to
    /// that serialization; this also catches what only shows on the wire (e.g. characters XML cannot carry).
    /// </summary>
    public static IReadOnlyList<XmlValidationError> Validate(XmlSchemaSet schemas, XDocument document, int maxErrors = DefaultMaxErrors)
    {
        ArgumentNullException.ThrowIfNull(document);
        using var buffer = new MemoryStream();
        try
        {
            var settings = new XmlWriterSettings
            {
                Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
                Indent = true,
                NewLineChars = "\n",
                NewLineHandling = NewLineHandling.Entitize,
            };
            using (var writer = XmlWriter.Create(buffer, settings))
            {
                document.Save(writer);
            }
        }
        catch (ArgumentException ex)
        {
            // XmlWriter rejects characters XML cannot carry; the message names the character code, not the text around it.
            return [new XmlValidationError(0, 0, string.Empty, ex.Message)];
        }

        buffer.Position = 0;
        return Validate(schemas, buffer, maxErrors);
    }

    /// <summary>Validates, then (only if valid) loads the document; the stream is buffered when it cannot seek.</summary>
    internal static XDocument? ValidateAndLoad(XmlSchemaSet schemas, Stream xml, out IReadOnlyList<XmlValidationError> errors)
    {
        var seekable = xml;
        MemoryStream? copy = null;
        if (!xml.CanSeek)
        {
            copy = new MemoryStream();
            xml.CopyTo(copy);
            copy.Position = 0;
            seekable = copy;
        }

        using (copy)
        {
            var start = seekable.Position;
            errors = Validate(schemas, seekable);
            if (errors.Count > 0)
            {
                return null;
            }

            seekable.Position = start;
            return SecureXml.Load(seekable);
        }
    }

    private static void Track(XmlReader reader, List<string> path)
    {
        switch (reader.NodeType)
        {
            case XmlNodeType.Element when !reader.IsEmptyElement:
                path.Add(Step(reader.LocalName, reader.GetAttribute("id")));
                break;
            case XmlNodeType.EndElement when path.Count > 0:
                path.RemoveAt(path.Count - 1);
                break;
        }
    }

    // Ids name structure (sections, fields); anything that does not look like one could be content and is left out.
    private static string Step(string name, string? id) =>
        id is { Length: > 0 and <= MaxIdInPath } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.')
            ? $"{name}[@id='{id}']"
            : name;

    private static void Flush(
        List<(int Line, int Position, string Message, bool IsWarning)> pending, List<XmlValidationError> errors, string path, int maxErrors)
    {
        foreach (var (line, position, message, isWarning) in pending)
        {
            if (errors.Count < maxErrors)
            {
                errors.Add(new XmlValidationError(line, position, path, message, isWarning));
            }
        }

        pending.Clear();
    }

    private static string Join(List<string> path, string last) => $"{Join(path)}/{last}";

    private static string Join(List<string> path) => path.Count == 0 ? string.Empty : "/" + string.Join('/', path);
}
