using System.Text;

namespace EfaGateway.Mappers.Xdomea;

/// <summary>
/// A file's entry in the xdomea code list "Dateiformat" (urn:xoev-de:xdomea:codeliste:dateiformat, version 1.0, the
/// version the xdomea 3.0.0 sample messages reference; codes as published with xdomea 2.3/2.4), plus the format version
/// the message's <c>Format/Version</c> requires.
/// </summary>
internal sealed record Dateiformat(string Code, string? SonstigerName, string Version)
{
    public const string ListUri = "urn:xoev-de:xdomea:codeliste:dateiformat";
    public const string ListVersionId = "1.0";

    /// <summary>"Sonstiges": the list's code for every format it does not name; the format is then named in SonstigerName.</summary>
    private const string Sonstiges = "100";

    // By file extension, as the list itself is organised ("pdf - Portable Document Format", "jpg - JPEG …").
    private static readonly Dictionary<string, string> Codes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["doc"] = "003", ["eml"] = "006", ["htm"] = "007", ["html"] = "008", ["jpe"] = "009", ["jpeg"] = "010",
        ["jpg"] = "011", ["msg"] = "012", ["ods"] = "014", ["odt"] = "015", ["pdf"] = "018", ["png"] = "019",
        ["rtf"] = "022", ["tif"] = "023", ["tiff"] = "024", ["xls"] = "028", ["xml"] = "030", ["docx"] = "035",
        ["xlsx"] = "036", ["txt"] = "045",
    };

    /// <summary>
    /// The entry for a file. Code 044 ("PDF (Archival)", PDF/A) is never claimed: nothing here checks PDF/A conformance,
    /// so every PDF is 018. The version is read from the content where the format states it (PDF header, XML
    /// declaration); otherwise it is left empty rather than guessed.
    /// </summary>
    public static Dateiformat For(string fileName, string mediaType, ReadOnlySpan<byte> content)
    {
        var extension = Path.GetExtension(fileName).TrimStart('.');
        var version = extension.ToUpperInvariant() switch
        {
            "PDF" => PdfVersion(content),
            "XML" => "1.0",
            _ => string.Empty,
        };

        return Codes.TryGetValue(extension, out var code)
            ? new Dateiformat(code, null, version)
            : new Dateiformat(Sonstiges, extension.Length > 0 ? $"{extension.ToLowerInvariant()} ({mediaType})" : mediaType, version);
    }

    /// <summary>"1.7" from a header "%PDF-1.7"; empty when the file does not start like a PDF.</summary>
    private static string PdfVersion(ReadOnlySpan<byte> content)
    {
        ReadOnlySpan<byte> magic = "%PDF-"u8;
        if (!content.StartsWith(magic) || content.Length < magic.Length + 3)
        {
            return string.Empty;
        }

        var candidate = content.Slice(magic.Length, 3);
        return char.IsAsciiDigit((char)candidate[0]) && candidate[1] == (byte)'.' && char.IsAsciiDigit((char)candidate[2])
            ? Encoding.ASCII.GetString(candidate)
            : string.Empty;
    }
}
