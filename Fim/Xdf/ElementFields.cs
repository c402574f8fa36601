namespace EfaGateway.Fim.Xdf;

/// <summary>
/// Which child elements each XDF element may have, beyond the ones the reader interprets. Metadata the import does not
/// use is accepted and skipped; anything else is an error, so a misspelt or misplaced element is never silently lost.
/// </summary>
internal static class ElementFields
{
    /// <summary>Metadata of schemas, groups, fields and rules in XDF2 and XDF3 that may occur at most once.</summary>
    public static readonly HashSet<string> SingleMetadata = new(StringComparer.Ordinal)
    {
        "definition", "statusGesetztAm", "statusGesetztDurch", "gueltigAb", "gueltigBis", "versionshinweis",
        "veroeffentlichungsdatum", "letzteAenderung", "fachlicherErsteller", "freigabedatum", "bezeichnungAusgabe",
        "hilfetextAusgabe", "ableitungsmodifikationenStruktur", "ableitungsmodifikationenRepraesentation",
        "dokumentsteckbrief", "vorbefuellung", "helpKey", "art",
    };

    /// <summary>Metadata that may repeat.</summary>
    public static readonly HashSet<string> RepeatedMetadata = new(StringComparer.Ordinal)
    {
        "bezug", "stichwort", "relation", "param", "ziel", "fehler",
    };

    /// <summary>XDF3 Freigabestatus codes (urn:xoev-de:xprozess:codeliste:status).</summary>
    public static readonly HashSet<string> Freigabestatus = new(StringComparer.Ordinal) { "1", "2", "3", "4", "5", "6", "7", "8" };

    public static readonly HashSet<string> Schemaelementart = new(StringComparer.Ordinal) { "ABS", "HAR", "RNG" };

    public static readonly HashSet<string> Feldart = new(StringComparer.Ordinal) { "input", "select", "label", "hidden", "locked" };

    public static readonly HashSet<string> Datentyp = new(StringComparer.Ordinal)
    {
        "text", "text_latin", "date", "time", "datetime", "bool", "num", "num_int", "num_currency", "file", "obj",
    };
}
