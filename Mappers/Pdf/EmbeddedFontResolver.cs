using System.Collections.Concurrent;
using PdfSharp.Fonts;

namespace EfaGateway.Mappers.Pdf;

/// <summary>
/// Serves the DejaVu Sans faces embedded in this assembly (licence: Fonts/LICENSE-DejaVu.txt) under one family name of
/// our own, so no OS font is ever needed and no other resolver's family is shadowed.
/// </summary>
public sealed class EmbeddedFontResolver : IFontResolver
{
    /// <summary>The family name documents ask for.</summary>
    public const string FamilyName = "EfaGateway Sans";

    private const string RegularFace = "EfaGateway-DejaVuSans";
    private const string BoldFace = "EfaGateway-DejaVuSans-Bold";

    private static readonly ConcurrentDictionary<string, byte[]> Cache = new(StringComparer.Ordinal);

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic)
    {
        if (!string.Equals(familyName, FamilyName, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        // No italic face is shipped: PDFsharp slants the upright one when asked for italic.
        return new FontResolverInfo(bold ? BoldFace : RegularFace, mustSimulateBold: false, mustSimulateItalic: italic);
    }

    public byte[]? GetFont(string faceName) => faceName switch
    {
        RegularFace => Load("DejaVuSans.ttf"),
        BoldFace => Load("DejaVuSans-Bold.ttf"),
        _ => null,
    };

    private static byte[] Load(string file) => Cache.GetOrAdd(file, static name =>
    {
        var resource = $"EfaGateway.Mappers.Pdf.Fonts.{name}";
        using var stream = typeof(EmbeddedFontResolver).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Font resource '{resource}' is missing from the assembly.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });
}
