using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace EfaGateway.Mappers.Pdf;

/// <summary>
/// Flows text down A4 pages: wraps long text to a column width, starts a new page when one is full (splitting a long
/// value across pages), and numbers the pages "Seite x von y" once the total is known. Public so the gateway's other
/// documents (the privacy documentation in the host) look and wrap like the application summary.
/// </summary>
public sealed class PageFlow : IDisposable
{
    public const double Margin = 56.7; // 2 cm
    private const double FooterHeight = 28;
    private const double ColumnGap = 12;

    private readonly PdfDocument document;
    private readonly string footerLeft;
    private XGraphics? graphics;
    private double y;

    public PageFlow(PdfDocument document, string footerLeft)
    {
        this.document = document;
        this.footerLeft = footerLeft;
        Regular = new XFont(EmbeddedFontResolver.FamilyName, 10, XFontStyleEx.Regular, XPdfFontOptions.UnicodeDefault);
        Bold = new XFont(EmbeddedFontResolver.FamilyName, 10, XFontStyleEx.Bold, XPdfFontOptions.UnicodeDefault);
        Small = new XFont(EmbeddedFontResolver.FamilyName, 8, XFontStyleEx.Regular, XPdfFontOptions.UnicodeDefault);
        NewPage();
    }

    public XFont Regular { get; }

    public XFont Bold { get; }

    public XFont Small { get; }

    private XGraphics Graphics => graphics ?? throw new ObjectDisposedException(nameof(PageFlow));

    private double ContentWidth => PageWidth - (2 * Margin);

    private double PageWidth => document.Pages[0].Width.Point;

    private double Bottom => document.Pages[0].Height.Point - Margin - FooterHeight;

    public static XFont Font(double size, bool bold) =>
        new(EmbeddedFontResolver.FamilyName, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, XPdfFontOptions.UnicodeDefault);

    /// <summary>A paragraph across the full width, kept whole on one page when it fits one.</summary>
    public void Paragraph(string text, XFont font, double spaceAfter = 4)
    {
        var lines = Wrap(text, font, ContentWidth);
        var height = font.GetHeight();
        KeepTogether(Math.Min(lines.Count, 3) * height);
        foreach (var line in lines)
        {
            KeepTogether(height);
            Graphics.DrawString(line, font, XBrushes.Black, Margin, y, XStringFormats.TopLeft);
            y += height;
        }

        y += spaceAfter;
    }

    /// <summary>A heading, never left alone at the bottom of a page.</summary>
    public void Heading(string text, XFont font)
    {
        KeepTogether(font.GetHeight() + (3 * Regular.GetHeight()));
        y += 6;
        Paragraph(text, font, spaceAfter: 2);
        Graphics.DrawLine(XPens.Gray, Margin, y, Margin + ContentWidth, y);
        y += 5;
    }

    /// <summary>A label/value row: label in the left column, value in the right, both wrapped; long values continue on the next page.</summary>
    public void Row(string label, string value, double labelShare = 0.38)
    {
        var labelWidth = (ContentWidth * labelShare) - (ColumnGap / 2);
        var valueX = Margin + labelWidth + ColumnGap;
        var valueWidth = ContentWidth - labelWidth - ColumnGap;
        var labels = Wrap(label, Bold, labelWidth);
        var values = Wrap(value, Regular, valueWidth);
        var height = Regular.GetHeight();
        var total = Math.Max(labels.Count, values.Count);

        // Start a row on a new page rather than leave a lone first line behind.
        KeepTogether(Math.Min(total, 2) * height);
        var done = 0;
        while (done < total)
        {
            var fit = Math.Max(1, (int)((Bottom - y) / height));
            var take = Math.Min(fit, total - done);
            // Labels first, then values: text extraction and screen readers get "label value", not interleaved lines.
            for (var i = done; i < Math.Min(done + take, labels.Count); i++)
            {
                Graphics.DrawString(labels[i], Bold, XBrushes.DimGray, Margin, y + ((i - done) * height), XStringFormats.TopLeft);
            }

            for (var i = done; i < Math.Min(done + take, values.Count); i++)
            {
                Graphics.DrawString(values[i], Regular, XBrushes.Black, valueX, y + ((i - done) * height), XStringFormats.TopLeft);
            }

            done += take;
            y += take * height;
            if (done < total)
            {
                NewPage();
            }
        }

        y += 3;
    }

    /// <summary>Writes "Seite x von y" on every page; call once, after all content.</summary>
    public void NumberPages()
    {
        graphics?.Dispose();
        graphics = null;
        var count = document.PageCount;
        for (var index = 0; index < count; index++)
        {
            using var gfx = XGraphics.FromPdfPage(document.Pages[index], XGraphicsPdfPageOptions.Append);
            var baseline = document.Pages[index].Height.Point - Margin;
            gfx.DrawLine(XPens.LightGray, Margin, baseline - 4, PageWidth - Margin, baseline - 4);
            gfx.DrawString(footerLeft, Small, XBrushes.DimGray, Margin, baseline, XStringFormats.TopLeft);
            gfx.DrawString($"Seite {index + 1} von {count}", Small, XBrushes.DimGray, PageWidth - Margin, baseline, XStringFormats.TopRight);
        }
    }

    public void Dispose()
    {
        graphics?.Dispose();
        graphics = null;
    }

    private void KeepTogether(double height)
    {
        if (y + height > Bottom && y > Margin)
        {
            NewPage();
        }
    }

    private void NewPage()
    {
        graphics?.Dispose();
        var page = document.AddPage();
        page.Size = PageSize.A4;
        graphics = XGraphics.FromPdfPage(page);
        y = Margin;
    }

    private List<string> Wrap(string text, XFont font, double width)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.ReplaceLineEndings("\n").Replace('\t', ' ').Split('\n'))
        {
            var current = string.Empty;
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = current.Length == 0 ? word : current + " " + word;
                if (Fits(candidate, font, width))
                {
                    current = candidate;
                    continue;
                }

                if (current.Length > 0)
                {
                    lines.Add(current);
                }

                current = BreakLongWord(word, font, width, lines);
            }

            lines.Add(current);
        }

        return lines;
    }

    /// <summary>Cuts a word wider than the column (an IBAN, a URL) into pieces that fit; returns the last piece.</summary>
    private string BreakLongWord(string word, XFont font, double width, List<string> lines)
    {
        var rest = word;
        while (rest.Length > 1 && !Fits(rest, font, width))
        {
            // Binary search for the longest prefix that fits.
            int low = 1, high = rest.Length - 1;
            while (low < high)
            {
                var mid = (low + high + 1) / 2;
                if (Fits(rest[..mid], font, width))
                {
                    low = mid;
                }
                else
                {
                    high = mid - 1;
                }
            }

            // Never split a surrogate pair.
            var cut = low > 1 && char.IsHighSurrogate(rest[low - 1]) ? low - 1 : low;
            lines.Add(rest[..cut]);
            rest = rest[cut..];
        }

        return rest;
    }

    private bool Fits(string text, XFont font, double width) => Graphics.MeasureString(text, font).Width <= width;
}
