using System.Globalization;
using System.Text.Json;
using EfaGateway.Core.Processes;
using EfaGateway.Core.Submissions;

namespace EfaGateway.Mappers.Pdf;

/// <summary>
/// How values read to German staff and citizens. Separators are fixed here rather than taken from the OS's ICU data,
/// so the same submission renders the same on every machine.
/// </summary>
internal static class GermanFormat
{
    public const string Missing = "—";

    private static readonly NumberFormatInfo Numbers = new()
    {
        NumberDecimalSeparator = ",",
        NumberGroupSeparator = ".",
        NumberGroupSizes = [3],
        NegativeSign = "-",
    };

    /// <summary>e.g. "26.11.2026, 11:00 Uhr" — the instant in German civil time (CET/CEST).</summary>
    public static string ReceivedAt(DateTimeOffset instant)
    {
        var local = EfaGateway.Core.Time.GermanCivilTime.ToLocal(instant);
        return local.ToString("dd'.'MM'.'yyyy', 'HH':'mm' Uhr'", CultureInfo.InvariantCulture);
    }

    /// <summary>The display text of a field, or null when it is not filled in.</summary>
    /// <param name="value">The field's member of its container (default when absent).</param>
    /// <param name="path">The field's data path, which attachments are keyed by.</param>
    public static string? Value(FieldDefinition field, JsonElement value, string path, IReadOnlyList<Attachment> attachments)
    {
        if (field.Type == FieldType.File)
        {
            var names = attachments.Where(a => a.FieldId == path).Select(a => a.FileName ?? "Datei").ToList();
            return names.Count == 0 ? null : string.Join(", ", names);
        }

        if (value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined ||
            (value.ValueKind == JsonValueKind.String && string.IsNullOrWhiteSpace(value.GetString())))
        {
            return null;
        }

        return field.Type switch
        {
            FieldType.Bool when value.ValueKind is JsonValueKind.True => "Ja",
            FieldType.Bool when value.ValueKind is JsonValueKind.False => "Nein",
            FieldType.Date when value.ValueKind == JsonValueKind.String &&
                DateOnly.TryParseExact(value.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                => date.ToString("dd'.'MM'.'yyyy", CultureInfo.InvariantCulture),
            FieldType.DateTime when value.ValueKind == JsonValueKind.String &&
                DateTime.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.None, out var moment)
                => moment.ToString("dd'.'MM'.'yyyy', 'HH':'mm' Uhr'", CultureInfo.InvariantCulture),
            FieldType.Time when value.ValueKind == JsonValueKind.String => $"{value.GetString()} Uhr",
            FieldType.NumCurrency when value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var amount)
                => decimal.Round(amount, 2).ToString("N2", Numbers) + " €",
            FieldType.Num or FieldType.NumInt when value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number)
                => Number(number),
            FieldType.Select when value.ValueKind == JsonValueKind.String => OptionLabel(field, value.GetString()!),
            // Text, and anything of an unexpected kind: shown as it was stored rather than hidden, staff must see it.
            _ => value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText(),
        };
    }

    /// <summary>German separators; thousands grouped only from five digits on (DIN 5008), decimals as entered.</summary>
    public static string Number(decimal number)
    {
        var decimals = number.Scale;
        var format = Math.Abs(number) >= 10_000m ? "N" : "F";
        return number.ToString(format + decimals.ToString(CultureInfo.InvariantCulture), Numbers);
    }

    /// <summary>e.g. "512 Byte", "245,8 KB", "3,1 MB".</summary>
    public static string FileSize(long bytes) => bytes switch
    {
        < 1024 => $"{bytes.ToString(CultureInfo.InvariantCulture)} Byte",
        < 1024 * 1024 => $"{(bytes / 1024m).ToString("0.#", Numbers)} KB",
        _ => $"{(bytes / (1024m * 1024m)).ToString("0.#", Numbers)} MB",
    };

    private static string OptionLabel(FieldDefinition field, string chosen) =>
        field.Options.FirstOrDefault(o => o.Value == chosen)?.Label.De ?? chosen;
}
