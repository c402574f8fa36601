using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EfaGateway.Bench.LoadHarness;

// Usage: dotnet run -c Release --project bench/LoadHarness -- [--url http://127.0.0.1:5080] [--count 2000] [--concurrency 16] [--await-delivery true]
var options = HarnessOptions.Parse(args);
using var client = new HttpClient { BaseAddress = new Uri(options.Url), Timeout = TimeSpan.FromMinutes(2) };
var path = $"/api/v1/tenants/{options.Tenant}/processes/{options.Process}/submissions";
var latencies = new double[options.Count];
var statusLinks = new string?[options.Count];
var failures = 0;
var next = -1;

Console.WriteLine($"Submitting {options.Count} applications to {options.Url} with {options.Concurrency} concurrent clients …");
var total = Stopwatch.StartNew();
await Task.WhenAll(Enumerable.Range(0, options.Concurrency).Select(async _ =>
{
    int i;
    while ((i = Interlocked.Increment(ref next)) < options.Count)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await client.PostAsJsonAsync(path, DemoRequest.Create(i));
        latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (response.StatusCode == HttpStatusCode.Created)
        {
            statusLinks[i] = response.Headers.Location?.OriginalString;
        }
        else
        {
            Interlocked.Increment(ref failures);
        }
    }
}));
var submitSeconds = total.Elapsed.TotalSeconds;

// Delivery: poll each status until every route is Confirmed (the demo tenant delivers to the Postkorb).
var pending = options.AwaitDelivery ? statusLinks.Where(l => l is not null).Select(l => l!).ToList() : [];
var deadline = Stopwatch.StartNew();
while (pending.Count > 0 && deadline.Elapsed < TimeSpan.FromMinutes(10))
{
    var still = new List<string>();
    foreach (var link in pending)
    {
        var status = await client.GetFromJsonAsync<JsonElement>(link);
        if (!status.GetProperty("deliveries").EnumerateArray().All(d => d.GetProperty("state").GetString() == "Confirmed"))
        {
            still.Add(link);
        }
    }

    pending = still;
    if (pending.Count > 0)
    {
        await Task.Delay(200);
    }
}

var deliveredSeconds = total.Elapsed.TotalSeconds;
Array.Sort(latencies);
var accepted = options.Count - failures;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
    submitted:     {options.Count} (accepted {accepted}, refused {failures})
    accepted/s:    {accepted / submitSeconds:F0}
    delivered:     {accepted - pending.Count} of {accepted} in {deliveredSeconds:F1} s
    delivered/s:   {(accepted - pending.Count) / deliveredSeconds:F0}   (from the first submit to the last confirmation)
    submit p50:    {Percentile(latencies, 0.50):F1} ms
    submit p99:    {Percentile(latencies, 0.99):F1} ms
    submit max:    {latencies[^1]:F1} ms
    """));
return failures == 0 && pending.Count == 0 ? 0 : 1;

static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
