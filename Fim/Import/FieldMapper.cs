using System.Globalization;
using System.Text.RegularExpressions;
using EfaGateway.Core.Processes;
using EfaGateway.Fim.CodeLists;
using EfaGateway.Fim.Xdf;

namespace EfaGateway.Fim.Import;

/// <summary>Maps one FIM Datenfeld to a field definition: Feldart, Datentyp, Präzisierung, selects and files.</summary>
internal sealed class FieldMapper(ImportOptions options, ImportReport report, List<string> errors)
{
    private readonly Dictionary<(string Uri, string? Version), (CodeListResolution Resolution, int Fields)> codeLists = [];

    public FieldDefinition Map(XdfField source, string id, bool required)
    {
        var label = new LocalizedText(source.Label ?? source.Name);
        var help = source.Help is null ? null : new LocalizedText(source.Help);
        if (source.Feldart == "label")
        {
            return new FieldDefinition { Id = id, Label = label, Help = source.Content is null ? help : new LocalizedText(source.Content), Type = FieldType.Label };
        }

        var field = new FieldDefinition
        {
            Id = id,
            Label = label,
            Help = help,
            Type = TypeOf(source),
            Required = required,
            MinLength = source.Constraints.MinLength,
            MaxLength = source.Constraints.MaxLength,
            Min = Number(source, source.Constraints.MinValue),
            Max = Number(source, source.Constraints.MaxValue),
            Pattern = Pattern(source),
            MediaTypes = source.MediaTypes,
            MaxSize = source.MaxSize,
            Access = source.Feldart switch
            {
                "hidden" => FieldAccess.Hidden,
                "locked" => FieldAccess.Locked,
                _ => FieldAccess.Editable,
            },
            DefaultValue = source.Content,
            BoolInput = TypeOf(source) == FieldType.Bool ? BoolInput.YesNo : BoolInput.Checkbox,
        };
        return source.Feldart == "select" ? Select(source, field) : field;
    }

    /// <summary>The code lists used, for the report, once each with the number of fields that reference them.</summary>
    public void Report()
    {
        foreach (var ((uri, version), (resolution, fields)) in codeLists.OrderBy(c => c.Key.Uri, StringComparer.Ordinal))
        {
            report.CodeLists.Add(new CodeListUse(uri, version, resolution.CodeList?.Version,
                resolution.CodeList is null ? null : resolution.Outcome, resolution.CodeList?.Entries.Count ?? 0, fields));
        }
    }

    private static FieldType TypeOf(XdfField source) => source.Datentyp switch
    {
        "text_latin" => FieldType.TextLatin,
        "date" => FieldType.Date,
        "time" => FieldType.Time,
        "datetime" => FieldType.DateTime,
        "bool" => FieldType.Bool,
        "num" => FieldType.Num,
        "num_int" => FieldType.NumInt,
        "num_currency" => FieldType.NumCurrency,
        "file" or "obj" => FieldType.File,
        _ => FieldType.Text,
    };

    private FieldDefinition Select(XdfField source, FieldDefinition field)
    {
        if (source.Values.Count > 0)
        {
            return field with
            {
                Type = FieldType.Select,
                Options = source.Values.Select(v => new SelectOption(v.Code, new LocalizedText(v.Name))).ToList(),
            };
        }

        if (source.CodeList is not { } reference)
        {
            report.Warnings.Add($"{source.Id} \"{field.Label}\": a select without values or code list; imported as free text.");
            return AsFreeText(field);
        }

        var key = (reference.CanonicalIdentification, reference.Version);
        if (!codeLists.TryGetValue(key, out var known))
        {
            known = (options.CodeLists.Resolve(reference.CanonicalIdentification, reference.Version, source.CodeKey, source.NameKey), 0);
        }

        codeLists[key] = (known.Resolution, known.Fields + 1);
        if (known.Resolution.CodeList is { } list)
        {
            return field with
            {
                Type = FieldType.Select,
                Options = list.Entries.Select(e => new SelectOption(e.Code, new LocalizedText(e.Name))).ToList(),
            };
        }

        if (options.MissingCodeLists == MissingCodeListMode.Error && known.Fields == 0)
        {
            errors.Add($"Code list {reference.CanonicalIdentification} {reference.Version ?? "(no version)"} for {source.Id} \"{field.Label}\" is in no version in the catalogue (pass --missing-codelists text to import such selects as free text).");
        }

        return AsFreeText(field);
    }

    private static FieldDefinition AsFreeText(FieldDefinition field) =>
        field with { Type = FieldType.Text, MaxLength = field.MaxLength ?? 255, Options = [] };

    private decimal? Number(XdfField source, string? text)
    {
        if (text is null)
        {
            return null;
        }

        if (decimal.TryParse(text.Replace(',', '.'), NumberStyles.Number, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        report.Warnings.Add($"{source.Id}: the limit '{text}' is not a number and was left out.");
        return null;
    }

    private string? Pattern(XdfField source)
    {
        if (source.Constraints.Pattern is not { } pattern)
        {
            return null;
        }

        try
        {
            _ = new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(200));
            return pattern;
        }
        catch (ArgumentException)
        {
            report.Warnings.Add($"{source.Id}: the pattern '{pattern}' is not a regular expression .NET understands and was left out.");
            return null;
        }
    }
}
