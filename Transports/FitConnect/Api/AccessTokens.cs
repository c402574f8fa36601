using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using EfaGateway.Transports.FitConnect.Settings;

namespace EfaGateway.Transports.FitConnect.Api;

/// <summary>
/// OAuth2 client-credentials tokens per token URL and client, cached and renewed before they expire. FIT-Connect
/// tokens live at most 30 minutes; no scope is requested (FITKO advises against naming scopes).
/// </summary>
public sealed class AccessTokens(IHttpClientFactory clients, TimeProvider time) : IDisposable
{
    /// <summary>Renew this long before the token's end, so a request never leaves with a token about to die.</summary>
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan MaxLifetime = TimeSpan.FromMinutes(30);

    private readonly ConcurrentDictionary<(Uri, string, string), CachedToken> cache = new();

    /// <summary>One lock per client: a hanging token endpoint of one route never holds up another's renewal.</summary>
    private readonly ConcurrentDictionary<(Uri, string, string), SemaphoreSlim> renewals = new();

    /// <summary>
    /// A valid token, from the cache unless it is near its end or is <paramref name="refused"/> (the API answered 401
    /// to it: expired or revoked early). Concurrent callers with the same refused token renew it once.
    /// </summary>
    public async Task<ApiResult<string>> GetAsync(FitConnectRouteSettings settings, string? refused, CancellationToken cancellationToken)
    {
        var key = (settings.TokenUrl!, settings.ClientId!, settings.CacheScope);
        if (cache.TryGetValue(key, out var cached) && cached.RenewAt > time.GetUtcNow() && cached.Token != refused)
        {
            return ApiResult<string>.Ok(cached.Token);
        }

        var renewal = renewals.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
        await renewal.WaitAsync(cancellationToken);
        try
        {
            // Another caller may have renewed it while this one waited.
            if (cache.TryGetValue(key, out cached) && cached.RenewAt > time.GetUtcNow() && cached.Token != refused)
            {
                return ApiResult<string>.Ok(cached.Token);
            }

            var fetched = await FetchAsync(settings, cancellationToken);
            if (fetched.Value is { } token)
            {
                cache[key] = token;
                return ApiResult<string>.Ok(token.Token);
            }

            cache.TryRemove(key, out _);
            return ApiResult<string>.From(fetched);
        }
        finally
        {
            renewal.Release();
        }
    }

    private async Task<ApiResult<CachedToken>> FetchAsync(FitConnectRouteSettings settings, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, settings.TokenUrl)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = settings.ClientId!,
                ["client_secret"] = settings.ClientSecret!,
            }),
        };
        var response = await ApiCall.SendAsync(clients, request, "token request", settings.RequestTimeout, cancellationToken);
        if (response.Failure is { } failure)
        {
            // A refused client is a configuration error: retrying with the same credentials will not help.
            return failure.Status is 400 or 401 or 403
                ? ApiResult<CachedToken>.Permanent($"The token endpoint refused the client credentials (HTTP {failure.Status}); check clientId and clientSecret of the route.")
                : ApiResult<CachedToken>.Fail(failure);
        }

        using (response.Value)
        {
            TokenResponse? body;
            try
            {
                body = await response.Value!.Content.ReadFromJsonAsync<TokenResponse>(cancellationToken);
            }
            catch (System.Text.Json.JsonException)
            {
                body = null;
            }

            if (body?.AccessToken is not { Length: > 0 } token || body.ExpiresIn is not > 0)
            {
                return ApiResult<CachedToken>.Transient("The token endpoint answered without a usable access_token/expires_in.");
            }

            var now = time.GetUtcNow();
            var lifetime = TimeSpan.FromSeconds(Math.Min(body.ExpiresIn.Value, MaxLifetime.TotalSeconds));
            var renewAt = now + (lifetime > 2 * Margin ? lifetime - Margin : lifetime / 2);
            return ApiResult<CachedToken>.Ok(new CachedToken(token, now, renewAt));
        }
    }

    public void Dispose()
    {
        foreach (var renewal in renewals.Values)
        {
            renewal.Dispose();
        }
    }

    private sealed record CachedToken(string Token, DateTimeOffset IssuedAt, DateTimeOffset RenewAt);

    private sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string? AccessToken,
        [property: JsonPropertyName("expires_in")] int? ExpiresIn);
}
