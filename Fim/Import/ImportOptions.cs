using EfaGateway.Fim.CodeLists;

namespace EfaGateway.Fim.Import;

/// <summary>What to do with a select whose code list is in no version in the catalogue.</summary>
public enum MissingCodeListMode
{
    /// <summary>The import fails and names every missing list.</summary>
    Error,

    /// <summary>The select becomes a validated free-text field, and the report says so.</summary>
    Text,
}

public sealed record ImportOptions
{
    /// <summary>The process id; default: the S-ID in lower case (e.g. s00000000364).</summary>
    public string? ProcessId { get; init; }

    public CodeListCatalog CodeLists { get; init; } = CodeListCatalog.Empty;

    public MissingCodeListMode MissingCodeLists { get; init; } = MissingCodeListMode.Error;
}

/// <summary>A schema that was read but cannot become a process definition; every problem is listed.</summary>
public sealed class XdfImportException(IReadOnlyList<string> problems)
    : Exception("The schema cannot be imported: " + string.Join(" ", problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
