using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EfaGateway.Conformance.FitConnect.Jose;

/// <summary>
/// A Security Event Token (RFC 8417) as FIT-Connect uses it: a JWS signed PS512, header typ <c>secevent+jwt</c> and kid,
/// payload <c>$schema, jti, iss, iat, sub ("submission:…"), txn ("case:…"), events</c> with exactly one event.
/// </summary>
public sealed record SecurityEventToken(
    string Token,
    string KeyId,
    string Issuer,
    DateTimeOffset IssuedAt,
    string JwtId,
    string Subject,
    string Transaction,
    string EventUri,
    JsonElement EventPayload)
{
    public string SubmissionId => Subject.StartsWith("submission:", StringComparison.Ordinal) ? Subject["submission:".Length..] : "";

    /// <summary>The payload's <c>$schema</c> (set-payload schema URI), or null.</summary>
    public string? PayloadSchema { get; init; }

    public string CaseId => Transaction.StartsWith("case:", StringComparison.Ordinal) ? Transaction["case:".Length..] : "";

    public static string Sign(RSA signingKey, string kid, string issuer, string submissionId, string caseId,
        string eventUri, JsonObject eventPayload, DateTimeOffset issuedAt, string payloadSchema = FitConnectEvents.SetPayloadSchema)
    {
        var payload = new JsonObject
        {
            ["$schema"] = payloadSchema,
            ["jti"] = Guid.NewGuid().ToString(),
            ["iss"] = issuer,
            ["iat"] = issuedAt.ToUnixTimeSeconds(),
            ["sub"] = $"submission:{submissionId}",
            ["txn"] = $"case:{caseId}",
            ["events"] = new JsonObject { [eventUri] = eventPayload },
        };
        var headers = new Dictionary<string, object> { ["typ"] = FitConnectEvents.SetMediaType, ["kid"] = kid };
        return global::Jose.JWT.Encode(payload.ToJsonString(), signingKey, global::Jose.JwsAlgorithm.PS512, headers);
    }

    /// <summary>Reads header and claims without checking the signature (to find the key to check it with).</summary>
    public static SecurityEventToken ReadUnverified(string token)
    {
        var header = global::Jose.JWT.Headers(token);
        var payload = JsonDocument.Parse(global::Jose.JWT.Payload(token)).RootElement;
        return FromParts(token, header, payload);
    }

    /// <summary>
    /// Checks the header (alg PS512, typ secevent+jwt, kid), the PS512 signature with <paramref name="publicKey"/> and the
    /// claims; returns the token, or null with the reason in <paramref name="error"/>.
    /// </summary>
    public static SecurityEventToken? Verify(string token, RSA publicKey, out string? error)
    {
        try
        {
            var header = global::Jose.JWT.Headers(token);
            if (!Equals(header.TryGetValue("alg", out var alg) ? alg : null, "PS512"))
            {
                error = "The SET is not signed PS512.";
                return null;
            }

            if (!Equals(header.TryGetValue("typ", out var typ) ? typ : null, FitConnectEvents.SetMediaType))
            {
                error = "The SET header typ is not secevent+jwt.";
                return null;
            }

            var payload = global::Jose.JWT.Decode(token, publicKey, global::Jose.JwsAlgorithm.PS512);
            var set = FromParts(token, header, JsonDocument.Parse(payload).RootElement);
            error = null;
            return set;
        }
        catch (Exception ex) when (ex is global::Jose.JoseException or JsonException or FormatException
                                       or ArgumentException or KeyNotFoundException or InvalidOperationException
                                       or CryptographicException)
        {
            error = $"The SET is invalid: {ex.Message}";
            return null;
        }
    }

    private static SecurityEventToken FromParts(string token, IDictionary<string, object> header, JsonElement payload)
    {
        var kid = header.TryGetValue("kid", out var k) && k is string s && s.Length > 0
            ? s
            : throw new FormatException("The SET header has no kid.");
        var events = payload.GetProperty("events");
        if (events.ValueKind != JsonValueKind.Object || events.EnumerateObject().Count() != 1)
        {
            throw new FormatException("The SET must carry exactly one event.");
        }

        var theEvent = events.EnumerateObject().Single();
        return new SecurityEventToken(
            token,
            kid,
            RequiredString(payload, "iss"),
            DateTimeOffset.FromUnixTimeSeconds(payload.GetProperty("iat").GetInt64()),
            RequiredString(payload, "jti"),
            RequiredString(payload, "sub"),
            RequiredString(payload, "txn"),
            theEvent.Name,
            theEvent.Value.Clone())
        {
            PayloadSchema = payload.TryGetProperty("$schema", out var schema) && schema.ValueKind == JsonValueKind.String
                ? schema.GetString()
                : null,
        };
    }

    private static string RequiredString(JsonElement payload, string name) =>
        payload.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : throw new FormatException($"The SET claim {name} is missing.");
}
