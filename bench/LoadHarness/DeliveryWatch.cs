using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace EfaGateway.Bench.LoadHarness;

/// <summary>
/// Waits until every delivery of the given submissions is Confirmed (or one is dead-lettered, which ends the wait:
/// a benchmark that silently counts failures as throughput would lie). Returns the confirmation time of the last one
/// as the server recorded it, so the poll interval does not blur the figure.
/// </summary>
internal static class DeliveryWatch
{
    /// <param name="since">When the first of <paramref name="submissions"/> was sent: the list is read from there on,
    /// so a poll costs the host the same however many deliveries earlier runs left.</param>
    public static async Task<DeliveryResult> AwaitConfirmedAsync(HttpClient client, HarnessOptions options, IReadOnlyCollection<Guid> submissions,
        DateTimeOffset since)
    {
        var wanted = submissions.ToHashSet();
        var watch = Stopwatch.StartNew();
        var confirmed = 0;
        DateTimeOffset? last = null;
        while (watch.Elapsed < options.DeliveryTimeout)
        {
            (confirmed, var deadLettered, last) = options.ApiKey is null
                ? await PollStatusLinksAsync(client, options, wanted)
                : await PollAdminListAsync(client, options, wanted, since);
            if (confirmed == wanted.Count || deadLettered > 0)
            {
                return new DeliveryResult(confirmed, deadLettered, last);
            }

            // The figure comes from the recorded confirmedAt, not from when the poll saw it; a slower poll costs the host less.
            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        return new DeliveryResult(confirmed, 0, last);
    }

    private static async Task<(int Confirmed, int DeadLettered, DateTimeOffset? Last)> PollAdminListAsync(
        HttpClient client, HarnessOptions options, HashSet<Guid> wanted, DateTimeOffset since)
    {
        // A second of margin: the host stamps a delivery when it accepts the submission, after the harness sent it.
        var all = new List<JsonElement>();
        string? next = $"/api/v1/admin/tenants/{options.Tenant}/deliveries?limit=1000&since="
            + Uri.EscapeDataString((since - TimeSpan.FromSeconds(1)).ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        while (next is not null)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, next);
            request.Headers.Add("X-Api-Key", options.ApiKey);
            using var response = await client.SendAsync(request);
            response.EnsureSuccessStatusCode();
            var page = await response.Content.ReadFromJsonAsync<JsonElement>();
            all.AddRange(page.EnumerateArray().Where(d => wanted.Contains(d.GetProperty("submissionId").GetGuid())));
            next = response.Headers.TryGetValues("Link", out var links) && links.First() is var link && link.EndsWith("rel=\"next\"", StringComparison.Ordinal)
                ? link[1..link.IndexOf('>', StringComparison.Ordinal)]
                : null;
        }

        return Count(all);
    }

    private static async Task<(int Confirmed, int DeadLettered, DateTimeOffset? Last)> PollStatusLinksAsync(
        HttpClient client, HarnessOptions options, HashSet<Guid> wanted)
    {
        var all = new List<JsonElement>();
        foreach (var id in wanted)
        {
            var status = await client.GetFromJsonAsync<JsonElement>($"/api/v1/tenants/{options.Tenant}/submissions/{id}");
            all.AddRange(status.GetProperty("deliveries").EnumerateArray());
        }

        return Count(all);
    }

    /// <summary>A submission counts once all its deliveries are Confirmed; the demo process has one route.</summary>
    private static (int Confirmed, int DeadLettered, DateTimeOffset? Last) Count(IEnumerable<JsonElement> deliveries)
    {
        var bySubmission = deliveries.GroupBy(d => d.GetProperty("submissionId").GetGuid()).ToList();
        var confirmed = 0;
        var deadLettered = 0;
        DateTimeOffset? last = null;
        foreach (var group in bySubmission)
        {
            deadLettered += group.Count(d => d.GetProperty("state").GetString() == "DeadLettered");
            if (group.All(d => d.GetProperty("state").GetString() == "Confirmed"))
            {
                confirmed++;
                var at = group.Max(d => d.GetProperty("confirmedAt").GetDateTimeOffset());
                last = last is null || at > last ? at : last;
            }
        }

        return (confirmed, deadLettered, last);
    }
}

internal sealed record DeliveryResult(int Confirmed, int DeadLettered, DateTimeOffset? LastConfirmedAt);
