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
    /// <summary>The value as a string, or null when the field is not filled in.</summary>
    public static string? Read(FieldDefinition field, JsonElement data)
    {
        if (!data.TryGetProperty(field.Id, out var value) || IsEmpty(value))
        {
            return null;
        }

        return field.Type switch
        {
            FieldType.Text or FieldType.Select when value.ValueKind == JsonValueKind.String => value.GetString()!,
            FieldType.Date when value.ValueKind == JsonValueKind.String &&
                DateOnly.TryParseExact(value.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                => date.ToString("yyyy'-'MM'-'dd", CultureInfo.InvariantCulture),
            FieldType.Bool when value.ValueKind == JsonValueKind.True => "true",
            FieldType.Bool when value.ValueKind == JsonValueKind.False => "false",
            FieldType.Num when value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number)
                => number.ToString(CultureInfo.InvariantCulture),
            FieldType.NumInt when value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var integer) &&
                decimal.Truncate(integer) == integer
                => decimal.Truncate(integer).ToString(CultureInfo.InvariantCulture),
            _ => throw new CanonicalMappingException(
                $"Field '{field.Id}' holds a value that is not a valid {TypeName(field.Type)}."),
        };
    }

    /// <summary>The type names of the process-definition JSON.</summary>
    public static string TypeName(FieldType type) => type switch
    {
        FieldType.Text => "text",
        FieldType.Date => "date",
        FieldType.Bool => "bool",
        FieldType.Num => "num",
        FieldType.NumInt => "num_int",
        FieldType.Select => "select",
        FieldType.File => "file",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown field type."),
    };

    // Mirrors intake: null and blank strings count as not filled in.
    private static bool IsEmpty(JsonElement value) =>
        value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined ||
        (value.ValueKind == JsonValueKind.String && string.IsNullOrWhiteSpace(value.GetString()));
}
