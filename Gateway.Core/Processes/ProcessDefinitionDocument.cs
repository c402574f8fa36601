using System.Text.Json.Serialization;

namespace EfaGateway.Core.Processes;

/// <summary>
/// The JSON shape of a process definition (schema in <c>schemas/process-definition.schema.json</c>). Fields and
/// groups share one shape, told apart by <c>type</c> ("group" for a group), so a section's or group's "fields" list
/// reads top to bottom like the form.
/// </summary>
internal sealed record ProcessDefinitionDocument
{
    [JsonPropertyName("$schema")]
    public string? Schema { get; init; }

    public required string Id { get; init; }

    public required string Version { get; init; }

    public required LocalizedText Title { get; init; }

    public string? Leika { get; init; }

    public FimSchemaReference? Fim { get; init; }

    public XoevMessageDocument? Xoev { get; init; }

    public required IReadOnlyList<SectionDocument> Sections { get; init; }
}

internal sealed record SectionDocument
{
    public required string Id { get; init; }

    public required LocalizedText Title { get; init; }

    public required IReadOnlyList<ElementDocument> Fields { get; init; }
}

internal sealed record ElementDocument
{
    public const string GroupType = "group";

    public required string Id { get; init; }

    public required LocalizedText Label { get; init; }

    public LocalizedText? Help { get; init; }

    public required string Type { get; init; }

    public bool? Required { get; init; }

    public int? MinLength { get; init; }

    public int? MaxLength { get; init; }

    public decimal? Min { get; init; }

    public decimal? Max { get; init; }

    public string? Pattern { get; init; }

    public IReadOnlyList<SelectOption>? Options { get; init; }

    public IReadOnlyList<string>? MediaTypes { get; init; }

    public long? MaxSize { get; init; }

    public FieldAccess? Access { get; init; }

    public BoolInput? BoolInput { get; init; }

    public string? Autocomplete { get; init; }

    public string? Default { get; init; }

    public Condition? VisibleIf { get; init; }

    public Condition? RequiredIf { get; init; }

    /// <summary>Groups only: how many instances are needed (default 1).</summary>
    public int? MinOccurs { get; init; }

    /// <summary>Groups only: how many are allowed (default 1); null with <see cref="Unbounded"/> for no limit.</summary>
    public int? MaxOccurs { get; init; }

    public bool? Unbounded { get; init; }

    public IReadOnlyList<ElementDocument>? Fields { get; init; }
}
