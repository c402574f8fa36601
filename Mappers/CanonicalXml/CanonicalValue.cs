using System.Globalization;
using System.Text.Json;
using EfaGateway.Core.Processes;

namespace EfaGateway.Mappers.CanonicalXml;

/// <summary>
/// A field's value from the data JSON in its canonical lexical form (see the comment at the top of the XSD).
/// The data was checked at intake; a value of the wrong kind here means a bug or tampering and fails the mapping.
/// </summary>
internal static class CanonicalValue
{
    private static readonly string[] TimeFormats = ["HH':'mm", "HH':'mm':'ss"];
    private static readonly string[] DateTimeFormats = ["yyyy'-'MM'-'dd'T'HH':'mm", "yyyy'-'MM'-'dd'T'HH':'mm':'ss"];

    /// <summary>The value as a string, or null when the field is not filled in.</summary>
    public static string? Read(FieldDefinition field, JsonElement value)
    {
        if (IsEmpty(value))
        {
            return null;
        }

        return field.Type switch
        {
            FieldType.Text or FieldType.TextLatin or FieldType.Select when value.ValueKind == JsonValueKind.String => value.GetString()!,
            FieldType.Date when value.ValueKind == JsonValueKind.String &&
                DateOnly.TryParseExact(value.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                => date.ToString("yyyy'-'MM'-'dd", CultureInfo.InvariantCulture),
            FieldType.Time or FieldType.DateTime when value.ValueKind == JsonValueKind.String &&
                DateTime.TryParseExact(value.GetString(), field.Type == FieldType.Time ? TimeFormats : DateTimeFormats,
                    CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
                => value.GetString()!,
            FieldType.Bool when value.ValueKind == JsonValueKind.True => "true",
            FieldType.Bool when value.ValueKind == JsonValueKind.False => "false",
            FieldType.Num or FieldType.NumCurrency when value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number)
                => number.ToString(CultureInfo.InvariantCulture),
            FieldType.NumInt when value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var integer) &&
                decimal.Truncate(integer) == integer
                => decimal.Truncate(integer).ToString(CultureInfo.InvariantCulture),
            _ => throw new CanonicalMappingException(
                $"Field '{field.Id}' holds a value that is not a valid {FieldTypeNames.Name(field.Type)}."),
        };
    }

    // Mirrors intake: null and blank strings count as not filled in.
    public static bool IsEmpty(JsonElement value) =>
        value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined ||
        (value.ValueKind == JsonValueKind.String && string.IsNullOrWhiteSpace(value.GetString()));
}
