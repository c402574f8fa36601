using System.Globalization;
using EfaGateway.Mappers.Pdf;
using PdfSharp.Pdf;
using PdfSharp.UniversalAccessibility;

namespace EfaGateway.Host.Privacy;

/// <summary>
/// Writes the documentation as an A4 PDF with the application summary's layout and embedded fonts (Mappers/Pdf's
/// <see cref="PageFlow"/>), and tags it through PDFsharp's structure builder: document language, headings H1–H3,
/// paragraphs, list items and one paragraph per table row, so screen readers get the reading order and the headings.
/// </summary>
public static class PrivacyPdfWriter
{
    public static byte[] Write(PrivacyDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        PdfFontSetup.EnsureInstalled();
        using var pdf = new PdfDocument();
        var created = document.AsOf.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        pdf.Info.Title = $"{document.Title} – {document.TenantName}";
        pdf.Info.Subject = "Verzeichnis von Verarbeitungstätigkeiten (Art. 30 DSGVO) und Datenschutzerklärung (Art. 13 DSGVO), Entwurf";
        pdf.Info.Creator = "EfaGateway";
        // From the document's date, not the clock: the same configuration on the same day gives the same file.
        pdf.Info.CreationDate = created;
        pdf.Info.ModificationDate = created;
        pdf.PageLayout = PdfPageLayout.SinglePage;
        pdf.Language = "de-DE";

        // The structure builder must exist before the first page, so it sees every page the flow adds.
        var structure = UAManager.ForDocument(pdf).StructureBuilder;
        using (var flow = new PageFlow(pdf, $"{document.TenantName} · {document.Title}"))
        {
            Tagged(structure, PdfBlockLevelElementTag.Heading1, () => flow.Paragraph(document.Title, PageFlow.Font(16, bold: true), spaceAfter: 2));
            Tagged(structure, PdfBlockLevelElementTag.Paragraph, () => flow.Paragraph(
                $"{document.TenantName} · Stand: {document.AsOf.ToString("dd'.'MM'.'yyyy", CultureInfo.InvariantCulture)}",
                PageFlow.Font(11, bold: false), spaceAfter: 8));
            foreach (var block in document.Blocks)
            {
                Write(flow, structure, block);
            }

            // Page numbers are decoration (pagination artifacts), outside the tagged content.
            structure.BeginArtifact();
            flow.NumberPages();
            structure.End();
        }

        using var output = new MemoryStream();
        pdf.Save(output, closeStream: false);
        return output.ToArray();
    }

    private static void Write(PageFlow flow, StructureBuilder structure, PrivacyBlock block)
    {
        switch (block)
        {
            case PrivacyHeading { Level: <= 2 } heading:
                Tagged(structure, PdfBlockLevelElementTag.Heading2, () => flow.Heading(heading.Text, PageFlow.Font(13, bold: true)));
                break;
            case PrivacyHeading heading:
                Tagged(structure, PdfBlockLevelElementTag.Heading3, () => flow.Paragraph(heading.Text, PageFlow.Font(11, bold: true), spaceAfter: 2));
                break;
            case PrivacyParagraph paragraph:
                Tagged(structure, PdfBlockLevelElementTag.Paragraph, () => flow.Paragraph(paragraph.Text, flow.Regular));
                break;
            case PrivacyList list:
                structure.BeginElement(PdfBlockLevelElementTag.List);
                foreach (var item in list.Items)
                {
                    structure.BeginElement(PdfBlockLevelElementTag.ListItem);
                    Tagged(structure, PdfBlockLevelElementTag.ListBody, () => flow.Paragraph("• " + item, flow.Regular, spaceAfter: 2));
                    structure.End();
                }

                structure.End();
                break;
            case PrivacyTable table:
                Tagged(structure, PdfBlockLevelElementTag.Paragraph, () => flow.Paragraph(table.Caption, flow.Bold, spaceAfter: 2));
                foreach (var row in table.Rows)
                {
                    // A row reads "first cell, then each further cell under its column header": the PDF has no grid
                    // to lose columns in, and a screen reader hears each value with what it means.
                    var values = row.Skip(1).Select((value, i) => $"{table.Headers[i + 1]}: {value}");
                    Tagged(structure, PdfBlockLevelElementTag.Paragraph, () => flow.Row(row[0], string.Join("\n", values)));
                }

                break;
        }
    }

    private static void Tagged(StructureBuilder structure, PdfBlockLevelElementTag tag, Action draw)
    {
        structure.BeginElement(tag);
        draw();
        structure.End();
    }
}
