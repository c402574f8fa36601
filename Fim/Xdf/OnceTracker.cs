namespace EfaGateway.Fim.Xdf;

/// <summary>
/// Refuses a second occurrence of an element that may occur once. An earlier empty-element tag (<c>&lt;x/&gt;</c>)
/// counts as a placeholder that a later occurrence may fill, as some exporters write one before the real value.
/// </summary>
internal sealed class OnceTracker(XmlCursor cursor, string parent)
{
    private readonly Dictionary<string, bool> seen = new(StringComparer.Ordinal);

    public void Take(string localName)
    {
        if (seen.TryGetValue(localName, out var wasPlaceholder) && !wasPlaceholder)
        {
            throw cursor.Error($"Duplicate {cursor.Qualified(localName)} in {parent}");
        }

        seen[localName] = cursor.IsEmptyElement;
    }
}
