using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using EfaGateway.Core.Tenants;

namespace EfaGateway.Core.Processes;

/// <summary>
/// Reads the project's own process-definition format (JSON; schema in <c>schemas/process-definition.schema.json</c>)
/// and checks what a schema cannot: unique ids, usable patterns, options for selects, sane limits.
/// </summary>
public static class ProcessDefinitionJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = false,
        MaxDepth = 32,
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

        var definition = new ProcessDefinition
        {
            Id = document.Id,
            Version = document.Version,
            Title = document.Title,
            LeikaKey = document.Leika,
            Sections = document.Sections,
        };
        var problems = Check(definition).ToList();
        return problems.Count == 0 ? definition : throw new ProcessDefinitionException(problems);
    }

    private static IEnumerable<string> Check(ProcessDefinition definition)
    {
        if (!TenantId.IsValid(definition.Id))
        {
            yield return $"id '{definition.Id}' must be a slug (lower-case letters, digits, hyphens).";
        }

        if (string.IsNullOrWhiteSpace(definition.Version))
        {
            yield return "version is missing.";
        }

        if (definition.Sections.Count == 0)
        {
            yield return "sections: at least one section is needed.";
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in definition.AllFields)
        {
            if (!seen.Add(field.Id))
            {
                yield return $"field '{field.Id}': the id is used twice.";
            }

            foreach (var problem in CheckField(field))
            {
                yield return $"field '{field.Id}': {problem}";
            }
        }
    }

    private static IEnumerable<string> CheckField(FieldDefinition field)
    {
        if (field.Type == FieldType.Select && field.Options.Count == 0)
        {
            yield return "a select needs options.";
        }

        if (field.MinLength > field.MaxLength)
        {
            yield return "minLength is greater than maxLength.";
        }

        if (field.Min > field.Max)
        {
            yield return "min is greater than max.";
        }

        if (field.Pattern is { } pattern && !IsUsableRegex(pattern))
        {
            yield return "pattern is not a valid regular expression.";
        }
    }

    private static bool IsUsableRegex(string pattern)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(200));
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private sealed record ProcessDefinitionDocument
    {
        [JsonPropertyName("$schema")]
        public string? Schema { get; init; }

        public required string Id { get; init; }

        public required string Version { get; init; }

        public required LocalizedText Title { get; init; }

        public string? Leika { get; init; }

        public required IReadOnlyList<SectionDefinition> Sections { get; init; }
    }
}

/// <summary>A process definition that cannot be used, with every problem found.</summary>
public sealed class ProcessDefinitionException(IReadOnlyList<string> problems)
    : Exception("Invalid process definition: " + string.Join(" ", problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
