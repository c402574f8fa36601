using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Serialization;

namespace EfaGateway.Transports.FitConnect.Api;

/// <summary>
/// Sends one request and sorts the answer: network failures, timeouts, 5xx, 408 and 429 are transient (with the
/// server's Retry-After); other error statuses come back with the status and the problem type, for the caller to judge.
/// </summary>
public static class ApiCall
{
    public const string HttpClientName = "fit-connect";

    /// <summary>The response when it is a success (the caller disposes it), else the failure.</summary>
    /// <remarks>
    /// The whole answer is read within <paramref name="timeout"/> (answers are small JSON documents), so a server that
    /// sends headers and then stalls counts as a timeout too. A streamed upload (<see cref="JweContent"/>) gets the
    /// timeout afresh after each chunk it sends.
    /// </remarks>
    public static async Task<ApiResult<HttpResponseMessage>> SendAsync(IHttpClientFactory clients, HttpRequestMessage request, string step,
        TimeSpan timeout, CancellationToken cancellationToken)
    {
        var client = clients.CreateClient(HttpClientName);
        HttpResponseMessage response;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        if (request.Content is JweContent upload)
        {
            // An upload of hundreds of megabytes takes as long as the line needs: its deadline is rearmed by every chunk
            // that goes out, so the timeout means "no progress for that long", then the answer as for any request.
            upload.Progress = () => deadline.CancelAfter(timeout);
        }

        try
        {
            response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, deadline.Token);
        }
        catch (HttpRequestException ex)
        {
            return ApiResult<HttpResponseMessage>.Transient($"The {step} did not reach FIT-Connect or broke off ({ex.HttpRequestError}).");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return ApiResult<HttpResponseMessage>.Transient($"The {step} timed out after {timeout.TotalSeconds:0} s.");
        }

        if (response.IsSuccessStatusCode)
        {
            return ApiResult<HttpResponseMessage>.Ok(response);
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            var problem = await ReadProblemAsync(response, cancellationToken);
            var detail = problem is null ? string.Empty : $": {problem}";
            var retryAfter = RetryAfter(response);
            var transient = status >= 500 || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;
            return ApiResult<HttpResponseMessage>.Fail(new ApiFailure($"FIT-Connect answered the {step} with HTTP {status}{detail}", transient, status,
                retryAfter, problem?.Type));
        }
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        _ => null,
    };

    /// <summary>The problem+json body's type and title, bounded, if there is one (never the whole body: it may echo input).</summary>
    private static async Task<ProblemSummary?> ReadProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentType?.MediaType is not ("application/problem+json" or "application/json"))
        {
            return null;
        }

        try
        {
            var problem = await response.Content.ReadFromJsonAsync<ProblemSummary>(cancellationToken);
            return problem is null ? null : problem with { Title = Bound(problem.Title), Type = Bound(problem.Type), Detail = Bound(problem.Detail) };
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static string? Bound(string? text) => text is { Length: > 200 } ? text[..200] + "…" : text;

    private sealed record ProblemSummary(
        [property: JsonPropertyName("type")] string? Type,
        [property: JsonPropertyName("title")] string? Title,
        [property: JsonPropertyName("detail")] string? Detail)
    {
        public override string ToString() => string.Join(" – ", new[] { Title, Detail, Type }.Where(s => !string.IsNullOrWhiteSpace(s)));
    }
}
