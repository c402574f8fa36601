using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;

namespace EfaGateway.XoevSchemas;

/// <summary>
/// The one way this code base reads XML: no DTDs (so no XXE and no entity expansion bombs), no resolver (so nothing
/// is fetched from the network or the file system while reading a document).
/// </summary>
public static class SecureXml
{
    /// <summary>
    /// Settings for reading untrusted XML. A new instance each call, because <see cref="XmlReaderSettings"/> is mutable
    /// and a shared instance could be changed by one caller for all others.
    /// </summary>
    /// <param name="schemas">When given, the reader validates against these (compiled) schemas.</param>
    public static XmlReaderSettings CreateReaderSettings(XmlSchemaSet? schemas = null)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            // Without a DTD only the five predefined entities exist; the cap is a second line of defence.
            MaxCharactersFromEntities = 1024,
            CloseInput = false,
            IgnoreProcessingInstructions = false,
        };

        if (schemas is not null)
        {
            // Assigning (not Schemas.Add) shares the compiled set read-only, so many readers can use it at once.
            settings.Schemas = schemas;
            settings.ValidationType = ValidationType.Schema;
            // Identity constraints (key/keyref/unique) on, warnings reported (an element no schema knows is only a
            // warning); inline schemas and xsi:schemaLocation stay off, so a document cannot bring its own rules.
            settings.ValidationFlags = XmlSchemaValidationFlags.ProcessIdentityConstraints | XmlSchemaValidationFlags.ReportValidationWarnings;
        }

        return settings;
    }

    /// <summary>Parses a document from a stream. Throws <see cref="XmlException"/> on malformed XML or any DOCTYPE.</summary>
    public static XDocument Load(Stream stream, LoadOptions options = LoadOptions.None)
    {
        using var reader = XmlReader.Create(stream, CreateReaderSettings());
        return XDocument.Load(reader, options);
    }

    /// <summary>Parses a document from a string. Throws <see cref="XmlException"/> on malformed XML or any DOCTYPE.</summary>
    public static XDocument Parse(string xml, LoadOptions options = LoadOptions.None)
    {
        using var text = new StringReader(xml);
        using var reader = XmlReader.Create(text, CreateReaderSettings());
        return XDocument.Load(reader, options);
    }

    /// <summary>
    /// Parses and validates in one pass. Returns the document only when it is well-formed and valid; otherwise null and
    /// the errors (with line and position).
    /// </summary>
    public static XDocument? LoadValidated(Stream stream, XmlSchemaSet schemas, out IReadOnlyList<XmlValidationError> errors)
    {
        var document = XsdValidator.ValidateAndLoad(schemas, stream, out errors);
        return errors.Count == 0 ? document : null;
    }
}
