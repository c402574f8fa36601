using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using EfaGateway.Core.Processes;

namespace EfaGateway.Host.Forms;

/// <summary>
/// Turns a posted step (HTML form fields named by data path) into the data JSON. What can be read is stored in its
/// canonical form (ISO dates, numbers as numbers); what cannot is kept as typed, so the validator names the problem
/// and the citizen sees their own input again. Repeating groups post their instance count in <c>{path}#anzahl</c>.
/// </summary>
public static class FormPost
{
    public const string CountSuffix = "#anzahl";
    private const int MaxInstances = 100;

    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");
    private static readonly string[] DateFormats = ["d.M.yyyy", "dd.MM.yyyy", "yyyy-MM-dd"];
    private static readonly string[] TimeFormats = ["H:mm", "HH:mm", "H.mm", "HH.mm", "HH:mm:ss"];
    private static readonly string[] DateTimeFormats = ["d.M.yyyy H:mm", "dd.MM.yyyy HH:mm", "yyyy-MM-ddTHH:mm", "yyyy-MM-dd HH:mm", "yyyy-MM-ddTHH:mm:ss"];

    /// <summary>Replaces the values of the section's top-level elements with what was posted.</summary>
    public static void Merge(JsonObject data, IEnumerable<FormElement> elements, IFormCollection form)
    {
        foreach (var element in elements)
        {
            if (element is FieldDefinition { HoldsValue: false } or FieldDefinition { Access: not FieldAccess.Editable })
            {
                continue;
            }

            var value = Read(element, element.Id, form);
            if (value is null)
            {
                data.Remove(element.Id);
            }
            else
            {
                data[element.Id] = value;
            }
        }
    }

    private static JsonNode? Read(FormElement element, string path, IFormCollection form) => element switch
    {
        GroupDefinition { Repeats: true } group => ReadInstances(group, path, form),
        GroupDefinition group => ReadObject(group.Elements, path, form),
        FieldDefinition field => ReadField(field, form[path].ToString()),
        _ => null,
    };

    private static JsonArray? ReadInstances(GroupDefinition group, string path, IFormCollection form)
    {
        if (!int.TryParse(form[path + CountSuffix], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            return null;
        }

        var instances = new JsonArray();
        for (var i = 0; i < Math.Min(count, Math.Min(group.MaxOccurs ?? MaxInstances, MaxInstances)); i++)
        {
            instances.Add(ReadObject(group.Elements, $"{path}[{i.ToString(CultureInfo.InvariantCulture)}]", form) ?? new JsonObject());
        }

        return instances;
    }

    private static JsonObject? ReadObject(IReadOnlyList<FormElement> elements, string path, IFormCollection form)
    {
        var result = new JsonObject();
        foreach (var element in elements)
        {
            if (element is FieldDefinition { HoldsValue: false } or FieldDefinition { Access: not FieldAccess.Editable })
            {
                continue;
            }

            if (Read(element, $"{path}/{element.Id}", form) is { } value)
            {
                result[element.Id] = value;
            }
        }

        return result.Count == 0 ? null : result;
    }

    private static JsonNode? ReadField(FieldDefinition field, string posted)
    {
        var text = posted.Trim();
        if (text.Length == 0)
        {
            return null;
        }

        return field.Type switch
        {
            FieldType.Bool => text switch
            {
                "true" => true,
                "false" => false,
                _ => text,
            },
            FieldType.Num or FieldType.NumInt or FieldType.NumCurrency => ParseNumber(text) is { } number ? JsonValue.Create(number) : text,
            FieldType.Date => DateTime.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                ? date.ToString("yyyy'-'MM'-'dd", CultureInfo.InvariantCulture) : text,
            FieldType.Time => DateTime.TryParseExact(text, TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
                ? time.ToString("HH':'mm", CultureInfo.InvariantCulture) : text,
            FieldType.DateTime => DateTime.TryParseExact(text, DateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var moment)
                ? moment.ToString("yyyy'-'MM'-'dd'T'HH':'mm", CultureInfo.InvariantCulture) : text,
            _ => posted.TrimEnd(),
        };
    }

    /// <summary>German ("1.234,50") or plain ("1234.5") notation.</summary>
    private static decimal? ParseNumber(string text)
    {
        var plain = text.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("€", string.Empty, StringComparison.Ordinal);
        if (plain.Contains(',', StringComparison.Ordinal) &&
            decimal.TryParse(plain, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowThousands, German, out var german))
        {
            return german;
        }

        return decimal.TryParse(plain, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var invariant)
            ? invariant
            : null;
    }

    /// <summary>A stored value as the form shows it: German dates and numbers; anything else as stored.</summary>
    public static string Display(FieldDefinition field, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Number when value.TryGetDecimal(out var number):
                return number.ToString(field.Type == FieldType.NumCurrency ? "0.00" : "0.############", German);
            case JsonValueKind.True:
                return "true";
            case JsonValueKind.False:
                return "false";
            case JsonValueKind.String:
                var text = value.GetString()!;
                return field.Type switch
                {
                    FieldType.Date when DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                        => date.ToString("dd'.'MM'.'yyyy", CultureInfo.InvariantCulture),
                    FieldType.DateTime when DateTime.TryParseExact(text, "yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var moment)
                        => moment.ToString("dd'.'MM'.'yyyy' 'HH':'mm", CultureInfo.InvariantCulture),
                    _ => text,
                };
            default:
                return string.Empty;
        }
    }
}
