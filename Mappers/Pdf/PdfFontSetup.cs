using PdfSharp.Fonts;

namespace EfaGateway.Mappers.Pdf;

/// <summary>
/// Installs <see cref="EmbeddedFontResolver"/> once per process. PDFsharp accepts a font resolver only once, before the
/// first font is used; setting the same type again is ignored by PDFsharp, anything else throws.
/// </summary>
public static class PdfFontSetup
{
    private static readonly Lock Gate = new();
    private static volatile bool done;

    public static void EnsureInstalled()
    {
        if (done)
        {
            return;
        }

        lock (Gate)
        {
            if (done)
            {
                return;
            }

            var current = GlobalFontSettings.FontResolver;
            if (current is null)
            {
                GlobalFontSettings.FontResolver = new EmbeddedFontResolver();
            }
            else if (current is not EmbeddedFontResolver && GlobalFontSettings.FallbackFontResolver is null)
            {
                // Someone else in the process installed a resolver of their own. It does not know our family name, and
                // PDFsharp asks the fallback resolver for what the main one cannot resolve.
                GlobalFontSettings.FallbackFontResolver = new EmbeddedFontResolver();
            }

            done = true;
        }
    }
}
