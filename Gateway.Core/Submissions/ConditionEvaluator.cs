using System.Globalization;
using System.Text.Json;
using EfaGateway.Core.Processes;

namespace EfaGateway.Core.Submissions;

/// <summary>
/// Evaluates a <see cref="Condition"/> against submitted data. The scopes are the data objects from the root (first)
/// to the container of the element the condition is on (last); a missing container is an undefined element.
/// </summary>
public static class ConditionEvaluator
{
    public static bool Holds(Condition condition, IReadOnlyList<JsonElement> scopes)
    {
        if (condition.All is { } all)
        {
            return all.All(c => Holds(c, scopes));
        }

        if (condition.Any is { } any)
        {
            return any.Any(c => Holds(c, scopes));
        }

        if (condition.Not is { } negated)
        {
            return !Holds(negated, scopes);
        }

        var text = condition.Field is { } path ? ValueText(Find(scopes, path)) : null;
        if (condition.Filled is { } filled)
        {
            return (text is not null) == filled;
        }

        if (condition.EqualsValue is { } expected)
        {
            return text == expected;
        }

        if (condition.OneOf is { } options)
        {
            return text is not null && options.Contains(text);
        }

        return condition.NotEquals is { } unwanted && text != unwanted;
    }

    /// <summary>The value's text form as conditions compare it; null when not filled in.</summary>
    public static string? ValueText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Number when value.TryGetDecimal(out var number) => number.ToString(CultureInfo.InvariantCulture),
        JsonValueKind.String => JsonText.TryGetString(value) is { } s && !string.IsNullOrWhiteSpace(s) ? s : null,
        _ => null,
    };

    private static JsonElement Find(IReadOnlyList<JsonElement> scopes, string path)
    {
        var depth = scopes.Count - 1;
        JsonElement? current = null;
        foreach (var part in path.Split('/'))
        {
            if (part == "..")
            {
                depth = Math.Max(0, depth - 1);
                continue;
            }

            current ??= scopes[depth];
            if (current.Value.ValueKind != JsonValueKind.Object || !current.Value.TryGetProperty(part, out var next))
            {
                return default;
            }

            current = next;
        }

        return current ?? default;
    }
}
