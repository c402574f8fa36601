using System.Text;
using System.Xml;

namespace EfaGateway.Fim.Xdf;

/// <summary>
/// A forward-only walk over an XDF document with precise errors. Every method starts on an element's start tag and
/// leaves the reader just after that element, so handlers compose without buffering anything.
/// </summary>
internal sealed class XmlCursor(XmlReader reader, string ns, string prefix)
{
    public string LocalName => reader.LocalName;

    public bool IsEmptyElement => reader.IsEmptyElement;

    public string? Attribute(string name) => reader.GetAttribute(name);

    /// <summary>Visits each child element of the current element; text between children is refused.</summary>
    public void Children(Action<string> visit)
    {
        var parent = Qualified(reader.LocalName);
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return;
        }

        reader.Read();
        while (reader.NodeType != XmlNodeType.EndElement)
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element when reader.NamespaceURI == ns:
                    visit(reader.LocalName);
                    break;
                case XmlNodeType.Element:
                    throw Error($"Unexpected element <{reader.Name}> in {parent}");
                case XmlNodeType.Text or XmlNodeType.CDATA when !string.IsNullOrWhiteSpace(reader.Value):
                    throw Error($"Unexpected text in {parent}");
                case XmlNodeType.None:
                    throw Error($"The document ends inside {parent}");
                default:
                    reader.Read();
                    break;
            }
        }

        reader.Read();
    }

    /// <summary>The element's text, trimmed; null when empty. Child elements are refused.</summary>
    public string? Text()
    {
        var element = Qualified(reader.LocalName);
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return null;
        }

        var text = new StringBuilder();
        reader.Read();
        while (reader.NodeType != XmlNodeType.EndElement)
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                    text.Append(reader.Value);
                    reader.Read();
                    break;
                case XmlNodeType.Element:
                    throw Error($"Unexpected element <{reader.Name}> in {element}, which holds text only");
                case XmlNodeType.None:
                    throw Error($"The document ends inside {element}");
                default:
                    reader.Read();
                    break;
            }
        }

        reader.Read();
        var trimmed = text.ToString().Trim();
        return trimmed.Length == 0 ? null : trimmed;
    }

    /// <summary>Text that must be there: an empty element is an error naming it.</summary>
    public string RequiredText()
    {
        var element = Qualified(reader.LocalName);
        var error = Error($"Missing content in {element}");
        return Text() ?? throw error;
    }

    /// <summary>The value of an XÖV code element: <c>&lt;x listURI=…&gt;&lt;code&gt;…&lt;/code&gt;&lt;/x&gt;</c>, code unqualified.</summary>
    public string Code()
    {
        var element = Qualified(reader.LocalName);
        var missing = Error($"Missing <code> in {element}");
        string? code = null;
        if (reader.IsEmptyElement)
        {
            reader.Read();
            throw missing;
        }

        reader.Read();
        while (reader.NodeType != XmlNodeType.EndElement)
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName is "code" or "name" && reader.NamespaceURI.Length == 0)
            {
                var isCode = reader.LocalName == "code";
                if (isCode && code is not null)
                {
                    throw Error($"Duplicate <code> in {element}");
                }

                var value = Text();
                code = isCode ? value : code;
            }
            else if (reader.NodeType == XmlNodeType.Element)
            {
                throw Error($"Unexpected element <{reader.Name}> in {element}");
            }
            else if (reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA && !string.IsNullOrWhiteSpace(reader.Value))
            {
                throw Error($"Unexpected text in {element}");
            }
            else if (reader.NodeType == XmlNodeType.None)
            {
                throw Error($"The document ends inside {element}");
            }
            else
            {
                reader.Read();
            }
        }

        reader.Read();
        return code ?? throw missing;
    }

    public void Skip() => reader.Skip();

    public string Qualified(string localName) => $"<{prefix}:{localName}>";

    /// <summary>An error at the reader's current position.</summary>
    public XdfFormatException Error(string problem)
    {
        var position = reader is IXmlLineInfo { } info && info.HasLineInfo()
            ? $" (line {info.LineNumber}, column {info.LinePosition})"
            : string.Empty;
        return new XdfFormatException($"{problem}{position}.");
    }
}
