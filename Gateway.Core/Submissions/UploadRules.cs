using System.Buffers;

namespace EfaGateway.Core.Submissions;

/// <summary>File-name and content checks that hold for every upload, whatever the field says.</summary>
public static class UploadRules
{
    private static readonly SearchValues<char> Forbidden = SearchValues.Create("/\\:*?\"<>|");
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] JpegSignature = [0xFF, 0xD8, 0xFF];

    /// <summary>
    /// A plain file name: no path, no traversal, no control characters, at most 255 characters, and only characters of
    /// DIN 91379 (like every other text of an application): the name travels in XÖV messages, xdomea exports and
    /// FIT-Connect metadata, and one of those refusing it later would make an accepted application undeliverable.
    /// That also keeps out direction overrides (U+202E) that make "antrag\u202Efdp.exe" look like "antragexe.pdf".
    /// </summary>
    public static bool IsSafeFileName(string? name) =>
        !string.IsNullOrWhiteSpace(name) &&
        name.Length <= 255 &&
        name is not "." and not ".." &&
        name.AsSpan().IndexOfAny(Forbidden) < 0 &&
        !name.Any(char.IsControl) &&
        XmlSafeText.IsValid(name) &&
        Din91379.Din91379.IsValid(name) &&
        name.Trim() == name;

    /// <summary>For the types we can recognise, the content must start with that type's signature.</summary>
    public static bool ContentMatchesMediaType(string mediaType, ReadOnlySpan<byte> content) => mediaType.ToLowerInvariant() switch
    {
        "application/pdf" => content.StartsWith("%PDF-"u8),
        "image/png" => content.StartsWith(PngSignature),
        "image/jpeg" => content.StartsWith(JpegSignature),
        _ => true,
    };
}
