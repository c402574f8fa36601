using System.Text.Json;
using System.Text.RegularExpressions;

namespace EfaGateway.Transports.FitConnect.Events;

/// <summary>
/// The rules of a Security Event Token in FIT-Connect's event log that need no key: the header (<c>typ</c>
/// secevent+jwt, <c>alg</c> PS512 and nothing else, a <c>kid</c>) and the payload as the set-payload schema 1.x
/// describes it (<c>$schema</c>, <c>jti</c> UUID, <c>iat</c>, <c>iss</c>, <c>sub</c>/<c>txn</c> naming this
/// submission and case, exactly one event). The signature is checked by <see cref="EventLogReader"/>.
/// </summary>
public static partial class SecurityEventTokens
{
    /// <summary>set-payload 1.0.0 is the earliest; the Zustelldienst writes newer 1.x versions today.</summary>
    [GeneratedRegex(@"^https://schema\.fitko\.de/fit-connect/set-payload/1\.\d+\.\d+/set-payload\.schema\.json$")]
    private static partial Regex PayloadSchema();

    /// <summary>The header's <c>kid</c>, or why the header is not acceptable.</summary>
    public static (string? Kid, string? Problem) CheckHeader(string token)
    {
        IDictionary<string, object> header;
        try
        {
            header = Jose.JWT.Headers(token);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or JsonException or Jose.JoseException or IndexOutOfRangeException)
        {
            return (null, "its header cannot be read");
        }

        if (header.Count(h => h.Key == "typ") != 1 || header["typ"] as string != "secevent+jwt")
        {
            return (null, "its typ is not secevent+jwt");
        }

        if (header.TryGetValue("alg", out var alg) is false || alg as string != "PS512")
        {
            return (null, $"its alg is '{alg}', only PS512 is accepted");
        }

        return header.TryGetValue("kid", out var kid) && kid is string { Length: > 0 } text ? (text, null) : (null, "it names no kid");
    }

    /// <summary>The issuer as the unverified payload states it (to choose the key); null if unreadable.</summary>
    public static string? PeekIssuer(string token)
    {
        try
        {
            using var payload = JsonDocument.Parse(Jose.JWT.PayloadBytes(token, true));
            return payload.RootElement.TryGetProperty("iss", out var iss) && iss.ValueKind == JsonValueKind.String ? iss.GetString() : null;
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or JsonException or Jose.JoseException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>Checks the verified payload's claims; returns the event or the problem.</summary>
    public static (VerifiedEvent? Event, string? Problem) CheckPayload(JsonElement payload, string issuer, bool issuedByDestination,
        Guid submissionId, Guid caseId)
    {
        if (payload.ValueKind != JsonValueKind.Object)
        {
            return (null, "its payload is not a JSON object");
        }

        if (Text(payload, "$schema") is not { } schema || !PayloadSchema().IsMatch(schema))
        {
            return (null, "its $schema is not a set-payload 1.x schema");
        }

        if (Text(payload, "jti") is not { } jti || !Guid.TryParseExact(jti, "D", out _))
        {
            return (null, "its jti is not a UUID");
        }

        if (!payload.TryGetProperty("iat", out var iat) || !iat.TryGetInt64(out var issuedAt) || issuedAt < 1_577_833_200)
        {
            return (null, "its iat is missing or not a plausible time");
        }

        if (Text(payload, "iss") != issuer)
        {
            return (null, "its iss changed between reading and verifying");
        }

        if (!string.Equals(Text(payload, "sub"), $"submission:{submissionId:D}", StringComparison.OrdinalIgnoreCase))
        {
            return (null, "its sub names another submission");
        }

        if (!string.Equals(Text(payload, "txn"), $"case:{caseId:D}", StringComparison.OrdinalIgnoreCase))
        {
            return (null, "its txn names another case");
        }

        if (!payload.TryGetProperty("events", out var events) || events.ValueKind != JsonValueKind.Object || events.EnumerateObject().Count() != 1)
        {
            return (null, "it does not carry exactly one event");
        }

        var single = events.EnumerateObject().Single();
        var allowed = issuedByDestination ? FitConnectEvents.DestinationEvents : FitConnectEvents.ServiceEvents;
        if (!allowed.Contains(single.Name))
        {
            return (null, $"the event '{FitConnectEvents.ShortName(single.Name)}' may not be issued by {(issuedByDestination ? "the destination" : "the Zustelldienst")}");
        }

        if (single.Value.ValueKind != JsonValueKind.Object)
        {
            return (null, "its event details are not a JSON object");
        }

        return (new VerifiedEvent(single.Name, issuedByDestination, issuedAt, single.Value.Clone()), null);
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
