using System.Globalization;
using EfaGateway.Core.Processes;

namespace EfaGateway.Host.Privacy;

/// <summary>
/// The data fields of a process as a record of processing lists them: per section, each field with its German label
/// (and the groups it sits in), its kind of data, whether it must be given, and whether it is asked only under a
/// condition. Static text (labels) collects nothing and is left out.
/// </summary>
internal static class FieldInventory
{
    public static readonly IReadOnlyList<string> Headers = ["Angabe", "Art der Daten", "Pflichtangabe", "Erhebung"];

    public static IEnumerable<PrivacyTable> Tables(ProcessDefinition process)
    {
        foreach (var section in process.Sections)
        {
            var rows = new List<IReadOnlyList<string>>();
            Collect(process, section.Elements, [], groupOptional: false, groupConditional: null, rows);
            if (rows.Count > 0)
            {
                yield return new PrivacyTable($"Abschnitt „{section.Title.De}“", Headers, rows);
            }
        }
    }

    private static void Collect(ProcessDefinition process, IReadOnlyList<FormElement> elements, IReadOnlyList<GroupDefinition> groups,
        bool groupOptional, string? groupConditional, List<IReadOnlyList<string>> rows)
    {
        foreach (var element in elements)
        {
            var conditional = element.VisibleIf is { } condition ? Describe(condition, elements, process) : groupConditional;
            switch (element)
            {
                case GroupDefinition group:
                    Collect(process, group.Elements, [.. groups, group], groupOptional || group.MinOccurs == 0, conditional, rows);
                    break;
                case FieldDefinition { Type: FieldType.Label }:
                    break;
                case FieldDefinition field:
                    rows.Add([Name(field, groups), Kind(field, groups), Obligation(field, groupOptional, elements, process), Collection(field, conditional)]);
                    break;
            }
        }
    }

    private static string Name(FieldDefinition field, IReadOnlyList<GroupDefinition> groups) =>
        groups.Count == 0 ? field.Label.De : string.Join(" › ", groups.Select(g => g.Label.De)) + " › " + field.Label.De;

    private static string Kind(FieldDefinition field, IReadOnlyList<GroupDefinition> groups)
    {
        var kind = field.Type switch
        {
            FieldType.Text => "Text",
            FieldType.TextLatin => "Text (Zeichen nach DIN 91379)",
            FieldType.Date => "Datum",
            FieldType.Time => "Uhrzeit",
            FieldType.DateTime => "Datum und Uhrzeit",
            FieldType.Bool when field.BoolInput == BoolInput.YesNo => "Ja/Nein",
            FieldType.Bool => "Bestätigung (Ankreuzfeld)",
            FieldType.Num => "Zahl",
            FieldType.NumInt => "Ganze Zahl",
            FieldType.NumCurrency => "Geldbetrag in Euro",
            FieldType.Select => $"Auswahl aus {field.Options.Count.ToString(CultureInfo.InvariantCulture)} Werten",
            FieldType.File => FileKind(field),
            _ => field.Type.ToString(),
        };
        if (groups.FirstOrDefault(g => g.Repeats) is { } repeating)
        {
            kind += repeating.MaxOccurs is { } max
                ? $"; mehrfach möglich (bis zu {max.ToString(CultureInfo.InvariantCulture)}-mal)"
                : "; mehrfach möglich";
        }

        return kind;
    }

    private static string FileKind(FieldDefinition field)
    {
        var types = field.MediaTypes.Count == 0 ? "beliebiger Dateityp" : string.Join(", ", field.MediaTypes.Select(MediaTypeName));
        var size = field.MaxSize is { } bytes ? $", höchstens {FileSize(bytes)}" : string.Empty;
        return $"Datei-Upload ({types}{size}), vor der Annahme auf Schadsoftware geprüft";
    }

    private static string MediaTypeName(string mediaType) => mediaType switch
    {
        "application/pdf" => "PDF",
        "image/png" => "PNG",
        "image/jpeg" => "JPEG",
        "image/tiff" => "TIFF",
        "application/xml" or "text/xml" => "XML",
        _ => mediaType,
    };

    private static string FileSize(long bytes) => bytes >= 1024 * 1024
        ? $"{(bytes / (1024m * 1024m)).ToString("0.#", CultureInfo.GetCultureInfo("de-DE"))} MB"
        : $"{(bytes / 1024m).ToString("0.#", CultureInfo.GetCultureInfo("de-DE"))} KB";

    private static string Obligation(FieldDefinition field, bool groupOptional, IReadOnlyList<FormElement> siblings, ProcessDefinition process)
    {
        if (field.Access != FieldAccess.Editable)
        {
            return "fester Wert (nicht vom Antragsteller eingegeben)";
        }

        if (field.Required)
        {
            return groupOptional ? "Pflichtangabe, wenn die Gruppe angegeben wird" : "Pflichtangabe";
        }

        return field.RequiredIf is { } condition
            ? $"Pflichtangabe, {Describe(condition, siblings, process)}; sonst freiwillig"
            : "freiwillig";
    }

    private static string Collection(FieldDefinition field, string? conditional)
    {
        var asked = field.Access == FieldAccess.Hidden ? "nicht angezeigt" : "immer";
        return conditional is null ? asked : $"nur {conditional}";
    }

    /// <summary>A condition in words, naming the field it tests by its label where the field can be found.</summary>
    private static string Describe(Condition condition, IReadOnlyList<FormElement> siblings, ProcessDefinition process)
    {
        if (condition.Field is not { } path)
        {
            return condition.Not is not null ? "wenn eine andere Angabe nicht zutrifft" : "wenn andere Angaben zutreffen";
        }

        var target = Resolve(path, siblings, process);
        var name = target is null ? "eine andere Angabe" : $"„{target.Label.De}“";
        if (condition.EqualsValue is { } equals)
        {
            return $"wenn {name} „{ValueText(target, equals)}“ ist";
        }

        if (condition.OneOf is { Count: > 0 } oneOf)
        {
            return $"wenn {name} einer dieser Werte ist: {string.Join(", ", oneOf.Select(v => $"„{ValueText(target, v)}“"))}";
        }

        if (condition.NotEquals is { } notEquals)
        {
            return $"wenn {name} nicht „{ValueText(target, notEquals)}“ ist";
        }

        return condition.Filled == false ? $"wenn {name} leer ist" : $"wenn {name} ausgefüllt ist";
    }

    // Paths are relative to the element's container: a sibling first, else the first element of that id anywhere.
    private static FormElement? Resolve(string path, IReadOnlyList<FormElement> siblings, ProcessDefinition process)
    {
        var id = path.Split('/', StringSplitOptions.RemoveEmptyEntries).LastOrDefault(s => s != "..");
        return id is null
            ? null
            : siblings.FirstOrDefault(e => e.Id == id)
              ?? process.Sections.SelectMany(s => AllElements(s.Elements)).FirstOrDefault(e => e.Id == id);
    }

    private static IEnumerable<FormElement> AllElements(IEnumerable<FormElement> elements) =>
        elements.SelectMany(e => e is GroupDefinition g ? AllElements(g.Elements).Prepend(e) : [e]);

    private static string ValueText(FormElement? target, string value) => target switch
    {
        FieldDefinition { Type: FieldType.Select } select => select.Options.FirstOrDefault(o => o.Value == value)?.Label.De ?? value,
        FieldDefinition { Type: FieldType.Bool } => value == "true" ? "Ja" : value == "false" ? "Nein" : value,
        _ => value,
    };
}
