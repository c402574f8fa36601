using System.Globalization;
using EfaGateway.Core.Deliveries;

namespace EfaGateway.Host.Api;

/// <summary>
/// The query string of the operator's delivery list (<c>?state=…&amp;since=…&amp;after=…&amp;limit=…</c>), read by
/// hand so that a bad value gets an answer naming it rather than the framework's generic binding error.
/// </summary>
internal static class DeliveryListParameters
{
    /// <summary>The query, or what is wrong with the first bad parameter (German first) and a null query.</summary>
    public static (DeliveryListQuery? Query, string? Error) Parse(string? state, string? since, string? after, string? limit)
    {
        DeliveryState? parsedState = null;
        if (state is not null)
        {
            if (!TryState(state, out var value))
            {
                return (null, $"Unbekannter Zustand '{state}'. (Unknown state; one of {string.Join(", ", Enum.GetNames<DeliveryState>())}.)");
            }

            parsedState = value;
        }

        DateTimeOffset? parsedSince = null;
        if (since is not null)
        {
            if (!TrySince(since, out var value))
            {
                return (null, "'since' ist kein Zeitpunkt nach ISO 8601 mit Zeitzone, z. B. 2026-11-27T10:00:00Z. (since must be an ISO 8601 date and time with offset.)");
            }

            parsedSince = value;
        }

        Guid? parsedAfter = null;
        if (after is not null)
        {
            if (!Guid.TryParseExact(after, "D", out var value))
            {
                return (null, "'after' ist keine Zustellungs-ID. (after must be a delivery id as in the list, e.g. 019a…-….)");
            }

            parsedAfter = value;
        }

        var parsedLimit = DeliveryListQuery.DefaultLimit;
        if (limit is not null && !TryLimit(limit, out parsedLimit))
        {
            return (null, $"'limit' muss eine ganze Zahl von 1 bis {DeliveryListQuery.MaxLimit} sein. (limit must be a whole number from 1 to {DeliveryListQuery.MaxLimit}.)");
        }

        return (new DeliveryListQuery(parsedState, parsedSince, parsedAfter, parsedLimit), null);
    }

    /// <summary>The same list continued after <paramref name="lastId"/>.</summary>
    public static string Next(string path, DeliveryListQuery query, Guid lastId)
    {
        var parameters = new List<KeyValuePair<string, string?>>();
        if (query.State is { } state)
        {
            parameters.Add(new("state", state.ToString()));
        }

        if (query.Since is { } since)
        {
            parameters.Add(new("since", since.ToString("O", CultureInfo.InvariantCulture)));
        }

        parameters.Add(new("after", lastId.ToString("D")));
        parameters.Add(new("limit", query.Limit.ToString(CultureInfo.InvariantCulture)));
        return path + Microsoft.AspNetCore.Http.QueryString.Create(parameters).ToUriComponent();
    }

    // Names only: Enum.TryParse would also take "3" or "1,2".
    private static bool TryState(string text, out DeliveryState state)
    {
        state = default;
        return Enum.GetNames<DeliveryState>().Any(n => n.Equals(text, StringComparison.OrdinalIgnoreCase))
            && Enum.TryParse(text, ignoreCase: true, out state);
    }

    // An offset is required: a time without one would be read in the server's zone, which the caller cannot know.
    private static bool TrySince(string text, out DateTimeOffset since) =>
        DateTimeOffset.TryParseExact(text, ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"], CultureInfo.InvariantCulture,
            DateTimeStyles.None, out since)
        && (text.EndsWith('Z') || text.Length > 6 && text[^6] is '+' or '-');

    private static bool TryLimit(string text, out int limit) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out limit) && limit is >= 1 and <= DeliveryListQuery.MaxLimit;
}
