using System.Text.RegularExpressions;

namespace EfaGateway.Fim.Import;

internal enum RuleActionKind
{
    Show,
    Hide,
    Require,
}

/// <summary>One "WENN … DANN …" (or "SONST …") clause of a FIM rule, still in FIM ids and FIM values.</summary>
internal sealed record RuleClause(string? SourceId, bool Negated, IReadOnlyList<string> Values, bool IsElse, IReadOnlyList<RuleAction> Actions);

internal sealed record RuleAction(RuleActionKind Kind, IReadOnlyList<string> TargetIds);

/// <summary>
/// Parses the controlled German of FIM rules ("WENN F… = 001 'x', DANN aktiviere G… UND mache sie zu einer
/// Pflichtangabe.", "Wenn F… === "Ja", dann zeige G… an, wenn F… &lt;&gt; "Ja" dann blende G… aus.") into clauses.
/// Anything outside that grammar yields a reason instead, and the import lists the rule as not translated.
/// </summary>
internal static partial class RuleText
{
    public static (IReadOnlyList<RuleClause>? Clauses, string? Reason) Parse(string text)
    {
        var quoted = new List<string>();
        var plain = Quotes().Replace(Normalize(text), m =>
        {
            quoted.Add(m.Groups[1].Value.Trim());
            return $" ⟦{quoted.Count - 1}⟧ ";
        });
        if (plain.Contains('"', StringComparison.Ordinal))
        {
            return (null, "unbalanced quotation marks");
        }

        var parts = ClauseStart().Split(plain).Select(p => p.Trim(' ', ',', ';', '.')).Where(p => p.Length > 0).ToList();
        if (parts.Count == 0 || !Starter().IsMatch(parts[0]))
        {
            return (null, "not a WENN … DANN rule");
        }

        var clauses = new List<RuleClause>();
        foreach (var part in parts)
        {
            var (clause, reason) = ParseClause(part, quoted, clauses.LastOrDefault());
            if (clause is null)
            {
                return (null, reason);
            }

            clauses.Add(clause);
        }

        return (clauses, null);
    }

    private static (RuleClause? Clause, string? Reason) ParseClause(string part, List<string> quoted, RuleClause? previous)
    {
        if (ElseStart().Match(part) is { Success: true } elseMatch)
        {
            if (previous is null)
            {
                return (null, "SONST without a preceding WENN");
            }

            var elseActions = ParseActions(part[elseMatch.Length..], previous);
            return elseActions.Actions is null
                ? (null, elseActions.Reason)
                : (previous with { Negated = !previous.Negated, IsElse = true, Actions = elseActions.Actions }, null);
        }

        var body = Starter().Replace(part, string.Empty, 1);
        var split = Then().Match(body);
        var at = split.Success ? split.Index : ActionVerb().Match(body) is { Success: true } verb ? verb.Index : -1;
        if (at < 0)
        {
            return (null, "no DANN and no action (zeige, aktiviere, deaktiviere, blende aus, muss) found");
        }

        var condition = body[..at];
        var actionText = split.Success ? body[(split.Index + split.Length)..] : body[at..];
        if (GroupId().IsMatch(condition))
        {
            return (null, "the condition tests a group, not a field");
        }

        var sources = FieldId().Matches(condition).Select(m => m.Value).Distinct().ToList();
        if (sources.Count > 1 || condition.Contains('.', StringComparison.Ordinal) && sources.Count == 1 && DottedPath().IsMatch(condition))
        {
            return (null, "the condition involves more than one field");
        }

        var source = sources.FirstOrDefault() ?? previous?.SourceId;
        if (source is null)
        {
            return (null, "the condition names no field");
        }

        var comparison = Operator().Match(condition);
        if (!comparison.Success)
        {
            return (null, "the condition has no comparison (=, ==, !=, <>)");
        }

        // "= 003 ODER = 005" is one of several values; "<> 003 UND <> 005" is none of them. Other mixtures are not understood.
        var rest = condition[(comparison.Index + comparison.Length)..];
        var negated = comparison.Value is "!=" or "<>";
        var joiner = negated ? And() : Or();
        if ((negated ? Or() : And()).IsMatch(rest))
        {
            return (null, "the condition mixes UND and ODER in a way that is not understood");
        }

        var values = new List<string>();
        foreach (var alternative in joiner.Split(rest))
        {
            var value = ParseValue(alternative, quoted, negated);
            if (value is null)
            {
                return (null, $"the value '{Restore(alternative, quoted).Trim().TrimEnd(',', '.', ';').TrimEnd()}' is not understood");
            }

            values.Add(value);
        }

        var clause = new RuleClause(source, negated, values, false, []);
        var actions = ParseActions(actionText, previous);
        return actions.Actions is null ? (null, actions.Reason) : (clause with { Actions = actions.Actions }, null);
    }

