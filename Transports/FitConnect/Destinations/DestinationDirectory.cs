using System.Collections.Concurrent;
using System.Security.Cryptography;
using EfaGateway.Transports.FitConnect.Api;
using EfaGateway.Transports.FitConnect.Keys;
using EfaGateway.Transports.FitConnect.Settings;

namespace EfaGateway.Transports.FitConnect.Destinations;

/// <summary>A destination as last fetched, with its encryption key once that passed every check.</summary>
public sealed record KnownDestination(Destination Destination, string EncryptionKid, RSA EncryptionKey, DateTimeOffset FetchedAt, DateTimeOffset KeyCheckedAt);

/// <summary>
/// Destinations and their validated encryption keys, cached. The destination is re-read after
/// <see cref="DestinationLifetime"/>; a changed <c>encryptionKid</c> (key rotation) fetches and checks the new key at
/// once, and an unchanged key is checked again after <see cref="KeyCheckLifetime"/> (its certificate may be revoked).
/// </summary>
public sealed class DestinationDirectory(SubmissionApi api, KeyValidation keys, TimeProvider time)
{
    public static readonly TimeSpan DestinationLifetime = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan KeyCheckLifetime = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<(Uri, Guid, string), KnownDestination> cache = new();

    /// <summary>
    /// The destination with its checked key. <paramref name="accept"/> judges the destination first (status, service,
    /// schema), so a destination that cannot take the submission is refused for that reason, not for its key.
    /// </summary>
    public async Task<ApiResult<KnownDestination>> GetAsync(FitConnectRouteSettings settings, Func<Destination, ApiFailure?> accept,
        CancellationToken cancellationToken)
    {
        var cacheKey = (settings.SubmissionApiUrl!, settings.DestinationId, settings.CacheScope);
        var now = time.GetUtcNow();
        cache.TryGetValue(cacheKey, out var known);
        if (known is not null && known.FetchedAt + DestinationLifetime > now)
        {
            return accept(known.Destination) is { } refusal ? ApiResult<KnownDestination>.Fail(refusal) : ApiResult<KnownDestination>.Ok(known);
        }

        var fetched = await api.GetDestinationAsync(settings, cancellationToken);
        if (fetched.Failure is { Status: 404 })
        {
            return ApiResult<KnownDestination>.Permanent($"FIT-Connect knows no destination {settings.DestinationId}.");
        }

        if (fetched.Value is not { } destination)
        {
            return ApiResult<KnownDestination>.From(fetched);
        }

        if (accept(destination) is { } refused)
        {
            return ApiResult<KnownDestination>.Fail(refused);
        }

        if (string.IsNullOrEmpty(destination.EncryptionKid))
        {
            return ApiResult<KnownDestination>.Permanent($"Destination {settings.DestinationId} names no encryption key (encryptionKid).");
        }

        if (known is not null && known.EncryptionKid == destination.EncryptionKid && known.KeyCheckedAt + KeyCheckLifetime > now)
        {
            var refreshed = known with { Destination = destination, FetchedAt = now };
            cache[cacheKey] = refreshed;
            return ApiResult<KnownDestination>.Ok(refreshed);
        }

        var jwk = await api.GetDestinationKeyAsync(settings, destination.EncryptionKid, cancellationToken);
        if (jwk.Value is null)
        {
            return ApiResult<KnownDestination>.From(jwk);
        }

        var check = keys.Check(jwk.Value, destination.EncryptionKid, KeyPurpose.Encryption, settings);
        if (check.Key is null)
        {
            cache.TryRemove(cacheKey, out _);
            return check.IsTransient ? ApiResult<KnownDestination>.Transient(check.Problem!) : ApiResult<KnownDestination>.Permanent(check.Problem!);
        }

        var entry = new KnownDestination(destination, destination.EncryptionKid, check.Key, now, now);
        cache[cacheKey] = entry;
        return ApiResult<KnownDestination>.Ok(entry);
    }

    /// <summary>Forgets the destination, so the next use reads it (and its key) again: after a refusal that may mean rotation.</summary>
    public void Forget(FitConnectRouteSettings settings) => cache.TryRemove((settings.SubmissionApiUrl!, settings.DestinationId, settings.CacheScope), out _);
}
