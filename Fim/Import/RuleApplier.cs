using EfaGateway.Core.Processes;
using EfaGateway.Fim.Xdf;

namespace EfaGateway.Fim.Import;

/// <summary>
/// Turns parsed rule clauses into conditions on the import tree. Ids are looked up below the element that carries the
/// rule (then in the whole form); the condition's field path is computed from each target's place. A rule is applied
/// completely or not at all, and every rule ends up in the report either way.
/// </summary>
internal static class RuleApplier
{
    public static void Apply(ImportNode root, IReadOnlyList<(ImportNode Owner, XdfRule Rule)> rules, ImportReport report)
    {
        foreach (var group in rules.GroupBy(r => r.Rule.Id + ":" + r.Rule.Version))
        {
            var rule = group.First().Rule;
            var text = rule.FreeText ?? string.Empty;
            string? reason = null;
            var planned = new List<(ImportNode Target, RuleActionKind Kind, Condition Condition)>();
            if (string.IsNullOrWhiteSpace(rule.FreeText))
            {
                reason = rule.Script is null ? "the rule has no text" : "the rule has only a script, which is not run";
            }
            else if (RuleText.Parse(text) is { Clauses: null } failed)
            {
                reason = failed.Reason;
            }
            else
            {
                var clauses = RuleText.Parse(text).Clauses!;
                foreach (var (owner, _) in group)
                {
                    reason = Plan(root, owner, clauses, planned);
                    if (reason is not null)
                    {
                        break;
                    }
                }
            }

            if (reason is not null)
            {
                report.Rules.Add(new RuleOutcome(rule.Id, text, null, reason));
                continue;
            }

            foreach (var (target, kind, condition) in planned)
            {
                (kind switch
                {
                    RuleActionKind.Show => target.ShowIf,
                    RuleActionKind.Hide => target.HideIf,
                    _ => target.RequireIf,
                }).Add(condition);
            }

            report.Rules.Add(new RuleOutcome(rule.Id, text, Summarize(planned), null));
        }
    }

    private static string? Plan(ImportNode root, ImportNode owner, IReadOnlyList<RuleClause> clauses, List<(ImportNode, RuleActionKind, Condition)> planned)
    {
        // What this rule already made a target depend on: a later "hide" of the same target is its "otherwise".
        var shownOrRequired = new Dictionary<ImportNode, (bool Shown, Condition Condition)>();
        foreach (var clause in clauses)
        {
            var sources = Find(root, clause.SourceId!, includeRepeating: true).Where(n => !n.IsGroup).ToList();
            if (sources.Count == 0)
            {
                return Find(root, clause.SourceId!, includeRepeating: true).Any(n => n.Source is XdfField)
                    ? $"{clause.SourceId} may be given more than once; a condition cannot test a repeated field"
                    : $"{clause.SourceId} is not a field of this schema";
            }

            var values = new List<string>();
            foreach (var value in clause.Values)
            {
                var resolved = ResolveValue(sources[0].Field!, value);
                if (resolved is null)
                {
                    return $"'{value}' is not a value of {clause.SourceId}";
                }

                values.Add(resolved);
            }

            foreach (var action in clause.Actions)
            {
                foreach (var targetId in action.TargetIds)
                {
                    var targets = Find(owner, targetId, includeRepeating: true).ToList();
                    if (targets.Count == 0)
                    {
                        targets = Find(root, targetId, includeRepeating: true).ToList();
                    }

                    if (targets.Count == 0)
                    {
                        return $"{targetId} is not an element of this schema";
                    }

                    foreach (var target in targets.Where(t => !(action.Kind == RuleActionKind.Require && t.Field?.Type == FieldType.Label)))
                    {
                        var path = sources.Where(s => s != target).Select(s => PathFrom(target, s)).OfType<string>().OrderBy(p => p.Length).FirstOrDefault();
                        if (path is null)
                        {
                            return $"{clause.SourceId} cannot be reached from {targetId}: it lies in a repeating group the target is not part of";
                        }

                        var condition = ConditionFor(path, clause.Negated, values);
                        if (action.Kind == RuleActionKind.Hide && shownOrRequired.TryGetValue(target, out var earlier))
                        {
                            // "zeige G …, wenn <> "Ja" blende G aus" / "muss G befüllt sein … sonst darf G nicht befüllt sein":
                            // the hide states the otherwise of the earlier clause, however loosely it is worded.
                            if (!earlier.Shown)
                            {
                                planned.Add((target, RuleActionKind.Show, earlier.Condition));
                                shownOrRequired[target] = (true, earlier.Condition);
                            }

                            continue;
                        }

                        if (action.Kind != RuleActionKind.Hide)
                        {
                            var shown = action.Kind == RuleActionKind.Show || (shownOrRequired.TryGetValue(target, out var known) && known.Shown);
                            shownOrRequired[target] = (shown, condition);
                        }

                        planned.Add((target, action.Kind, condition));
                    }
                }
            }
        }

        return null;
    }

