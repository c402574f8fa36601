namespace EfaGateway.Core.Processes;

/// <summary>
/// A page of the form. Sections only arrange the form: their elements' values sit directly in the data object,
/// so a section adds no level of nesting.
/// </summary>
public sealed record SectionDefinition
{
    public required string Id { get; init; }

    public required LocalizedText Title { get; init; }

    public required IReadOnlyList<FormElement> Elements { get; init; }
}