    /// <summary>A code (digits, optionally followed by its quoted label), a quoted value, or ja/nein/wahr/falsch; nothing else.</summary>
    private static string? ParseValue(string alternative, List<string> quoted, bool negated)
    {
        var operators = Operator().Matches(alternative);
        if (operators.Any(o => (o.Value is "!=" or "<>") != negated))
        {
            return null;
        }

        var text = LeadingNoise().Replace(alternative, string.Empty).Trim();
        string? value = null;
        var consumed = 0;
        if (Placeholder().Match(text) is { Success: true, Index: 0 } placeholder)
        {
            var inner = quoted[int.Parse(placeholder.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)];
            value = LeadingCode().Match(inner) is { Success: true } code ? code.Groups[1].Value : inner;
            consumed = placeholder.Length;
        }
        else if (LeadingCode().Match(text) is { Success: true } digits)
        {
            value = digits.Groups[1].Value;
            consumed = digits.Length;
            // The code's label may follow, quoted ("001 'in Deutschland'") or after "=" ("001= Natürliche Person" is not).
            var label = Placeholder().Match(text, consumed);
            if (label.Success && text[consumed..label.Index].Trim().TrimStart('=').Trim().Length == 0)
            {
                consumed = label.Index + label.Length;
            }
        }
        else if (BoolWord().Match(text) is { Success: true } word)
        {
            value = word.Value;
            consumed = word.Length;
        }

        var remainder = TrailingFiller().Replace(text[consumed..], string.Empty);
        return value is not null && remainder.Trim(' ', ',', '.', ';', ':').Length == 0 ? value : null;
    }

    /// <summary>
    /// Actions joined by UND. A phrase without targets ("mache es zu einer Pflichtangabe", "ansonsten nicht") applies to
    /// the targets before it; targets without a verb ("muss F1 und G2 befüllt werden") wait for the next verb.
    /// </summary>
    private static (IReadOnlyList<RuleAction>? Actions, string? Reason) ParseActions(string text, RuleClause? previous)
    {
        var actions = new List<RuleAction>();
        IReadOnlyList<string> lastTargets = previous?.Actions.SelectMany(a => a.TargetIds).Distinct().ToList() ?? [];
        IReadOnlyList<RuleActionKind> lastKinds = [];
        var pending = new List<string>();
        foreach (var phrase in And().Split(text).Select(p => p.Trim(' ', ',', '.', ';')).Where(p => p.Length > 0))
        {
            var targets = ElementId().Matches(phrase).Select(m => m.Value).Distinct().ToList();
            var kinds = Kinds(phrase);
            if (kinds.Count == 0)
            {
                if (targets.Count == 0)
                {
                    return (null, $"the action '{phrase}' is not understood");
                }

                pending.AddRange(targets);
                continue;
            }

            IReadOnlyList<string> applied = pending.Count + targets.Count > 0 ? [.. pending, .. targets] : lastTargets;
            if (applied.Count == 0)
            {
                return (null, $"the action '{phrase}' names no field or group");
            }

            actions.AddRange(kinds.Select(k => new RuleAction(k, applied)));
            (lastTargets, lastKinds) = (applied, kinds);
            pending.Clear();
        }

        if (pending.Count > 0)
        {
            if (lastKinds.Count == 0)
            {
                return (null, "no action (zeige, aktiviere, deaktiviere, blende aus, muss) for " + string.Join(", ", pending));
            }

            actions.AddRange(lastKinds.Select(k => new RuleAction(k, pending)));
        }

        return actions.Count == 0 ? (null, "no action found after DANN") : (actions, null);
    }