    private static Condition ConditionFor(string path, bool negated, List<string> values) => (negated, values.Count) switch
    {
        (false, 1) => new Condition { Field = path, EqualsValue = values[0] },
        (true, 1) => new Condition { Field = path, NotEquals = values[0] },
        (false, _) => new Condition { Field = path, OneOf = values },
        (true, _) => new Condition { Not = new Condition { Field = path, OneOf = values } },
    };

    /// <summary>The value as the form stores it: "true"/"false" for bool fields, an option's value for selects.</summary>
    private static string? ResolveValue(FieldDefinition field, string value)
    {
        var yes = value.ToLowerInvariant() is "ja" or "wahr" or "true";
        var no = value.ToLowerInvariant() is "nein" or "falsch" or "false";
        if (field.Type == FieldType.Bool)
        {
            return yes ? "true" : no ? "false" : null;
        }

        if (field.Type == FieldType.Select)
        {
            return field.Options.FirstOrDefault(o => o.Value == value)?.Value
                ?? field.Options.FirstOrDefault(o => string.Equals(o.Label.De, value, StringComparison.OrdinalIgnoreCase))?.Value
                ?? field.Options.FirstOrDefault(o => o.Value.TrimStart('0') == value.TrimStart('0') && value.Length > 0 && char.IsAsciiDigit(value[0]))?.Value;
        }

        return yes || no ? null : value;
    }

    private static IEnumerable<ImportNode> Find(ImportNode scope, string id, bool includeRepeating)
    {
        var alternative = UpcastId(id);
        // The field inside a repeating field's wrapper group is reached through the wrapper, which stands for it.
        return scope.Reachable(includeRepeating).Where(n =>
            n != scope && (n.FimId == id || n.FimId == alternative) && !(n.Parent is { } parent && ReferenceEquals(parent.Source, n.Source)));
    }

    /// <summary>XDF2 ids have 8 digits, XDF3 ids 11 ("F60000319" became "F60000000319"); rules sometimes keep the old form.</summary>
    private static string? UpcastId(string id) => id.Length == 9 ? $"{id[..3]}000{id[3..]}" : null;

    /// <summary>The relative path from the target's container to the source field, or null if it would enter a repeating group.</summary>
    private static string? PathFrom(ImportNode target, ImportNode source)
    {
        var from = target.Ancestors();
        var to = source.Ancestors();
        var common = 0;
        while (common < from.Count && common < to.Count && from[common] == to[common])
        {
            common++;
        }

        var down = to.Skip(common).ToList();
        if (down.Any(n => n.Repeats))
        {
            return null;
        }

        var ups = Enumerable.Repeat("..", from.Count - common);
        return string.Join('/', ups.Concat(down.Select(n => n.Id)).Append(source.Id));
    }

    private static string Summarize(List<(ImportNode Target, RuleActionKind Kind, Condition Condition)> planned) =>
        string.Join("; ", planned
            .Select(p => $"{Verb(p.Kind)} {p.Target.Id} if {Describe(p.Condition)}")
            .Distinct());

    private static string Verb(RuleActionKind kind) => kind switch
    {
        RuleActionKind.Show => "show",
        RuleActionKind.Hide => "hide",
        _ => "require",
    };

    private static string Describe(Condition c) =>
        c.Not is { } not ? $"not ({Describe(not)})"
        : c.EqualsValue is { } eq ? $"{Last(c.Field)} = {eq}"
        : c.NotEquals is { } ne ? $"{Last(c.Field)} ≠ {ne}"
        : $"{Last(c.Field)} in [{string.Join(", ", c.OneOf ?? [])}]";

    private static string Last(string? path) => path?.Split('/')[^1] ?? "?";
}
