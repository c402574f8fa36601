using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EfaGateway.Bench.LoadHarness;

// Usage: dotnet run -c Release --project bench/LoadHarness -- [--url http://127.0.0.1:5080] [--count 2000] [--concurrency 16]
//        [--warmup 200] [--await-delivery true] [--api-key <operator key>] [--json false] [--process hundesteuer-anmeldung]
// The warm-up submissions (JIT, connection pools, caches) are sent and, when delivery is awaited, confirmed before the
// measured ones start; only the measured ones count.
var options = HarnessOptions.Parse(args);
using var client = new HttpClient { BaseAddress = new Uri(options.Url), Timeout = TimeSpan.FromMinutes(2) };
var path = $"/api/v1/tenants/{options.Tenant}/processes/{options.Process}/submissions";

if (options.Warmup > 0)
{
    var warmedFrom = TimeProvider.System.GetUtcNow();
    var warm = await SubmitAsync(options.Warmup, offset: 1_000_000);
    if (options.AwaitDelivery)
    {
        await DeliveryWatch.AwaitConfirmedAsync(client, options, warm.Accepted, warmedFrom);
    }
}

Log($"Submitting {options.Count} applications to {options.Url} with {options.Concurrency} concurrent clients …");
var startedAt = TimeProvider.System.GetUtcNow();
var run = await SubmitAsync(options.Count, offset: 0);
var delivery = options.AwaitDelivery
    ? await DeliveryWatch.AwaitConfirmedAsync(client, options, run.Accepted, startedAt)
    : new DeliveryResult(0, 0, null);
var deliveredSeconds = delivery.LastConfirmedAt is { } last ? (last - startedAt).TotalSeconds : 0;
var accepted = run.Accepted.Count;
var result = new HarnessResult(options.Count, accepted, options.Count - accepted, options.Concurrency,
    accepted / run.Seconds, Percentile(run.Latencies, 0.50), Percentile(run.Latencies, 0.99), run.Latencies[^1],
    delivery.Confirmed, delivery.DeadLettered, deliveredSeconds, deliveredSeconds > 0 ? delivery.Confirmed / deliveredSeconds : 0);
if (options.Json)
{
    Console.WriteLine(JsonSerializer.Serialize(result, JsonSerializerOptions.Web));
}
else
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
        submitted:     {result.Submitted} (accepted {result.Accepted}, refused {result.Refused})
        accepted/s:    {result.AcceptedPerSecond:F0}
        submit p50:    {result.P50Ms:F1} ms
        submit p99:    {result.P99Ms:F1} ms
        submit max:    {result.MaxMs:F1} ms
        """));
    if (options.AwaitDelivery)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            delivered:     {result.Confirmed} of {accepted} confirmed ({result.DeadLettered} dead-lettered) in {result.DeliveredSeconds:F1} s
            delivered/s:   {result.DeliveredPerSecond:F1}   (from the first measured submit to the last confirmation)
            """));
    }
}

return result.Refused == 0 && (!options.AwaitDelivery || result.Confirmed == accepted) ? 0 : 1;

async Task<SubmitRun> SubmitAsync(int count, int offset)
{
    var latencies = new double[count];
    var ids = new Guid?[count];
    var next = -1;
    var total = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, options.Concurrency).Select(async _ =>
    {
        int i;
        while ((i = Interlocked.Increment(ref next)) < count)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await client.PostAsJsonAsync(path, DemoRequest.Create(offset + i));
            latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (response.StatusCode == HttpStatusCode.Created)
            {
                ids[i] = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
            }
        }
    }));
    var seconds = total.Elapsed.TotalSeconds;
    Array.Sort(latencies);
    return new SubmitRun([.. ids.Where(id => id is not null).Select(id => id!.Value)], latencies, seconds);
}

// With --json the result is the only line on standard output; progress goes to standard error (bench/BenchTable
// takes the host's CPU time from the "Submitting …" line on).
void Log(string line)
{
    if (options.Json)
    {
        Console.Error.WriteLine(line);
    }
    else
    {
        Console.WriteLine(line);
    }
}

static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

internal sealed record SubmitRun(IReadOnlyList<Guid> Accepted, double[] Latencies, double Seconds);

internal sealed record HarnessResult(int Submitted, int Accepted, int Refused, int Concurrency, double AcceptedPerSecond,
    double P50Ms, double P99Ms, double MaxMs, int Confirmed, int DeadLettered, double DeliveredSeconds, double DeliveredPerSecond);
