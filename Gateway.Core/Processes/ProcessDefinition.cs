namespace EfaGateway.Core.Processes;

/// <summary>
/// A process (Leistung) in the project's own definition format, versioned. The form is a list of sections of fields;
/// submitted data is a JSON object keyed by field id.
/// </summary>
public sealed record ProcessDefinition
{
    public required string Id { get; init; }

    public required string Version { get; init; }

    public required LocalizedText Title { get; init; }

    /// <summary>LeiKa key of the Leistung, used later by FIT-Connect (serviceType).</summary>
    public string? LeikaKey { get; init; }

    public required IReadOnlyList<SectionDefinition> Sections { get; init; }

    public IEnumerable<FieldDefinition> AllFields => Sections.SelectMany(s => s.Fields);

    public FieldDefinition? FindField(string id) => AllFields.FirstOrDefault(f => f.Id == id);
}
