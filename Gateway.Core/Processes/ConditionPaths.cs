namespace EfaGateway.Core.Processes;

/// <summary>
/// Resolves the relative field paths of <see cref="Condition"/>: ".." steps out of the current group, an id steps into
/// a non-repeating group or names the field. A repeating group cannot be stepped into: which instance would be meant?
/// </summary>
public static class ConditionPaths
{
    /// <param name="scopes">The containers from the root (first) to the one holding the element (last).</param>
    public static FieldDefinition? Resolve(IReadOnlyList<IReadOnlyList<FormElement>> scopes, string path)
    {
        var depth = scopes.Count - 1;
        var parts = path.Split('/');
        IReadOnlyList<FormElement>? level = null;
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            if (part == "..")
            {
                if (level is not null || depth == 0)
                {
                    return null;
                }

                depth--;
                continue;
            }

            level ??= scopes[depth];
            var element = level.FirstOrDefault(e => e.Id == part);
            if (i == parts.Length - 1)
            {
                return element as FieldDefinition is { HoldsValue: true } field ? field : null;
            }

            if (element is not GroupDefinition { Repeats: false } group)
            {
                return null;
            }

            level = group.Elements;
        }

        return null;
    }
}
