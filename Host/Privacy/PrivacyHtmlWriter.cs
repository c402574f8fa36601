using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace EfaGateway.Host.Privacy;

/// <summary>
/// Writes the documentation as one standalone HTML file the municipality opens and edits in any editor or word
/// processor: no scripts, no external resources, German, headings in order, tables with caption and header cells.
/// Every text is encoded — labels and titles are operator input.
/// </summary>
public static class PrivacyHtmlWriter
{
    // Umlauts stay readable in the file the municipality edits; markup characters are always encoded.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private const string Style = """
        body { font-family: system-ui, "Segoe UI", Arial, sans-serif; line-height: 1.5; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #1a1a1a; }
        table { border-collapse: collapse; width: 100%; margin: 1rem 0; }
        caption { text-align: left; font-weight: bold; padding: .25rem 0; }
        th, td { border: 1px solid #767676; padding: .4rem; text-align: left; vertical-align: top; }
        thead th { background: #e8e8e8; }
        mark { background: #ffe066; color: #000; }
        """;

    public static string Write(PrivacyDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"de\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(Encode(document.Title)).Append(" – ").Append(Encode(document.TenantName)).Append("</title>\n")
            .Append("<style>\n").Append(Style).Append("</style>\n</head>\n<body>\n<main>\n")
            .Append("<h1>").Append(Encode(document.Title)).Append("</h1>\n")
            .Append("<p><strong>").Append(Encode(document.TenantName)).Append("</strong> · Stand: <time datetime=\"")
            .Append(document.AsOf.ToString("yyyy'-'MM'-'dd", CultureInfo.InvariantCulture)).Append("\">")
            .Append(document.AsOf.ToString("dd'.'MM'.'yyyy", CultureInfo.InvariantCulture)).Append("</time></p>\n");
        foreach (var block in document.Blocks)
        {
            switch (block)
            {
                case PrivacyHeading heading:
                    var level = Math.Clamp(heading.Level, 2, 6).ToString(CultureInfo.InvariantCulture);
                    html.Append("<h").Append(level).Append('>').Append(Text(heading.Text)).Append("</h").Append(level).Append(">\n");
                    break;
                case PrivacyParagraph paragraph:
                    html.Append("<p>").Append(Text(paragraph.Text)).Append("</p>\n");
                    break;
                case PrivacyList list:
                    html.Append("<ul>\n");
                    foreach (var item in list.Items)
                    {
                        html.Append("<li>").Append(Text(item)).Append("</li>\n");
                    }

                    html.Append("</ul>\n");
                    break;
                case PrivacyTable table:
                    WriteTable(html, table);
                    break;
            }
        }

        html.Append("</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void WriteTable(StringBuilder html, PrivacyTable table)
    {
        html.Append("<table>\n<caption>").Append(Text(table.Caption)).Append("</caption>\n<thead>\n<tr>");
        foreach (var header in table.Headers)
        {
            html.Append("<th scope=\"col\">").Append(Text(header)).Append("</th>");
        }

        html.Append("</tr>\n</thead>\n<tbody>\n");
        foreach (var row in table.Rows)
        {
            html.Append("<tr>");
            for (var i = 0; i < row.Count; i++)
            {
                html.Append(i == 0 ? "<th scope=\"row\">" : "<td>").Append(Text(row[i])).Append(i == 0 ? "</th>" : "</td>");
            }

            html.Append("</tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
    }

    /// <summary>Encoded text with each placeholder highlighted, so the gaps catch the eye of whoever completes the document.</summary>
    private static string Text(string text)
    {
        var parts = text.Split(PrivacyText.Placeholder);
        return string.Join($"<mark>{Encode(PrivacyText.Placeholder)}</mark>", parts.Select(Encode));
    }

    private static string Encode(string text) => Encoder.Encode(text);
}
