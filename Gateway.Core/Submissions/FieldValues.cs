using System.Globalization;
using System.Text.Json.Nodes;
using EfaGateway.Core.Processes;

namespace EfaGateway.Core.Submissions;

/// <summary>Turns a field's text form (a default value in a definition) into its JSON value.</summary>
public static class FieldValues
{
    public static JsonNode? FromText(FieldDefinition field, string text) => field.Type switch
    {
        FieldType.Bool => bool.TryParse(text, out var flag) ? JsonValue.Create(flag) : null,
        FieldType.Num or FieldType.NumInt or FieldType.NumCurrency =>
            decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var number) ? JsonValue.Create(number) : null,
        FieldType.File or FieldType.Label => null,
        _ => JsonValue.Create(text),
    };
}
