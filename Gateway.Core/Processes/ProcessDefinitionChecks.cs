using System.Text.RegularExpressions;
using EfaGateway.Core.Tenants;

namespace EfaGateway.Core.Processes;

/// <summary>
/// What a JSON schema cannot check in a definition: ids unique among siblings, usable patterns, options for selects,
/// sane limits and occurrences, and conditions that point at a field.
/// </summary>
internal static partial class ProcessDefinitionChecks
{
    public static IEnumerable<string> Check(ProcessDefinition definition)
    {
        if (!TenantId.IsValid(definition.Id))
        {
            yield return $"id '{definition.Id}' must be a slug (lower-case letters, digits, hyphens).";
        }

        if (string.IsNullOrWhiteSpace(definition.Version))
        {
            yield return "version is missing.";
        }

        if (definition.Sections.Count == 0)
        {
            yield return "sections: at least one section is needed.";
        }

        IReadOnlyList<FormElement> root = definition.Sections.SelectMany(s => s.Elements).ToList();
        foreach (var problem in CheckContainer(root, [root], parentPath: null))
        {
            yield return problem;
        }
    }

    private static IEnumerable<string> CheckContainer(IReadOnlyList<FormElement> elements, IReadOnlyList<IReadOnlyList<FormElement>> scopes, string? parentPath)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var element in elements)
        {
            var path = FormPath.Child(parentPath, element.Id);
            if (!ElementId().IsMatch(element.Id))
            {
                yield return $"element '{path}': the id must start with a letter and hold only letters, digits, '_' and '-'.";
            }

            if (!seen.Add(element.Id))
            {
                yield return $"element '{path}': the id is used twice in the same group.";
            }

            foreach (var problem in CheckCondition(element.VisibleIf, scopes).Concat(CheckCondition(element.RequiredIf, scopes)))
            {
                yield return $"element '{path}': {problem}";
            }

            var own = element switch
            {
                GroupDefinition group => CheckGroup(group, scopes, path),
                FieldDefinition field => CheckField(field).Select(p => $"field '{path}': {p}"),
                _ => [],
            };
            foreach (var problem in own)
            {
                yield return problem;
            }
        }
    }

    private static IEnumerable<string> CheckGroup(GroupDefinition group, IReadOnlyList<IReadOnlyList<FormElement>> scopes, string path)
    {
        if (group.Elements.Count == 0)
        {
            yield return $"group '{path}': a group needs at least one element.";
        }

        if (group.MinOccurs < 0 || group.MaxOccurs is < 1 || group.MinOccurs > group.MaxOccurs)
        {
            yield return $"group '{path}': minOccurs and maxOccurs must satisfy 0 ≤ minOccurs ≤ maxOccurs, maxOccurs ≥ 1.";
        }

        foreach (var problem in CheckContainer(group.Elements, [.. scopes, group.Elements], path))
        {
            yield return problem;
        }
    }

    private static IEnumerable<string> CheckField(FieldDefinition field)
    {
        if (field.Type == FieldType.Select && field.Options.Count == 0)
        {
            yield return "a select needs options.";
        }

        if (field.MinLength > field.MaxLength)
        {
            yield return "minLength is greater than maxLength.";
        }

        if (field.Min > field.Max)
        {
            yield return "min is greater than max.";
        }

        if (field.Pattern is { } pattern && !IsUsableRegex(pattern))
        {
            yield return "pattern is not a valid regular expression.";
        }

        if (field.Autocomplete is { } token && !AutocompleteTokens.Contains(token))
        {
            yield return $"autocomplete '{token}' is not an HTML autofill field name for personal data.";
        }

        if (field.Type == FieldType.Label && (field.Required || field.RequiredIf is not null))
        {
            yield return "a label holds no value and cannot be required.";
        }
    }

    private static IEnumerable<string> CheckCondition(Condition? condition, IReadOnlyList<IReadOnlyList<FormElement>> scopes)
    {
        if (condition is null)
        {
            yield break;
        }

        var combinations = (condition.All is null ? 0 : 1) + (condition.Any is null ? 0 : 1) + (condition.Not is null ? 0 : 1);
        var tests = (condition.EqualsValue is null ? 0 : 1) + (condition.OneOf is null ? 0 : 1) +
            (condition.NotEquals is null ? 0 : 1) + (condition.Filled is null ? 0 : 1);
        if (combinations == 1 && tests == 0 && condition.Field is null)
        {
            foreach (var problem in (condition.All ?? condition.Any ?? [condition.Not!]).SelectMany(c => CheckCondition(c, scopes)))
            {
                yield return problem;
            }
        }
        else if (combinations == 0 && tests == 1 && condition.Field is { } path)
        {
            if (ConditionPaths.Resolve(scopes, path) is null)
            {
                yield return $"the condition's field '{path}' is not a field reachable from here (repeating groups cannot be looked into).";
            }
        }
        else
        {
            yield return "a condition is either a field with exactly one of equals, oneOf, notEquals, filled, or exactly one of all, any, not.";
        }
    }

    private static bool IsUsableRegex(string pattern)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(200));
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>The autofill field names of HTML (WHATWG) that WCAG 1.3.5 lists as input purposes.</summary>
    private static readonly HashSet<string> AutocompleteTokens = new(StringComparer.Ordinal)
    {
        "name", "honorific-prefix", "given-name", "additional-name", "family-name", "honorific-suffix", "nickname",
        "organization-title", "organization", "street-address", "address-line1", "address-line2", "address-line3",
        "address-level4", "address-level3", "address-level2", "address-level1", "country", "country-name", "postal-code",
        "cc-name", "cc-given-name", "cc-additional-name", "cc-family-name", "cc-number", "cc-exp", "cc-exp-month",
        "cc-exp-year", "cc-csc", "cc-type", "transaction-currency", "transaction-amount", "language", "bday", "bday-day",
        "bday-month", "bday-year", "sex", "url", "photo", "tel", "tel-country-code", "tel-national", "tel-area-code",
        "tel-local", "tel-local-prefix", "tel-local-suffix", "tel-extension", "email", "impp", "username",
    };

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex ElementId();
}
