using System.Text.RegularExpressions;
using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;

namespace EfaGateway.Mappers.Tests.Pdf;

/// <summary>
/// The text of a PDF as PdfPig reads it back, per page in content-stream order (the order it was drawn: a row's label
/// lines, then its value lines), with every run of white space collapsed to one space.
/// </summary>
internal sealed partial record PdfText(IReadOnlyList<string> Pages, string? Title, string? Creator, string? CreationDate)
{
    public string All => string.Join(" ", Pages);

    public static PdfText Read(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        var pages = document.GetPages().Select(p => Whitespace().Replace(ContentOrderTextExtractor.GetText(p), " ").Trim()).ToList();
        return new PdfText(pages, document.Information.Title, document.Information.Creator, document.Information.CreationDate);
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
