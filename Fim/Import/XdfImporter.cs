using System.Text.RegularExpressions;
using EfaGateway.Core.Processes;
using EfaGateway.Core.Tenants;
using EfaGateway.Fim.Xdf;

namespace EfaGateway.Fim.Import;

/// <summary>The process definition made from a schema, its JSON, and the report of what the import did.</summary>
public sealed record ImportResult(ProcessDefinition Definition, string DefinitionJson, ImportReport Report);

/// <summary>
/// Turns a Stammdatenschema into a process definition: each top-level group becomes a page (top-level fields share one),
/// FIM multiplicity becomes required/optional/repeating, rules become conditions where their text follows the grammar.
/// </summary>
public static partial class XdfImporter
{
    public static ImportResult Import(XdfDocument document, ImportOptions options)
    {
        if (!document.IsStammdatenschema)
        {
            throw new XdfImportException([$"{document.Schema.Id} is a Datenfeldgruppe message (0103); a process is imported from a Stammdatenschema (xdatenfelder.stammdatenschema.0102)."]);
        }

        var schema = document.Schema;
        var processId = options.ProcessId ?? schema.Id.ToLowerInvariant();
        if (!TenantId.IsValid(processId))
        {
            throw new XdfImportException([$"The process id '{processId}' is not a slug (lower-case letters, digits, hyphens); pass --process-id."]);
        }

        var report = new ImportReport
        {
            SchemaId = schema.Id,
            SchemaVersion = schema.Version ?? "-",
            XdfVersion = document.Version == XdfVersion.V3 ? "3.0.0" : "2.0",
            ProcessId = processId,
            Title = schema.Title ?? schema.Name,
            Leika = Leika(schema),
        };
        var errors = new List<string>();
        var mapper = new FieldMapper(options, report, errors);
        var root = new ImportNode { Id = string.Empty };
        var rules = schema.Rules.Select(r => (root, r)).ToList();
        Build(root, schema.Children, mapper, rules, report);
        if (errors.Count > 0)
        {
            throw new XdfImportException(errors);
        }

        mapper.Report();
        RuleApplier.Apply(root, rules, report);
        var definition = new ProcessDefinition
        {
            Id = processId,
            Version = schema.Version ?? "1.0",
            Title = new LocalizedText(report.Title),
            LeikaKey = report.Leika,
            Fim = new FimSchemaReference(schema.Id, schema.Version ?? "1.0"),
            Sections = DefinitionBuilder.Sections(root, report),
        };
        var json = ProcessDefinitionJson.Write(definition);
        try
        {
            // The stored form is the JSON; reading it back applies every check a hand-written definition gets.
            definition = ProcessDefinitionJson.Parse(json);
        }
        catch (ProcessDefinitionException ex)
        {
            throw new XdfImportException(ex.Problems);
        }

        report.Sections = definition.Sections.Count;
        var elements = definition.Sections.SelectMany(s => Flatten(s.Elements)).ToList();
        report.Groups = elements.Count(e => e is GroupDefinition);
        report.Fields = elements.Count(e => e is FieldDefinition);
        return new ImportResult(definition, json, report);
    }

    private static void Build(ImportNode parent, IReadOnlyList<XdfChild> children, FieldMapper mapper, List<(ImportNode, XdfRule)> rules, ImportReport report)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var child in children)
        {
            var id = UniqueId(child.Element.Id, used, parent, report);
            var label = new LocalizedText(child.Element.Label ?? child.Element.Name);
            var help = child.Element.Help is null ? null : new LocalizedText(child.Element.Help);
            switch (child.Element)
            {
                case XdfGroup group:
                    var groupNode = new ImportNode { Id = id, Source = group, Parent = parent, Min = child.Min, Max = child.Max, Label = label, Help = help };
                    parent.Children.Add(groupNode);
                    rules.AddRange(group.Rules.Select(r => (groupNode, r)));
                    Build(groupNode, group.Children, mapper, rules, report);
                    break;
                case XdfField field when (child.Max is null or > 1) && field.Datentyp is not ("file" or "obj") && field.Feldart != "label":
                    // A repeating non-file field becomes a repeating group holding that one field: its value is a list.
                    var wrapper = new ImportNode { Id = id, Source = field, Parent = parent, Min = child.Min, Max = child.Max, Label = label, Help = help };
                    wrapper.Children.Add(new ImportNode { Id = id, Source = field, Parent = wrapper, Field = mapper.Map(field, id, required: true) });
                    parent.Children.Add(wrapper);
                    rules.AddRange(field.Rules.Select(r => (parent, r)));
                    break;
                case XdfField field:
                    parent.Children.Add(new ImportNode { Id = id, Source = field, Parent = parent, Field = mapper.Map(field, id, required: child.Min > 0) });
                    rules.AddRange(field.Rules.Select(r => (parent, r)));
                    break;
            }
        }
    }

    private static string UniqueId(string id, HashSet<string> used, ImportNode parent, ImportReport report)
    {
        var unique = id;
        for (var n = 2; !used.Add(unique); n++)
        {
            unique = $"{id}-{n}";
        }

        if (unique != id)
        {
            report.Warnings.Add($"{id} occurs more than once in {(parent.Source?.Id ?? "the schema")}; the repetition is named {unique}.");
        }

        return unique;
    }

    private static string? Leika(XdfSchema schema) =>
        LeikaPattern().Match($"{schema.Description} {schema.Help}") is { Success: true } match ? match.Groups[1].Value : null;

    private static IEnumerable<FormElement> Flatten(IEnumerable<FormElement> elements) =>
        elements.SelectMany(e => e is GroupDefinition g ? Flatten(g.Elements).Prepend(e) : [e]);

    [GeneratedRegex(@"Leistungsschl(?:ü|ue)ssel\D{0,20}?(\d{14})\b", RegexOptions.IgnoreCase)]
    private static partial Regex LeikaPattern();
}
