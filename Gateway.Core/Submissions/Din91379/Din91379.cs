using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml;

namespace EfaGateway.Core.Submissions.Din91379;

/// <summary>
/// The DIN 91379 character set as XÖV types it: the pattern of <c>datatypeC</c> ("all normative characters"), read
/// from KoSIT's own XSD so it cannot drift from what the XÖV schemas validate. Text outside it cannot go into an
/// XÖV message, so the form refuses it up front and names the characters to replace.
/// </summary>
public static class Din91379
{
    private const string ResourceName = "din-norm-91379-datatypes.xsd";
    private const string DataType = "datatypeC";

    private static readonly Lazy<Regex> Pattern = new(Load);

    public static bool IsValid(string text) => Pattern.Value.IsMatch(text);

    /// <summary>The characters (grapheme clusters) of <paramref name="text"/> outside the set, each once, in order.</summary>
    public static IReadOnlyList<string> InvalidCharacters(string text)
    {
        if (IsValid(text))
        {
            return [];
        }

        var found = new List<string>();
        var elements = StringInfo.GetTextElementEnumerator(text);
        while (elements.MoveNext())
        {
            var element = elements.GetTextElement();
            if (!Pattern.Value.IsMatch(element) && !found.Contains(element))
            {
                found.Add(element);
            }
        }

        return found;
    }

    private static Regex Load()
    {
        using var stream = typeof(Din91379).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing.");
        using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        var inType = false;
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element || reader.NamespaceURI != "http://www.w3.org/2001/XMLSchema")
            {
                continue;
            }

            if (reader.LocalName == "simpleType")
            {
                inType = reader.GetAttribute("name") == DataType;
            }
            else if (inType && reader.LocalName == "pattern")
            {
                // An XSD pattern matches the whole value; the ones in this file use only constructs .NET reads alike.
                // Compiled: every text field of every application is checked, and the interpreter walking this large
                // alternation was a visible share of a submit's CPU.
                return new Regex($"^(?:{reader.GetAttribute("value")})\\z", RegexOptions.CultureInvariant | RegexOptions.Compiled, TimeSpan.FromSeconds(1));
            }
        }

        throw new InvalidOperationException($"{ResourceName} has no pattern for {DataType}.");
    }
}
