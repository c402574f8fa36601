using System.Globalization;

namespace EfaGateway.Bench.LoadHarness;

internal sealed record HarnessOptions(string Url, int Count, int Concurrency, string Tenant, string Process, bool AwaitDelivery)
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
            values.GetValueOrDefault("tenant", "schoenwetter-am-berg"),
            values.GetValueOrDefault("process", "hundesteuer-anmeldung"),
            bool.Parse(values.GetValueOrDefault("await-delivery", "true")));
    }
}
