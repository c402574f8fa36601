namespace EfaGateway.Core.Processes;

/// <summary>
/// A group of elements (FIM Datenfeldgruppe). Its value is a JSON object, or an array of objects when the group may
/// repeat (<see cref="MaxOccurs"/> greater than one or unbounded).
/// </summary>
public sealed record GroupDefinition : FormElement
{
    public required IReadOnlyList<FormElement> Elements { get; init; }

    /// <summary>How many instances are needed; zero makes the group optional.</summary>
    public int MinOccurs { get; init; } = 1;

    /// <summary>How many instances are allowed; null means unbounded.</summary>
    public int? MaxOccurs { get; init; } = 1;

    public bool Repeats => MaxOccurs is null or > 1;
}