    private static List<RuleActionKind> Kinds(string phrase)
    {
        var kinds = new List<RuleActionKind>();
        if (Hide().IsMatch(phrase))
        {
            kinds.Add(RuleActionKind.Hide);
            return kinds;
        }

        if (Show().IsMatch(phrase))
        {
            kinds.Add(RuleActionKind.Show);
        }

        if (Require().IsMatch(phrase))
        {
            kinds.Add(RuleActionKind.Require);
        }

        return kinds;
    }

    private static string Normalize(string text)
    {
        var unified = text.Replace('„', '"').Replace('“', '"').Replace('”', '"').Replace('»', '"').Replace('«', '"')
            .Replace('‚', '"').Replace('‘', '"').Replace('’', '"').Replace('\'', '"');
        return Whitespace().Replace(unified, " ").Trim();
    }

    private static string Restore(string text, List<string> quoted) =>
        Placeholder().Replace(text, m => "\"" + quoted[int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)] + "\"");

    [GeneratedRegex("\"([^\"]*)\"")]
    private static partial Regex Quotes();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    // A new clause starts at WENN, at SONST/ansonsten/andernfalls, and at "bei" after a comma when a comparison follows.
    [GeneratedRegex(@"(?=\b(?:wenn|sonst|ansonsten|andernfalls)\b)|(?<=[,.;]\s*)(?=bei\s+(?:<>|!=|==|=|F\d))", RegexOptions.IgnoreCase)]
    private static partial Regex ClauseStart();

    [GeneratedRegex(@"^(?:wenn|bei)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Starter();

    [GeneratedRegex(@"^(?:sonst|ansonsten|andernfalls)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ElseStart();

    [GeneratedRegex(@"\bdann\b", RegexOptions.IgnoreCase)]
    private static partial Regex Then();

    [GeneratedRegex(@"\b(?:zeige|aktiviere|deaktiviere|blende|erscheint|muss|darf)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ActionVerb();

    [GeneratedRegex(@"\bG\d{5,}\b")]
    private static partial Regex GroupId();

    [GeneratedRegex(@"\bF\d{5,}\b")]
    private static partial Regex FieldId();

    [GeneratedRegex(@"\b[FG]\d{5,}\b")]
    private static partial Regex ElementId();

    [GeneratedRegex(@"[FG]\d{5,}\.[FG]\d{5,}")]
    private static partial Regex DottedPath();

    [GeneratedRegex("===|==|!=|<>|=")]
    private static partial Regex Operator();

    [GeneratedRegex(@"\boder\b", RegexOptions.IgnoreCase)]
    private static partial Regex Or();

    [GeneratedRegex(@"\bund\b", RegexOptions.IgnoreCase)]
    private static partial Regex And();

    [GeneratedRegex(@"^(?:\s|=|!=|<>|Auswahl\b)*", RegexOptions.IgnoreCase)]
    private static partial Regex LeadingNoise();

    [GeneratedRegex(@"\b(?:ist|sind|wird|ausgewählt|gewählt|angekreuzt|belegt)\b", RegexOptions.IgnoreCase)]
    private static partial Regex TrailingFiller();

    [GeneratedRegex(@"⟦(\d+)⟧")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"^(\d+)(?:\b|$)")]
    private static partial Regex LeadingCode();

    [GeneratedRegex(@"^(?:ja|nein|wahr|falsch|true|false)\b", RegexOptions.IgnoreCase)]
    private static partial Regex BoolWord();

    [GeneratedRegex(@"\bdeaktiviere\b|\bausgeblendet\b|\bblende\b.*\baus\b|\b(?:zeige|angezeigt|erscheint)\b.*\bnicht\b|\bdarf\b.*\bnicht\b|^nicht$", RegexOptions.IgnoreCase)]
    private static partial Regex Hide();

    [GeneratedRegex(@"\b(?:aktiviere|zeige|erscheint|angezeigt|einblenden)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Show();

    [GeneratedRegex(@"\b(?:pflicht\w*|muss|müssen|verpflichtend|befüllt|ausgefüllt)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Require();
}
