using System.Xml;

namespace EfaGateway.Core.Submissions;

/// <summary>
/// Whether a string can travel in every artifact we produce. Every value ends up in XML (XÖV, canonical XML) and PDF,
/// so a character XML 1.0 forbids (U+FFFE, U+FFFF, most C0 controls, a lone surrogate) would make an accepted
/// application undeliverable; such input is refused at the door instead.
/// </summary>
public static class XmlSafeText
{
    public static bool IsValid(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (XmlConvert.IsXmlChar(c))
            {
                continue;
            }

            if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], c))
            {
                i++;
                continue;
            }

            return false;
        }

        return true;
    }
}
