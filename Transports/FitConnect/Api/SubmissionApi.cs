using System.Net.Http.Headers;
using System.Net.Http.Json;
using EfaGateway.Transports.FitConnect.Crypto;
using EfaGateway.Transports.FitConnect.Settings;

namespace EfaGateway.Transports.FitConnect.Api;

/// <summary>
/// The sender's calls to the Submission API v1. Every call carries a bearer token; a 401 renews the token once and
/// repeats the call (the token may have expired between cache check and arrival).
/// </summary>
public sealed class SubmissionApi(IHttpClientFactory clients, AccessTokens tokens)
{
    public Task<ApiResult<Destination>> GetDestinationAsync(FitConnectRouteSettings settings, CancellationToken cancellationToken) =>
        GetJsonAsync<Destination>(settings, $"v1/destinations/{settings.DestinationId:D}", "destination lookup", cancellationToken);

    public Task<ApiResult<JsonWebKey>> GetDestinationKeyAsync(FitConnectRouteSettings settings, string kid, CancellationToken cancellationToken) =>
        GetJsonAsync<JsonWebKey>(settings, $"v1/destinations/{settings.DestinationId:D}/keys/{Uri.EscapeDataString(kid)}", "key lookup", cancellationToken);

    /// <summary>The Zustelldienst's own signing keys (for the events it issues).</summary>
    public Task<ApiResult<JsonWebKeySet>> GetServiceKeysAsync(FitConnectRouteSettings settings, CancellationToken cancellationToken) =>
        GetJsonAsync<JsonWebKeySet>(settings, ".well-known/jwks.json", "Zustelldienst key lookup", cancellationToken);

    public Task<ApiResult<AnnounceResponse>> AnnounceAsync(FitConnectRouteSettings settings, AnnounceRequest announce, CancellationToken cancellationToken) =>
        SendJsonAsync<AnnounceResponse>(settings, () => new HttpRequestMessage(HttpMethod.Post, Address(settings, "v1/submissions"))
        {
            Content = JsonContent.Create(announce),
        }, "announcement", cancellationToken);

    /// <summary>Uploads one attachment, encrypted while it is sent (see <see cref="JweContent"/>); the result is what was sent.</summary>
    public async Task<ApiResult<JweWriteResult>> UploadAttachmentAsync(FitConnectRouteSettings settings, Guid submissionId, Guid attachmentId,
        Func<JweContent> content, CancellationToken cancellationToken)
    {
        JweContent? sent = null;
        var result = await SendAsync(settings, () => new HttpRequestMessage(HttpMethod.Put,
            Address(settings, $"v1/submissions/{submissionId:D}/attachments/{attachmentId:D}"))
        {
            Content = sent = content(),
        }, "attachment upload", cancellationToken);
        result.Value?.Dispose();
        if (result.Failure is not null)
        {
            return ApiResult<JweWriteResult>.From(result);
        }

        // A success without the whole body written cannot happen with a Content-Length; should it, the upload is repeated.
        return sent?.Result is { } written
            ? ApiResult<JweWriteResult>.Ok(written)
            : ApiResult<JweWriteResult>.Transient("FIT-Connect took the attachment upload before its body was complete.");
    }

    public async Task<ApiResult<bool>> SubmitAsync(FitConnectRouteSettings settings, Guid submissionId, SubmitRequest submit, CancellationToken cancellationToken)
    {
        var result = await SendAsync(settings, () => new HttpRequestMessage(HttpMethod.Put, Address(settings, $"v1/submissions/{submissionId:D}"))
        {
            Content = JsonContent.Create(submit),
        }, "submission", cancellationToken);
        result.Value?.Dispose();
        return result.Failure is null ? ApiResult<bool>.Ok(true) : ApiResult<bool>.From(result);
    }

    public Task<ApiResult<EventLogResponse>> GetEventLogAsync(FitConnectRouteSettings settings, Guid caseId, CancellationToken cancellationToken) =>
        GetJsonAsync<EventLogResponse>(settings, $"v1/cases/{caseId:D}/events", "event log request", cancellationToken);

    private Task<ApiResult<T>> GetJsonAsync<T>(FitConnectRouteSettings settings, string path, string step, CancellationToken cancellationToken) =>
        SendJsonAsync<T>(settings, () => new HttpRequestMessage(HttpMethod.Get, Address(settings, path)), step, cancellationToken);

    private async Task<ApiResult<T>> SendJsonAsync<T>(FitConnectRouteSettings settings, Func<HttpRequestMessage> create, string step,
        CancellationToken cancellationToken)
    {
        var result = await SendAsync(settings, create, step, cancellationToken);
        if (result.Failure is not null)
        {
            return ApiResult<T>.From(result);
        }

        using var response = result.Value!;
        try
        {
            var value = await response.Content.ReadFromJsonAsync<T>(cancellationToken);
            return value is null
                ? ApiResult<T>.Transient($"FIT-Connect answered the {step} with an empty body.")
                : ApiResult<T>.Ok(value);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or NotSupportedException)
        {
            // A malformed answer is treated like a broken connection: the next attempt asks again.
            return ApiResult<T>.Transient($"FIT-Connect answered the {step} with a body that is not the expected JSON.");
        }
        catch (HttpRequestException ex)
        {
            return ApiResult<T>.Transient($"The answer to the {step} broke off ({ex.HttpRequestError}).");
        }
    }

    private async Task<ApiResult<HttpResponseMessage>> SendAsync(FitConnectRouteSettings settings, Func<HttpRequestMessage> create, string step,
        CancellationToken cancellationToken)
    {
        string? refused = null;
        for (var attempt = 0; ; attempt++)
        {
            var token = await tokens.GetAsync(settings, refused, cancellationToken);
            if (token.Failure is not null)
            {
                return ApiResult<HttpResponseMessage>.From(token);
            }

            using var request = create();
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
            var result = await ApiCall.SendAsync(clients, request, step, settings.RequestTimeout, cancellationToken);
            if (result.Failure is { Status: 401 } && attempt == 0)
            {
                refused = token.Value;
                continue;
            }

            return result;
        }
    }

    private static Uri Address(FitConnectRouteSettings settings, string path)
    {
        var baseUrl = settings.SubmissionApiUrl!.ToString();
        return new Uri(baseUrl.EndsWith('/') ? baseUrl + path : baseUrl + "/" + path, UriKind.Absolute);
    }
}
