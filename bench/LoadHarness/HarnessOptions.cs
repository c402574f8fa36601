using System.Globalization;

namespace EfaGateway.Bench.LoadHarness;

/// <summary>
/// <c>--url --count --concurrency --warmup --tenant --process --await-delivery --api-key --json --delivery-timeout</c>.
/// The operator key lets the harness read the tenant's deliveries in one request per poll instead of one per status link.
/// </summary>
internal sealed record HarnessOptions(string Url, int Count, int Concurrency, int Warmup, string Tenant, string Process,
    bool AwaitDelivery, string? ApiKey, bool Json, TimeSpan DeliveryTimeout)
{
    public static HarnessOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            values[args[i].TrimStart('-')] = args[i + 1];
        }

        return new HarnessOptions(
            values.GetValueOrDefault("url", "http://127.0.0.1:5080"),
            int.Parse(values.GetValueOrDefault("count", "2000"), CultureInfo.InvariantCulture),
            int.Parse(values.GetValueOrDefault("concurrency", "16"), CultureInfo.InvariantCulture),
            int.Parse(values.GetValueOrDefault("warmup", "200"), CultureInfo.InvariantCulture),
            values.GetValueOrDefault("tenant", "schoenwetter-am-berg"),
            values.GetValueOrDefault("process", "hundesteuer-anmeldung"),
            bool.Parse(values.GetValueOrDefault("await-delivery", "true")),
            values.GetValueOrDefault("api-key"),
            bool.Parse(values.GetValueOrDefault("json", "false")),
            TimeSpan.FromSeconds(int.Parse(values.GetValueOrDefault("delivery-timeout", "300"), CultureInfo.InvariantCulture)));
    }
}
