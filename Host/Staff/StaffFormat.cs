using System.Globalization;

namespace EfaGateway.Host.Staff;

/// <summary>
/// Times, dates and sizes on the staff pages: German civil time (Europe/Berlin), German separators, or English with the
/// same digits. Fixed formats rather than the OS's ICU data, so every host shows the same.
/// </summary>
public static class StaffFormat
{
    private static readonly NumberFormatInfo GermanNumbers = new() { NumberDecimalSeparator = ",", NumberGroupSeparator = "." };

    /// <summary>The instant as a wall-clock time in Germany.</summary>
    public static DateTime Berlin(DateTimeOffset instant) => EfaGateway.Core.Time.GermanCivilTime.ToLocal(instant);

    /// <summary>"26.11.2026, 10:00 Uhr" or "26 Nov 2026, 10:00".</summary>
    public static string Time(DateTimeOffset instant, bool english) =>
        Berlin(instant).ToString(english ? "d MMM yyyy', 'HH':'mm" : "dd'.'MM'.'yyyy', 'HH':'mm' Uhr'", CultureInfo.InvariantCulture);

    /// <summary>"24.02.2027" or "24 Feb 2027".</summary>
    public static string Date(DateTimeOffset instant, bool english) =>
        Berlin(instant).ToString(english ? "d MMM yyyy" : "dd'.'MM'.'yyyy", CultureInfo.InvariantCulture);

    /// <summary>The machine-readable value for a <c>&lt;time datetime&gt;</c> element.</summary>
    public static string Iso(DateTimeOffset instant) => instant.ToUniversalTime().ToString("yyyy-MM-dd'T'HH':'mm':'ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>"512 Byte", "12,3 KB", "4,1 MB" (English: "12.3 KB").</summary>
    public static string Size(long bytes, bool english)
    {
        var numbers = english ? NumberFormatInfo.InvariantInfo : GermanNumbers;
        return bytes switch
        {
            < 1024 => $"{bytes.ToString(CultureInfo.InvariantCulture)} {(english ? "bytes" : "Byte")}",
            < 1024 * 1024 => $"{(bytes / 1024m).ToString("0.#", numbers)} KB",
            _ => $"{(bytes / (1024m * 1024m)).ToString("0.#", numbers)} MB",
        };
    }

    /// <summary>A short name for the file's media type, for people rather than programs.</summary>
    public static string Kind(string mediaType) => mediaType.Split(';')[0].Trim().ToLowerInvariant() switch
    {
        "application/pdf" => "PDF",
        "application/xml" or "text/xml" => "XML",
        "application/json" => "JSON",
        "image/jpeg" => "JPEG",
        "image/png" => "PNG",
        "image/tiff" => "TIFF",
        "text/plain" => "Text",
        var other => other,
    };
}
