using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using EfaGateway.Conformance.FitConnect.Fake;

namespace EfaGateway.Conformance.FitConnect.Subscriber;

/// <summary>
/// A plain HTTP client of Submission API v1 for one OAuth client: fetches a token with the client credentials grant,
/// keeps it until shortly before it expires, and fetches a new one after a 401.
/// </summary>
public sealed class SubmissionApiClient(HttpClient http, Uri apiBaseUrl, Uri tokenUrl, ClientCredentials client, TimeProvider time)
{
    // One object swapped whole, so parallel verifications never read a token with another token's expiry; two
    // fetching at once each get a valid token.
    private volatile CachedToken? token;

    public Uri ApiBaseUrl { get; } = apiBaseUrl;

    public Task<JsonElement> GetJsonAsync(string path, CancellationToken cancellationToken) =>
        SendAsync(() => new HttpRequestMessage(HttpMethod.Get, new Uri(ApiBaseUrl, path)), ReadJsonAsync, cancellationToken);

    public Task<string> GetTextAsync(string path, CancellationToken cancellationToken) =>
        SendAsync(() => new HttpRequestMessage(HttpMethod.Get, new Uri(ApiBaseUrl, path)), ReadTextAsync, cancellationToken);

    /// <summary>POSTs a SET to a case's event log; returns the status code and body (the caller judges them).</summary>
    public Task<(int Status, string Body)> PostEventAsync(string caseId, string set, CancellationToken cancellationToken) =>
        SendAsync(() => new HttpRequestMessage(HttpMethod.Post, new Uri(ApiBaseUrl, $"v1/cases/{caseId}/events"))
        {
            Content = new StringContent(set, Encoding.ASCII, "application/jose"),
        }, async (response, ct) => ((int)response.StatusCode, await response.Content.ReadAsStringAsync(ct)), cancellationToken,
            throwOnError: false);

    private async Task<T> SendAsync<T>(Func<HttpRequestMessage> createRequest, Func<HttpResponseMessage, CancellationToken, Task<T>> read,
        CancellationToken cancellationToken, bool throwOnError = true)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var request = createRequest();
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(cancellationToken));
            using var response = await http.SendAsync(request, cancellationToken);
            if (response.StatusCode == System.Net.HttpStatusCode.Unauthorized && attempt == 0)
            {
                token = null; // expired early or revoked: one fresh token, then give up
                continue;
            }

            if (throwOnError && !response.IsSuccessStatusCode)
            {
                throw new HttpRequestException(
                    $"{request.Method} {request.RequestUri} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}",
                    null, response.StatusCode);
            }

            return await read(response, cancellationToken);
        }
    }

    private async Task<string> TokenAsync(CancellationToken cancellationToken)
    {
        if (token is { } cached && time.GetUtcNow() < cached.ExpiresAt)
        {
            return cached.Value;
        }

        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = client.ClientId,
            ["client_secret"] = client.ClientSecret,
        });
        using var response = await http.PostAsync(tokenUrl, form, cancellationToken);
        response.EnsureSuccessStatusCode();
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        // Refresh a minute early so a token never runs out between check and use.
        var fresh = new CachedToken(answer.GetProperty("access_token").GetString()!,
            time.GetUtcNow() + TimeSpan.FromSeconds(answer.GetProperty("expires_in").GetInt64() - 60));
        token = fresh;
        return fresh.Value;
    }

    private sealed record CachedToken(string Value, DateTimeOffset ExpiresAt);

    private static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);

    private static Task<string> ReadTextAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        response.Content.ReadAsStringAsync(cancellationToken);
}
