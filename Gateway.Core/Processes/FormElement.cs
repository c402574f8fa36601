namespace EfaGateway.Core.Processes;

/// <summary>
/// An element of a form: a field or a group of elements. Its <see cref="Id"/> is the key of its value in the data
/// object of its container, so ids are unique among siblings; the same id may appear in different groups, as FIM
/// reuses a Datenfeld in many Datenfeldgruppen.
/// </summary>
public abstract record FormElement
{
    public required string Id { get; init; }

    public required LocalizedText Label { get; init; }

    public LocalizedText? Help { get; init; }

    /// <summary>When set, the element is shown (and its value kept) only while the condition holds.</summary>
    public Condition? VisibleIf { get; init; }

    /// <summary>When set and holding, the element must be filled in even if it is otherwise optional.</summary>
    public Condition? RequiredIf { get; init; }
}
