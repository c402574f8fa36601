using System.Collections.Concurrent;

namespace EfaGateway.Persistence.Stores;

/// <summary>
/// The value last parsed from a stored text, per key, reused while the stored text is the same: a changed row is new
/// text and is parsed again, so nothing is ever served stale and no invalidation is needed (also across hosts or a
/// database swapped underneath, as in tests). For values read on every submission or delivery attempt.
/// </summary>
internal sealed class LastParsed<TKey, TValue>
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, (string Text, TValue Value)> entries = new();

    public TValue Get(TKey key, string text, Func<TKey, string, TValue> parse)
    {
        if (entries.TryGetValue(key, out var hit) && string.Equals(hit.Text, text, StringComparison.Ordinal))
        {
            return hit.Value;
        }

        var value = parse(key, text);
        entries[key] = (text, value);
        return value;
    }
}
