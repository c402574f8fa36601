using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using EfaGateway.Transports.FitConnect.Api;
using EfaGateway.Transports.FitConnect.Keys;
using EfaGateway.Transports.FitConnect.Settings;

namespace EfaGateway.Transports.FitConnect.Events;

/// <summary>The verified events of a case, and the entries that failed verification (with why).</summary>
public sealed record EventLogReading(IReadOnlyList<VerifiedEvent> Events, IReadOnlyList<string> Refused);

/// <summary>
/// Reads a case's event log and verifies every SET: header and claims (<see cref="SecurityEventTokens"/>), and the
/// PS512 signature with the key its issuer must use — the Zustelldienst's own key (its JWKS) for the events it
/// issues, the destination's signature key (checked like the encryption key, chain included) for accept and reject.
/// Entries that fail are not events: they are listed as refused and never change a delivery.
/// </summary>
public sealed class EventLogReader(SubmissionApi api, KeyValidation keys, TimeProvider time)
{
    /// <summary>Keys are checked again after this long: a key may leave the JWKS, a certificate may be revoked.</summary>
    private static readonly TimeSpan KeyLifetime = Destinations.DestinationDirectory.KeyCheckLifetime;

    private readonly ConcurrentDictionary<(Uri, string, string), (RSA Key, DateTimeOffset CheckedAt)> serviceKeys = new();
    private readonly ConcurrentDictionary<(Uri, Guid, string, string), (RSA Key, DateTimeOffset CheckedAt)> destinationKeys = new();
    private readonly VerifiedTokens verifiedTokens = new();
    private long signatureChecks;

    /// <summary>How many SET signatures were checked so far (a token verified before is not checked again, see <see cref="VerifiedTokens"/>).</summary>
    public long SignatureChecks => Interlocked.Read(ref signatureChecks);

    public async Task<ApiResult<EventLogReading>> ReadAsync(FitConnectRouteSettings settings, Guid submissionId, Guid caseId,
        CancellationToken cancellationToken)
    {
        var log = await api.GetEventLogAsync(settings, caseId, cancellationToken);
        if (log.Value is null)
        {
            return ApiResult<EventLogReading>.From(log);
        }

        var events = new List<VerifiedEvent>();
        var refused = new List<string>();
        var index = 0;
        foreach (var token in log.Value.EventLog ?? [])
        {
            index++;
            var (verified, problem, transient) = await VerifyAsync(settings, token, submissionId, caseId, cancellationToken);
            if (transient is not null)
            {
                return ApiResult<EventLogReading>.Fail(transient);
            }

            if (verified is not null)
            {
                events.Add(verified);
            }
            else
            {
                refused.Add($"event {index} of the log was refused: {problem}");
            }
        }

        return ApiResult<EventLogReading>.Ok(new EventLogReading(events, refused));
    }

    private async Task<(VerifiedEvent?, string?, ApiFailure?)> VerifyAsync(FitConnectRouteSettings settings, string token, Guid submissionId,
        Guid caseId, CancellationToken cancellationToken)
    {
        var cacheKey = VerifiedTokens.Key(settings, submissionId, caseId, token);
        if (verifiedTokens.Find(cacheKey, time.GetUtcNow()) is { } known)
        {
            return (known, null, null);
        }

        var (kid, headerProblem) = SecurityEventTokens.CheckHeader(token);
        if (kid is null)
        {
            return (null, headerProblem, null);
        }

        var issuer = SecurityEventTokens.PeekIssuer(token);
        var byDestination = Guid.TryParseExact(issuer, "D", out var issuerId);
        if (byDestination && issuerId != settings.DestinationId)
        {
            return (null, "it is issued by another destination", null);
        }

        if (!byDestination && !SameService(issuer, settings.SubmissionApiUrl!))
        {
            return (null, "its issuer is neither the destination nor this Zustelldienst", null);
        }

        var key = byDestination
            ? await DestinationKeyAsync(settings, kid, cancellationToken)
            : await ServiceKeyAsync(settings, kid, cancellationToken);
        if (key.Failure is { } failure)
        {
            return failure.IsTransient ? (null, null, failure) : (null, failure.Reason, null);
        }

        byte[] payloadBytes;
        try
        {
            Interlocked.Increment(ref signatureChecks);
            payloadBytes = Jose.JWT.DecodeBytes(token, key.Value!.Key, Jose.JwsAlgorithm.PS512);
        }
        catch (Exception ex) when (ex is Jose.JoseException or ArgumentException or FormatException or CryptographicException)
        {
            return (null, "its signature does not verify", null);
        }

        JsonElement payload;
        try
        {
            payload = JsonDocument.Parse(payloadBytes).RootElement.Clone();
        }
        catch (JsonException)
        {
            return (null, "its payload is not JSON", null);
        }

        var (verified, problem) = SecurityEventTokens.CheckPayload(payload, issuer!, byDestination, submissionId, caseId);
        if (verified is not null)
        {
            // Valid exactly as long as the key check it rests on: once the key is due to be checked again, so is the token.
            verifiedTokens.Remember(cacheKey, verified, key.Value.CheckedAt + KeyLifetime, time.GetUtcNow());
        }

        return (verified, problem, null);
    }

