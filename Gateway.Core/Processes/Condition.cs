using System.Text.Json.Serialization;

namespace EfaGateway.Core.Processes;

/// <summary>
/// A condition on the form's data, evaluated on the server. Either a test on one field (<see cref="Field"/> with
/// exactly one of <see cref="EqualsValue"/>, <see cref="OneOf"/>, <see cref="NotEquals"/> or <see cref="Filled"/>),
/// or a combination (<see cref="All"/> / <see cref="Any"/> / <see cref="Not"/>).
/// </summary>
/// <remarks>
/// <see cref="Field"/> is a path relative to the container of the element the condition is on: <c>betrag</c> is a
/// sibling, <c>../angaben/betrag</c> one level up and then down. Values compare as text: a bool field reads "true" or
/// "false", a select field its option value, a number its invariant form.
/// </remarks>
public sealed record Condition
{
    public string? Field { get; init; }

    [JsonPropertyName("equals")]
    public string? EqualsValue { get; init; }

    public IReadOnlyList<string>? OneOf { get; init; }

    public string? NotEquals { get; init; }

    public bool? Filled { get; init; }

    public IReadOnlyList<Condition>? All { get; init; }

    public IReadOnlyList<Condition>? Any { get; init; }

    public Condition? Not { get; init; }
}
