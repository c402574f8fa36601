namespace EfaGateway.Core.Processes;

/// <summary>A group of fields shown together (a page or fieldset of the form).</summary>
public sealed record SectionDefinition
{
    public required string Id { get; init; }

    public required LocalizedText Title { get; init; }

    public required IReadOnlyList<FieldDefinition> Fields { get; init; }
}