    private async Task<ApiResult<CheckedKey>> ServiceKeyAsync(FitConnectRouteSettings settings, string kid, CancellationToken cancellationToken)
    {
        var cacheKey = (settings.SubmissionApiUrl!, kid, settings.CacheScope);
        if (serviceKeys.TryGetValue(cacheKey, out var cached) && cached.CheckedAt + KeyLifetime > time.GetUtcNow())
        {
            return ApiResult<CheckedKey>.Ok(new CheckedKey(cached.Key, cached.CheckedAt));
        }

        // An unknown kid may be a new key of the Zustelldienst: the key set is read again.
        var set = await api.GetServiceKeysAsync(settings, cancellationToken);
        if (set.Value is null)
        {
            return ApiResult<CheckedKey>.From(set);
        }

        var jwk = set.Value.Keys?.FirstOrDefault(k => k.Kid == kid);
        if (jwk is null)
        {
            return ApiResult<CheckedKey>.Permanent($"the Zustelldienst publishes no key '{kid}'");
        }

        if (jwk.Kty != "RSA" || (jwk.Alg is not null && jwk.Alg != "PS512") || jwk.N is null || jwk.E is null)
        {
            return ApiResult<CheckedKey>.Permanent($"the Zustelldienst's key '{kid}' is not an RSA PS512 key");
        }

        var rsa = RSA.Create();
        try
        {
            rsa.ImportParameters(new RSAParameters { Modulus = Base64Url.DecodeFromChars(jwk.N), Exponent = Base64Url.DecodeFromChars(jwk.E) });
        }
        catch (Exception ex) when (ex is FormatException or CryptographicException)
        {
            rsa.Dispose();
            return ApiResult<CheckedKey>.Permanent($"the Zustelldienst's key '{kid}' cannot be read");
        }

        if (rsa.KeySize < KeyValidation.MinimumRsaBits)
        {
            rsa.Dispose();
            return ApiResult<CheckedKey>.Permanent($"the Zustelldienst's key '{kid}' has fewer than {KeyValidation.MinimumRsaBits} bits");
        }

        var checkedAt = time.GetUtcNow();
        serviceKeys[cacheKey] = (rsa, checkedAt);
        return ApiResult<CheckedKey>.Ok(new CheckedKey(rsa, checkedAt));
    }

    private async Task<ApiResult<CheckedKey>> DestinationKeyAsync(FitConnectRouteSettings settings, string kid, CancellationToken cancellationToken)
    {
        var cacheKey = (settings.SubmissionApiUrl!, settings.DestinationId, kid, settings.CacheScope);
        if (destinationKeys.TryGetValue(cacheKey, out var cached) && cached.CheckedAt + KeyLifetime > time.GetUtcNow())
        {
            return ApiResult<CheckedKey>.Ok(new CheckedKey(cached.Key, cached.CheckedAt));
        }

        var jwk = await api.GetDestinationKeyAsync(settings, kid, cancellationToken);
        if (jwk.Failure is { Status: 404 })
        {
            return ApiResult<CheckedKey>.Permanent($"the destination publishes no key '{kid}'");
        }

        if (jwk.Value is null)
        {
            return ApiResult<CheckedKey>.From(jwk);
        }

        var check = keys.Check(jwk.Value, kid, KeyPurpose.Signature, settings);
        if (check.Key is null)
        {
            return check.IsTransient ? ApiResult<CheckedKey>.Transient(check.Problem!) : ApiResult<CheckedKey>.Permanent(check.Problem!);
        }

        var keyCheckedAt = time.GetUtcNow();
        destinationKeys[cacheKey] = (check.Key, keyCheckedAt);
        return ApiResult<CheckedKey>.Ok(new CheckedKey(check.Key, keyCheckedAt));
    }

    private static bool SameService(string? issuer, Uri submissionApiUrl) =>
        issuer is not null && Uri.TryCreate(issuer, UriKind.Absolute, out var issuerUri)
        && string.Equals(issuerUri.GetLeftPart(UriPartial.Path).TrimEnd('/'), submissionApiUrl.GetLeftPart(UriPartial.Path).TrimEnd('/'),
            StringComparison.OrdinalIgnoreCase);
}

/// <summary>A key that passed its checks at <paramref name="CheckedAt"/>.</summary>
internal sealed record CheckedKey(RSA Key, DateTimeOffset CheckedAt);
