using System.Text.Json;
using EfaGateway.Core.Processes;
using EfaGateway.Core.Submissions;
using PdfSharp.Pdf;

namespace EfaGateway.Mappers.Pdf;

/// <summary>
/// Lays out the human-readable summary of an application: header, every section with every field (blank ones as "—"
/// so staff see what was not answered), and the list of attachments.
/// </summary>
internal static class SummaryRenderer
{
    public static byte[] Render(TenantProcess tenantProcess, Submission submission, JsonElement data)
    {
        PdfFontSetup.EnsureInstalled();
        var process = tenantProcess.Process;
        var title = process.Title.De;

        using var document = new PdfDocument();
        document.Info.Title = $"{title} – {submission.Vorgangsnummer}";
        document.Info.Subject = tenantProcess.TenantName;
        document.Info.Creator = "EfaGateway";
        // From the submission, not the clock: re-rendering the same application yields the same document.
        document.Info.CreationDate = submission.ReceivedAt.UtcDateTime;
        document.Info.ModificationDate = submission.ReceivedAt.UtcDateTime;
        document.PageLayout = PdfPageLayout.SinglePage;
        document.Language = "de-DE";

        // Deflate was half of the rendering time (the embedded font subsets and the page streams, at zlib's default
        // level). The fastest level makes the summary a little larger but is still a compressed, valid PDF, and the
        // output stays deterministic; a staff summary of a few pages is not worth the extra CPU per application.
        document.Options.FlateEncodeMode = PdfFlateEncodeMode.BestSpeed;

        using (var flow = new PageFlow(document, $"{tenantProcess.TenantName} · Vorgangsnummer {submission.Vorgangsnummer}"))
        {
            flow.Paragraph(tenantProcess.TenantName, PageFlow.Font(16, bold: true), spaceAfter: 2);
            flow.Paragraph(title, PageFlow.Font(13, bold: false), spaceAfter: 10);
            flow.Row("Vorgangsnummer", submission.Vorgangsnummer);
            flow.Row("Eingegangen am", GermanFormat.ReceivedAt(submission.ReceivedAt));

            var sectionFont = PageFlow.Font(12, bold: true);
            var elements = new ElementRows(flow, submission.Attachments);
            foreach (var section in process.Sections)
            {
                flow.Heading(section.Title.De, sectionFont);
                elements.Write(section.Elements, data, null);
            }

            flow.Heading("Anlagen", sectionFont);
            if (submission.Attachments.Count == 0)
            {
                flow.Paragraph("Keine Anlagen.", flow.Regular);
            }

            foreach (var attachment in submission.Attachments)
            {
                flow.Row(attachment.FileName ?? "Datei", $"{attachment.MediaType}, {GermanFormat.FileSize(attachment.Size)}");
            }

            flow.NumberPages();
        }

        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
    }
}
