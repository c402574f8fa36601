using System.Collections.Concurrent;
using System.Text.Json;

namespace EfaGateway.Transports.FitConnect.Settings;

/// <summary>
/// Route settings as read and checked, by their exact JSON text. Every delivery and every receipt check of a route
/// reads its settings; parsing them (trust anchors included, as certificates) each time cost more than the lookup.
/// The result depends on nothing but the text (the records are immutable), so a changed route is a new entry.
/// </summary>
internal static class ReadSettingsCache
{
    /// <summary>Far more routes than a gateway has; a full cache starts over rather than grow.</summary>
    private const int MaxEntries = 1_000;

    private static readonly ConcurrentDictionary<string, (FitConnectRouteSettings? Settings, string? Problem)> Entries = new(StringComparer.Ordinal);

    public static (FitConnectRouteSettings? Settings, string? Problem) Get(JsonElement settings,
        Func<JsonElement?, (FitConnectRouteSettings? Settings, string? Problem)> read)
    {
        var text = settings.GetRawText();
        if (Entries.TryGetValue(text, out var known))
        {
            return known;
        }

        var result = read(settings);
        if (Entries.Count >= MaxEntries)
        {
            Entries.Clear();
        }

        Entries[text] = result;
        return result;
    }
}
