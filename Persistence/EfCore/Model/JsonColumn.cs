using System.Text.Json;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace EfaGateway.Persistence.Model;

/// <summary>
/// Value converters and comparers for small collections kept as JSON text in one column. Text rather than a native
/// JSON type so the same mapping works on SQLite and PostgreSQL; nobody queries inside these values.
/// </summary>
internal static class JsonColumn
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.General);

    public static ValueConverter<List<string>, string> StringListConverter { get; } = new(
        list => JsonSerializer.Serialize(list, Options),
        json => JsonSerializer.Deserialize<List<string>>(json, Options) ?? new List<string>());

    // The comparers call plain methods rather than holding lambdas: EF compiles them into expression trees, and a
    // lambda nested in one becomes a new delegate (DynamicMethod.CreateDelegate) on every comparison, which showed
    // up in the submit path's profile.

    /// <summary>Compares by content: EF must notice a changed element, not only a replaced list.</summary>
    public static ValueComparer<List<string>> StringListComparer { get; } = new(
        (left, right) => ListsEqual(left, right),
        list => ListHash(list),
        list => list.ToList());

    public static ValueConverter<Dictionary<string, string>, string> StringMapConverter { get; } = new(
        map => JsonSerializer.Serialize(map, Options),
        json => new Dictionary<string, string>(
            JsonSerializer.Deserialize<Dictionary<string, string>>(json, Options) ?? new Dictionary<string, string>(),
            StringComparer.Ordinal));

    public static ValueComparer<Dictionary<string, string>> StringMapComparer { get; } = new(
        (left, right) => MapsEqual(left, right),
        map => MapHash(map),
        map => new Dictionary<string, string>(map, StringComparer.Ordinal));

    private static bool ListsEqual(List<string>? left, List<string>? right) =>
        ReferenceEquals(left, right) || (left is not null && right is not null && left.SequenceEqual(right, StringComparer.Ordinal));

    private static int ListHash(List<string> list)
    {
        var hash = 0;
        foreach (var item in list)
        {
            hash = HashCode.Combine(hash, item.GetHashCode(StringComparison.Ordinal));
        }

        return hash;
    }

    private static bool MapsEqual(Dictionary<string, string>? left, Dictionary<string, string>? right)
    {
        if (ReferenceEquals(left, right))
        {
            return true;
        }

        if (left is null || right is null || left.Count != right.Count)
        {
            return false;
        }

        foreach (var (key, value) in left)
        {
            if (!right.TryGetValue(key, out var other) || !string.Equals(value, other, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    // Order-independent (XOR of the pairs' hashes), so two maps with the same content hash alike without sorting.
    private static int MapHash(Dictionary<string, string> map)
    {
        var hash = map.Count;
        foreach (var (key, value) in map)
        {
            hash ^= HashCode.Combine(key.GetHashCode(StringComparison.Ordinal), value.GetHashCode(StringComparison.Ordinal));
        }

        return hash;
    }
}
