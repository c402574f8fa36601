namespace EfaGateway.Fim.Xdf;

/// <summary>The XDatenfelder version of a document, told by its namespace.</summary>
public enum XdfVersion
{
    V2,
    V3,
}

/// <summary>
/// A read XDatenfelder message: a Stammdatenschema, or a single Datenfeldgruppe (message 0103), which is held as a
/// schema with that group as its only child. Only what the import uses is kept.
/// </summary>
public sealed record XdfDocument(XdfVersion Version, string MessageId, XdfSchema Schema, bool IsStammdatenschema);

public sealed record XdfSchema
{
    public required string Id { get; init; }

    public string? Version { get; init; }

    public required string Name { get; init; }

    /// <summary>The form title (XDF3 <c>bezeichnung</c>, XDF2 <c>bezeichnungEingabe</c>).</summary>
    public string? Title { get; init; }

    public string? Description { get; init; }

    public string? Help { get; init; }

    public IReadOnlyList<XdfRule> Rules { get; init; } = [];

    public IReadOnlyList<XdfChild> Children { get; init; } = [];
}

/// <summary>One <c>struktur</c> entry: an element with its multiplicity (<c>anzahl</c>, "min:max", max may be "*").</summary>
public sealed record XdfChild(int Min, int? Max, XdfElement Element);

public abstract record XdfElement
{
    public required string Id { get; init; }

    public string? Version { get; init; }

    public required string Name { get; init; }

    /// <summary><c>bezeichnungEingabe</c>: the label the citizen sees.</summary>
    public string? Label { get; init; }

    /// <summary><c>hilfetextEingabe</c>.</summary>
    public string? Help { get; init; }

    public IReadOnlyList<XdfRule> Rules { get; init; } = [];

    public string Key => $"{Id}:{Version}";
}

public sealed record XdfGroup : XdfElement
{
    public IReadOnlyList<XdfChild> Children { get; init; } = [];
}

public sealed record XdfField : XdfElement
{
    public required string Feldart { get; init; }

    public required string Datentyp { get; init; }

    public XdfConstraints Constraints { get; init; } = new();

    /// <summary><c>inhalt</c>: the text of a label, the fixed value of a locked or hidden field, else a default.</summary>
    public string? Content { get; init; }

    public XdfCodeListReference? CodeList { get; init; }

    /// <summary>XDF3 <c>codeKey</c>/<c>nameKey</c>: the code list's columns for the code and the name, if the field says.</summary>
    public string? CodeKey { get; init; }

    public string? NameKey { get; init; }

    public IReadOnlyList<XdfValue> Values { get; init; } = [];

    public IReadOnlyList<string> MediaTypes { get; init; } = [];

    public long? MaxSize { get; init; }
}

/// <summary>Präzisierung: XDF3 attributes, XDF2 a JSON object in the element text.</summary>
public sealed record XdfConstraints
{
    public int? MinLength { get; init; }

    public int? MaxLength { get; init; }

    public string? MinValue { get; init; }

    public string? MaxValue { get; init; }

    public string? Pattern { get; init; }
}

public sealed record XdfCodeListReference(string CanonicalIdentification, string? Version, string? CanonicalVersionUri);

/// <summary>An inline value of a select (XDF3 <c>werte/wert</c>).</summary>
public sealed record XdfValue(string Code, string Name, string? Help);

public sealed record XdfRule
{
    public required string Id { get; init; }

    public string? Version { get; init; }

    public string? Name { get; init; }

    /// <summary>The controlled German free text (XDF3 <c>freitextRegel</c>, XDF2 <c>definition</c>).</summary>
    public string? FreeText { get; init; }

    public string? Script { get; init; }

    /// <summary>XDF3 Regeltyp: K komplex, M Multiplizität, V Validierung, B Berechnung.</summary>
    public string? Type { get; init; }
}

/// <summary>A document that is not valid XDatenfelder; the message names the element, the problem and the position.</summary>
public sealed class XdfFormatException(string message) : Exception(message);
