using System.Globalization;
using EfaGateway.Mappers.Pdf;
using PdfSharp.Pdf;

namespace EfaGateway.Host.Privacy;

/// <summary>
/// Writes the documentation as an A4 PDF with the application summary's layout, embedded fonts and page numbers
/// (Mappers/Pdf's <see cref="PageFlow"/>), with document language and title set. It is not tagged: PDFsharp's
/// structure builder (UAManager) refuses drawing on any page but the newest, and PageFlow numbers the pages
/// ("Seite x von y") once all are written. Each numbered heading becomes a bookmark for navigation. The HTML is the
/// accessible, editable version of the same content.
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
        pdf.PageMode = PdfPageMode.UseOutlines;

        using (var flow = new PageFlow(pdf, $"{document.TenantName} · {document.Title}"))
        {
            flow.Paragraph(document.Title, PageFlow.Font(16, bold: true), spaceAfter: 2);
            flow.Paragraph($"{document.TenantName} · Stand: {document.AsOf.ToString("dd'.'MM'.'yyyy", CultureInfo.InvariantCulture)}",
                PageFlow.Font(11, bold: false), spaceAfter: 8);
            foreach (var block in document.Blocks)
            {
                Write(pdf, flow, block);
            }

            flow.NumberPages();
        }

        using var output = new MemoryStream();
        pdf.Save(output, closeStream: false);
        return output.ToArray();
    }

    private static void Write(PdfDocument pdf, PageFlow flow, PrivacyBlock block)
    {
        switch (block)
        {
            case PrivacyHeading { Level: <= 2 } heading:
                flow.Heading(heading.Text, PageFlow.Font(13, bold: true));
                // The heading sits on the newest page: the flow only ever adds pages at the end.
                pdf.Outlines.Add(heading.Text, pdf.Pages[pdf.PageCount - 1], opened: true);
                break;
            case PrivacyHeading heading:
                flow.Paragraph(heading.Text, PageFlow.Font(11, bold: true), spaceAfter: 2);
                break;
            case PrivacyParagraph paragraph:
                flow.Paragraph(paragraph.Text, flow.Regular);
                break;
            case PrivacyList list:
                foreach (var item in list.Items)
                {
                    flow.Paragraph("• " + item, flow.Regular, spaceAfter: 2);
                }

                break;
            case PrivacyTable table:
                flow.Paragraph(table.Caption, flow.Bold, spaceAfter: 2);
                foreach (var row in table.Rows)
                {
                    // A row reads "first cell, then each further cell under its column header": the PDF has no grid
                    // to lose columns in, and a screen reader hears each value with what it means.
                    var values = row.Skip(1).Select((value, i) => $"{table.Headers[i + 1]}: {value}");
                    flow.Row(row[0], string.Join("\n", values));
                }

                break;
        }
    }
}
