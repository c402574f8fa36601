using System.Xml;

namespace EfaGateway.Fim.CodeLists;

/// <summary>
/// Reads OASIS genericode 1.0 code lists as the XÖV Codelisten-Handbuch profiles them. Which column holds the code and
/// which the name: the columns a FIM field names (codeKey/nameKey) if given; else the key column the list recommends
/// (xoev-cl-3:empfohleneCodeSpalte) or its first key, and the first column whose name says it is a name or description.
/// </summary>
public static class GenericodeReader
{
    private const string GenericodeNs = "http://docs.oasis-open.org/codelist/ns/genericode/1.0/";

    private static readonly string[] NameHints = ["name", "beschreibung", "bezeichnung", "wert", "kurz", "lang"];

    public static CodeListIdentification ReadIdentification(string path)
    {
        using var reader = Open(path);
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "Identification" && reader.NamespaceURI.Length == 0)
            {
                return Identification(reader, path);
            }

            if (reader.NodeType == XmlNodeType.Element && reader.LocalName is "ColumnSet" or "SimpleCodeList")
            {
                break;
            }
        }

        throw new CodeListFormatException($"{Path.GetFileName(path)}: no <Identification> before the columns; not a genericode code list.");
    }

    public static CodeList Read(string path, string? codeColumn = null, string? nameColumn = null)
    {
        var document = new XmlDocument { XmlResolver = null };
        using (var reader = Open(path))
        {
            document.Load(reader);
        }

        var root = document.DocumentElement;
        if (root is null || root.LocalName != "CodeList" || root.NamespaceURI != GenericodeNs)
        {
            throw new CodeListFormatException($"{Path.GetFileName(path)}: the root element is not gc:CodeList ({GenericodeNs}).");
        }

        var identificationNode = root["Identification"] ?? throw new CodeListFormatException($"{Path.GetFileName(path)}: <Identification> is missing.");
        using var identificationReader = new XmlNodeReader(identificationNode);
        identificationReader.MoveToContent();
        var identification = Identification(identificationReader, path);

        var columns = root.SelectNodes("ColumnSet/Column")!.Cast<XmlElement>()
            .Select(c => (Id: c.GetAttribute("Id"), ShortName: c["ShortName"]?.InnerText ?? string.Empty, Required: c.GetAttribute("Use") == "required"))
            .ToList();
        var keys = root.SelectNodes("ColumnSet/Key")!.Cast<XmlElement>().ToList();
        var recommended = keys.FirstOrDefault(k => k.InnerXml.Contains("empfohleneCodeSpalte", StringComparison.Ordinal)) ?? keys.FirstOrDefault();
        var code = codeColumn ?? (recommended?["ColumnRef"]?.GetAttribute("Ref")) ?? columns.FirstOrDefault().Id;
        var name = nameColumn ?? NameColumn(columns.Where(c => c.Id != code).ToList());
        if (code is null || name is null || columns.All(c => c.Id != code) || columns.All(c => c.Id != name))
        {
            throw new CodeListFormatException($"{Path.GetFileName(path)}: no code column '{code}' and name column '{name}' among its columns.");
        }

        var entries = new List<CodeListEntry>();
        foreach (var row in root.SelectNodes("SimpleCodeList/Row")!.Cast<XmlElement>())
        {
            var values = row.SelectNodes("Value")!.Cast<XmlElement>()
                .ToDictionary(v => v.GetAttribute("ColumnRef"), v => v["SimpleValue"]?.InnerText.Trim(), StringComparer.Ordinal);
            if (values.GetValueOrDefault(code) is { Length: > 0 } value)
            {
                entries.Add(new CodeListEntry(value, values.GetValueOrDefault(name) is { Length: > 0 } label ? label : value));
            }
        }

        return new CodeList(identification.CanonicalUri, identification.Version, identification.CanonicalVersionUri, entries);
    }

    private static string? NameColumn(List<(string Id, string ShortName, bool Required)> candidates)
    {
        // A required column that says it is a name beats an optional one (Rechtsformen: Bezeichnung-lang, not -kurz-1).
        foreach (var requiredOnly in new[] { true, false })
        {
            foreach (var hint in NameHints)
            {
                var match = candidates.FirstOrDefault(c => (c.Required || !requiredOnly) &&
                    (c.ShortName.Contains(hint, StringComparison.OrdinalIgnoreCase) || c.Id.Contains(hint, StringComparison.OrdinalIgnoreCase)));
                if (match.Id is not null)
                {
                    return match.Id;
                }
            }
        }

        return candidates.FirstOrDefault(c => c.Required).Id ?? candidates.FirstOrDefault().Id;
    }

    private static CodeListIdentification Identification(XmlReader reader, string path)
    {
        string? uri = null, version = null, versionUri = null;
        var depth = reader.Depth;
        reader.Read();
        while (!reader.EOF && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
        {
            if (reader.NodeType != XmlNodeType.Element || reader.Depth != depth + 1)
            {
                reader.Read();
                continue;
            }

            switch (reader.LocalName)
            {
                case "CanonicalUri":
                    uri = reader.ReadElementContentAsString().Trim();
                    break;
                case "Version":
                    version = reader.ReadElementContentAsString().Trim();
                    break;
                case "CanonicalVersionUri":
                    versionUri = reader.ReadElementContentAsString().Trim();
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        if (string.IsNullOrEmpty(uri) || string.IsNullOrEmpty(version))
        {
            throw new CodeListFormatException($"{Path.GetFileName(path)}: <CanonicalUri> and <Version> are needed in <Identification>.");
        }

        return new CodeListIdentification(uri, version, string.IsNullOrEmpty(versionUri) ? $"{uri}_{version}" : versionUri, path);
    }

    private static XmlReader Open(string path) => XmlReader.Create(path, new XmlReaderSettings
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
    });
}

public sealed record CodeListIdentification(string CanonicalUri, string Version, string CanonicalVersionUri, string Path);
