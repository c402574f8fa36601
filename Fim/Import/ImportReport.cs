using System.Globalization;
using System.Text;
using EfaGateway.Fim.CodeLists;

namespace EfaGateway.Fim.Import;

/// <summary>What an import did: counts, code lists resolved, rules translated and not, and warnings.</summary>
public sealed class ImportReport
{
    public required string SchemaId { get; init; }

    public required string SchemaVersion { get; init; }

    public required string XdfVersion { get; init; }

    public required string ProcessId { get; init; }

    public required string Title { get; init; }

    public string? Leika { get; init; }

    public int Sections { get; set; }

    public int Groups { get; set; }

    public int Fields { get; set; }

    public List<CodeListUse> CodeLists { get; } = [];

    public List<RuleOutcome> Rules { get; } = [];

    public List<string> Warnings { get; } = [];

    public IEnumerable<RuleOutcome> Translated => Rules.Where(r => r.Reason is null);

    public IEnumerable<RuleOutcome> Untranslated => Rules.Where(r => r.Reason is not null);

    /// <summary>The report as the import-xdf verb prints it.</summary>
    public string Format()
    {
        var text = new StringBuilder();
        Line(text, $"Schema {SchemaId} {SchemaVersion} (XDatenfelder {XdfVersion}): {Title}");
        Line(text, $"Process id: {ProcessId}{(Leika is null ? "; no LeiKa key found" : $"; LeiKa {Leika}")}");
        Line(text, $"Sections: {Sections}, groups: {Groups}, fields: {Fields}");
        Line(text, $"Code lists: {CodeLists.Count}");
        foreach (var use in CodeLists)
        {
            Line(text, $"  {use.Describe()}");
        }

        Line(text, $"Rules translated: {Translated.Count()}");
        foreach (var rule in Translated)
        {
            Line(text, $"  {rule.Id}: {rule.Summary}");
        }

        Line(text, $"Rules not translated: {Untranslated.Count()}");
        foreach (var rule in Untranslated)
        {
            Line(text, $"  {rule.Id}: {rule.Reason} — \"{Shorten(rule.Text)}\"");
        }

        Line(text, $"Warnings: {Warnings.Count}");
        foreach (var warning in Warnings)
        {
            Line(text, $"  {warning}");
        }

        return text.ToString();
    }

    private static void Line(StringBuilder text, string line) => text.Append(line).Append('\n');

    private static string Shorten(string text)
    {
        var single = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return single.Length <= 160 ? single : string.Concat(single.AsSpan(0, 157), "...");
    }
}

/// <summary>One code list as the import used it, with the number of fields that reference it.</summary>
public sealed record CodeListUse(string Uri, string? RequestedVersion, string? UsedVersion, CodeListOutcome? Outcome, int Entries, int Fields)
{
    public string Describe()
    {
        var fields = Fields.ToString(CultureInfo.InvariantCulture) + (Fields == 1 ? " field" : " fields");
        var requested = RequestedVersion ?? "no version";
        return Outcome switch
        {
            CodeListOutcome.Exact => $"{Uri} {UsedVersion}: exact ({Entries} entries, {fields})",
            CodeListOutcome.NewestInstead => $"{Uri}: {requested} not in the catalogue, used the newest, {UsedVersion} ({Entries} entries, {fields}) — WARNING",
            CodeListOutcome.NewestBecauseNoVersion => $"{Uri}: no version given, used the newest, {UsedVersion} ({Entries} entries, {fields})",
            _ => $"{Uri} {requested}: in no version in the catalogue; imported as free text ({fields}) — WARNING",
        };
    }
}

/// <summary>A FIM rule and what became of it: a summary of its effect, or why it was not translated.</summary>
public sealed record RuleOutcome(string Id, string Text, string? Summary, string? Reason);
