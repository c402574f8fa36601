using System.Globalization;
using System.Text.Json;
using EfaGateway.Core.Processes;

namespace EfaGateway.Host.Forms;

/// <summary>How an answer reads on the check page: option labels, Ja/Nein, German dates and amounts.</summary>
public static class SummaryText
{
    public static string? For(FieldDefinition field, JsonElement value, bool english)
    {
        if (value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return null;
        }

        return field.Type switch
        {
            FieldType.Bool when value.ValueKind == JsonValueKind.True => english ? "Yes" : "Ja",
            FieldType.Bool when value.ValueKind == JsonValueKind.False => english ? "No" : "Nein",
            FieldType.Select when value.ValueKind == JsonValueKind.String =>
                field.Options.FirstOrDefault(o => o.Value == value.GetString())?.Label.For(english ? "en" : "de") ?? value.GetString(),
            FieldType.NumCurrency when value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var amount) =>
                amount.ToString("N2", CultureInfo.GetCultureInfo("de-DE")) + " €",
            _ => FormPost.Display(field, value) is { Length: > 0 } text ? text : null,
        };
    }
}
