namespace EfaGateway.Core.Processes;

/// <summary>The type names of the definition JSON and the canonical XML; FIM Datentyp names where FIM has one.</summary>
public static class FieldTypeNames
{
    private static readonly Dictionary<FieldType, string> Names = new()
    {
        [FieldType.Text] = "text",
        [FieldType.TextLatin] = "text_latin",
        [FieldType.Date] = "date",
        [FieldType.Time] = "time",
        [FieldType.DateTime] = "datetime",
        [FieldType.Bool] = "bool",
        [FieldType.Num] = "num",
        [FieldType.NumInt] = "num_int",
        [FieldType.NumCurrency] = "num_currency",
        [FieldType.Select] = "select",
        [FieldType.File] = "file",
        [FieldType.Label] = "label",
    };

    private static readonly Dictionary<string, FieldType> Types = Names.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    public static string Name(FieldType type) => Names[type];

    public static bool TryParse(string name, out FieldType type) => Types.TryGetValue(name, out type);
}
