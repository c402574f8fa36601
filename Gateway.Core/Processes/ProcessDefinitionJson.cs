using System.Text.Json;
using System.Text.Json.Serialization;

namespace EfaGateway.Core.Processes;

/// <summary>
/// Reads and writes the project's own process-definition format (JSON; schema in
/// <c>schemas/process-definition.schema.json</c>) and checks what a schema cannot (see <see cref="ProcessDefinitionChecks"/>).
/// </summary>
public static class ProcessDefinitionJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = false,
        // Groups nest; FIM schemas seen in practice go six levels deep, each level two JSON levels.
        MaxDepth = 64,
    };

    private static readonly JsonSerializerOptions WriteOptions = new(Options)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static ProcessDefinition Parse(string json)
    {
        ProcessDefinitionDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<ProcessDefinitionDocument>(json, Options);
        }
        catch (JsonException ex)
        {
            throw new ProcessDefinitionException([$"Not a valid process definition: {ex.Message}"]);
        }

        if (document is null)
        {
            throw new ProcessDefinitionException(["The process definition is empty."]);
        }

        var problems = new List<string>();
        var definition = new ProcessDefinition
        {
            Id = document.Id,
            Version = document.Version,
            Title = document.Title,
            LeikaKey = document.Leika,
            Fim = document.Fim,
            Xoev = document.Xoev?.ToSettings(problems),
            Sections = document.Sections.Select(s => new SectionDefinition
            {
                Id = s.Id,
                Title = s.Title,
                Elements = s.Fields.Select(e => ToElement(e, s.Id, problems)).ToList(),
            }).ToList(),
        };
        problems.AddRange(ProcessDefinitionChecks.Check(definition));
        return problems.Count == 0 ? definition : throw new ProcessDefinitionException(problems);
    }

    /// <summary>The definition as indented JSON that <see cref="Parse"/> reads back to an equal definition.</summary>
    public static string Write(ProcessDefinition definition)
    {
        var document = new ProcessDefinitionDocument
        {
            Id = definition.Id,
            Version = definition.Version,
            Title = definition.Title,
            Leika = definition.LeikaKey,
            Fim = definition.Fim,
            Xoev = XoevMessageDocument.From(definition.Xoev),
            Sections = definition.Sections.Select(s => new SectionDocument
            {
                Id = s.Id,
                Title = s.Title,
                Fields = s.Elements.Select(ToDocument).ToList(),
            }).ToList(),
        };
        return JsonSerializer.Serialize(document, WriteOptions) + "\n";
    }

    private static FormElement ToElement(ElementDocument e, string parent, List<string> problems)
    {
        if (e.Type == ElementDocument.GroupType)
        {
            return new GroupDefinition
            {
                Id = e.Id,
                Label = e.Label,
                Help = e.Help,
                VisibleIf = e.VisibleIf,
                RequiredIf = e.RequiredIf,
                MinOccurs = e.MinOccurs ?? 1,
                MaxOccurs = e.Unbounded == true ? null : e.MaxOccurs ?? 1,
                Elements = (e.Fields ?? []).Select(child => ToElement(child, $"{parent}/{e.Id}", problems)).ToList(),
            };
        }

        if (!FieldTypeNames.TryParse(e.Type, out var type))
        {
            problems.Add($"field '{parent}/{e.Id}': unknown type '{e.Type}'.");
        }

        if (e.Fields is not null || e.MinOccurs is not null || e.MaxOccurs is not null || e.Unbounded is not null)
        {
            problems.Add($"field '{parent}/{e.Id}': fields, minOccurs, maxOccurs and unbounded belong to groups.");
        }

        return new FieldDefinition
        {
            Id = e.Id,
            Label = e.Label,
            Help = e.Help,
            VisibleIf = e.VisibleIf,
            RequiredIf = e.RequiredIf,
            Type = type,
            Required = e.Required ?? false,
            MinLength = e.MinLength,
            MaxLength = e.MaxLength,
            Min = e.Min,
            Max = e.Max,
            Pattern = e.Pattern,
            Options = e.Options ?? [],
            MediaTypes = e.MediaTypes ?? [],
            MaxSize = e.MaxSize,
            Access = e.Access ?? FieldAccess.Editable,
            BoolInput = e.BoolInput ?? BoolInput.Checkbox,
            Autocomplete = e.Autocomplete,
            DefaultValue = e.Default,
        };
    }

    private static ElementDocument ToDocument(FormElement element) => element switch
    {
        GroupDefinition g => new ElementDocument
        {
            Id = g.Id,
            Label = g.Label,
            Help = g.Help,
            Type = ElementDocument.GroupType,
            VisibleIf = g.VisibleIf,
            RequiredIf = g.RequiredIf,
            MinOccurs = g.MinOccurs == 1 ? null : g.MinOccurs,
            MaxOccurs = g.MaxOccurs == 1 ? null : g.MaxOccurs,
            Unbounded = g.MaxOccurs is null ? true : null,
            Fields = g.Elements.Select(ToDocument).ToList(),
        },
        FieldDefinition f => new ElementDocument
        {
            Id = f.Id,
            Label = f.Label,
            Help = f.Help,
            Type = FieldTypeNames.Name(f.Type),
            Required = f.Required ? true : null,
            MinLength = f.MinLength,
            MaxLength = f.MaxLength,
            Min = f.Min,
            Max = f.Max,
            Pattern = f.Pattern,
            Options = f.Options.Count == 0 ? null : f.Options,
            MediaTypes = f.MediaTypes.Count == 0 ? null : f.MediaTypes,
            MaxSize = f.MaxSize,
            Access = f.Access == FieldAccess.Editable ? null : f.Access,
            BoolInput = f.BoolInput == BoolInput.Checkbox ? null : f.BoolInput,
            Autocomplete = f.Autocomplete,
            Default = f.DefaultValue,
            VisibleIf = f.VisibleIf,
            RequiredIf = f.RequiredIf,
        },
        _ => throw new ArgumentOutOfRangeException(nameof(element), element.GetType().Name, "Unknown form element."),
    };
}

/// <summary>A process definition that cannot be used, with every problem found.</summary>
public sealed class ProcessDefinitionException(IReadOnlyList<string> problems)
    : Exception("Invalid process definition: " + string.Join(" ", problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
