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

    /// <summary>Compares by content: EF must notice a changed element, not only a replaced list.</summary>
    public static ValueComparer<List<string>> StringListComparer { get; } = new(
        (left, right) => left!.SequenceEqual(right!),
        list => list.Aggregate(0, (hash, item) => HashCode.Combine(hash, item.GetHashCode(StringComparison.Ordinal))),
        list => list.ToList());

    public static ValueConverter<Dictionary<string, string>, string> StringMapConverter { get; } = new(
        map => JsonSerializer.Serialize(map, Options),
        json => new Dictionary<string, string>(
            JsonSerializer.Deserialize<Dictionary<string, string>>(json, Options) ?? new Dictionary<string, string>(),
            StringComparer.Ordinal));

    public static ValueComparer<Dictionary<string, string>> StringMapComparer { get; } = new(
        (left, right) => left!.Count == right!.Count && left.All(pair => right.ContainsKey(pair.Key) && right[pair.Key] == pair.Value),
        map => map.OrderBy(pair => pair.Key, StringComparer.Ordinal)
            .Aggregate(0, (hash, pair) => HashCode.Combine(hash, pair.Key.GetHashCode(StringComparison.Ordinal), pair.Value.GetHashCode(StringComparison.Ordinal))),
        map => new Dictionary<string, string>(map, StringComparer.Ordinal));
}
