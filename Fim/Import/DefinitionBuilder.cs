using EfaGateway.Core.Processes;

namespace EfaGateway.Fim.Import;

/// <summary>Builds the immutable definition from the import tree, combining the conditions rules attached.</summary>
internal static class DefinitionBuilder
{
    public static List<SectionDefinition> Sections(ImportNode root, ImportReport report)
    {
        var sections = new List<SectionDefinition>();
        var loose = new List<FormElement>();
        foreach (var child in root.Children)
        {
            var element = Element(child, report);
            if (element is null)
            {
                continue;
            }

            if (element is GroupDefinition)
            {
                Flush(sections, loose);
                sections.Add(new SectionDefinition { Id = child.Id, Title = child.Label, Elements = [element] });
            }
            else
            {
                loose.Add(element);
            }
        }

        Flush(sections, loose);
        return sections;
    }

    private static void Flush(List<SectionDefinition> sections, List<FormElement> loose)
    {
        if (loose.Count == 0)
        {
            return;
        }

        var number = sections.Count(s => s.Id.StartsWith("angaben", StringComparison.Ordinal)) + 1;
        sections.Add(new SectionDefinition
        {
            Id = number == 1 ? "angaben" : $"angaben-{number}",
            Title = new LocalizedText("Angaben", "Details"),
            Elements = [.. loose],
        });
        loose.Clear();
    }

    private static FormElement? Element(ImportNode node, ImportReport report)
    {
        var visible = Visible(node);
        var required = node.RequireIf.Count switch
        {
            0 => null,
            1 => node.RequireIf[0],
            _ => new Condition { Any = [.. node.RequireIf] },
        };
        if (node.IsGroup)
        {
            return Group(node, visible, required, report);
        }

        FormElement field = node.Field! with { VisibleIf = visible, RequiredIf = required };
        return field;
    }

    private static GroupDefinition? Group(ImportNode node, Condition? visible, Condition? required, ImportReport report)
    {
        var elements = node.Children.Select(c => Element(c, report)).OfType<FormElement>().ToList();
        if (elements.Count == 0)
        {
            report.Warnings.Add($"{node.Source?.Id} \"{node.Label}\": a group without elements was left out.");
            return null;
        }

        return new GroupDefinition
        {
            Id = node.Id,
            Label = node.Label,
            Help = node.Help,
            MinOccurs = node.Min,
            MaxOccurs = node.Max,
            VisibleIf = visible,
            RequiredIf = required,
            Elements = elements,
        };
    }

    /// <summary>Shown when any "show" rule holds (or there is none) and no "hide" rule holds.</summary>
    private static Condition? Visible(ImportNode node)
    {
        var parts = new List<Condition>();
        if (node.ShowIf.Count == 1)
        {
            parts.Add(node.ShowIf[0]);
        }
        else if (node.ShowIf.Count > 1)
        {
            parts.Add(new Condition { Any = [.. node.ShowIf] });
        }

        parts.AddRange(node.HideIf.Select(h => new Condition { Not = h }));
        return parts.Count switch
        {
            0 => null,
            1 => parts[0],
            _ => new Condition { All = parts },
        };
    }
}
