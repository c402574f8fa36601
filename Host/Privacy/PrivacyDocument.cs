namespace EfaGateway.Host.Privacy;

/// <summary>
/// The data-protection documentation of one tenant's process as neutral blocks, so the HTML and the PDF are written
/// from the same content and cannot drift apart.
/// </summary>
public sealed record PrivacyDocument(string Title, string TenantName, string ProcessTitle, DateOnly AsOf, IReadOnlyList<PrivacyBlock> Blocks);

public abstract record PrivacyBlock;

/// <summary>A heading; level 1 is the document title, so blocks use 2 and 3.</summary>
public sealed record PrivacyHeading(int Level, string Text) : PrivacyBlock;

public sealed record PrivacyParagraph(string Text) : PrivacyBlock;

public sealed record PrivacyList(IReadOnlyList<string> Items) : PrivacyBlock;

/// <summary>A table whose first column heads its rows (the field, the route, the party).</summary>
public sealed record PrivacyTable(string Caption, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows) : PrivacyBlock;

/// <summary>Fixed wording shared by the builder, the writers and the validator.</summary>
public static class PrivacyText
{
    /// <summary>Marks what the municipality has to fill in; the HTML highlights it.</summary>
    public const string Placeholder = "[bitte ergänzen]";

    public static string OrPlaceholder(string? value) => string.IsNullOrWhiteSpace(value) ? Placeholder : value.Trim();

    /// <summary>e.g. "Schönwetter-Amt, Marktplatz 1, 12345 Schönwetter" or the placeholder.</summary>
    public static string Describe(PrivacyParty? party)
    {
        if (party?.Name is null)
        {
            return Placeholder;
        }

        var parts = new List<string> { party.Name.Trim() };
        parts.Add(party.Address is { } address ? Flatten(address) : "Anschrift: " + Placeholder);
        parts.Add(party.Contact is { } contact ? "Kontakt: " + Flatten(contact) : "Kontakt: " + Placeholder);
        return string.Join(", ", parts);
    }

    private static string Flatten(string text) =>
        string.Join(", ", text.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
