namespace EfaGateway.Core.Processes;

/// <summary>One field of a process form. Constraints follow FIM Präzisierung (length, value range, pattern).</summary>
public sealed record FieldDefinition : FormElement
{
    public required FieldType Type { get; init; }

    public bool Required { get; init; }

    public int? MinLength { get; init; }

    public int? MaxLength { get; init; }

    public decimal? Min { get; init; }

    public decimal? Max { get; init; }

    /// <summary>A .NET regular expression the whole value must match.</summary>
    public string? Pattern { get; init; }

    public IReadOnlyList<SelectOption> Options { get; init; } = [];

    /// <summary>For file fields: accepted media types (empty = any).</summary>
    public IReadOnlyList<string> MediaTypes { get; init; } = [];

    /// <summary>For file fields: the largest accepted file in bytes.</summary>
    public long? MaxSize { get; init; }

    public FieldAccess Access { get; init; } = FieldAccess.Editable;

    /// <summary>
    /// The value a locked or hidden field always has, or the pre-filled value of an editable one, in the field's text
    /// form (a bool as "true"/"false").
    /// </summary>
    public string? DefaultValue { get; init; }

    /// <summary>For bool fields: a check box (required = ticked) or a yes/no question (required = answered).</summary>
    public BoolInput BoolInput { get; init; } = BoolInput.Checkbox;

    /// <summary>
    /// The HTML autocomplete token of a field that asks about the person filling in the form (WCAG 2.1 SC 1.3.5),
    /// e.g. <c>given-name</c>, <c>postal-code</c>, <c>email</c>.
    /// </summary>
    public string? Autocomplete { get; init; }

    public bool HoldsValue => Type is not (FieldType.Label or FieldType.File);
}

public sealed record SelectOption(string Value, LocalizedText Label);

/// <summary>How a bool field asks: a consent check box, or a yes/no question as FIM's bool fields are.</summary>
public enum BoolInput
{
    Checkbox,
    YesNo,
}
