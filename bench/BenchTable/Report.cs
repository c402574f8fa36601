using System.Globalization;
using System.Text;

namespace EfaGateway.Bench.BenchTable;

/// <summary>The whole run as one Markdown document: the figures, the primitives and the ratio of the two.</summary>
internal static class Report
{
    public static string Write(string header, IReadOnlyList<ScenarioRow> intake, IReadOnlyList<ScenarioRow> endToEnd,
        IReadOnlyList<Primitive> primitives, int cores)
    {
        var text = new StringBuilder();
        Line(text, header);
        Line(text, "");
        Line(text, "### Submit: accepted/s and latency (host accepting only: `Gateway:Worker:Workers=0`; demo application, no attachment)");
        Line(text, "");
        Line(text, "| database | concurrency | applications | accepted/s | p50 ms | p99 ms | max ms | host CPU ms/application | load avg (1 min) |");
        Line(text, "|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var row in intake)
        {
            Line(text, row.Figures is { } f
                ? Invariant($"| {row.Name} | {f.Concurrency} | {f.Accepted} | **{f.AcceptedPerSecond:0}** | {f.P50Ms:0.0} | **{f.P99Ms:0.0}** | {f.MaxMs:0.0} | {f.HostCpuMsPerApplication:0.00} | {f.LoadAverage:0.0} |")
                : $"| {row.Name} | – | – | failed: {row.Failure} | | | | | |");
        }

        Line(text, "");
        Line(text, "Concurrency sweep (the main row uses the concurrency that accepted most with p99 under 50 ms, or most overall if none did):");
        Line(text, "");
        Line(text, "| database | concurrency | applications | accepted/s | p50 ms | p99 ms | load avg |");
        Line(text, "|---|---:|---:|---:|---:|---:|---:|");
        foreach (var row in intake)
        {
            foreach (var f in row.Sweep)
            {
                Line(text, Invariant($"| {row.Name} | {f.Concurrency} | {f.Accepted} | {f.AcceptedPerSecond:0} | {f.P50Ms:0.0} | {f.P99Ms:0.0} | {f.LoadAverage:0.0} |"));
            }
        }

        Line(text, "");
        Line(text, "### End to end: delivered/s until every application is Confirmed (SQLite, 2 delivery workers, receipt poll every 1 s)");
        Line(text, "");
        Line(text, "| transport | applications | accepted/s | submit p99 ms | delivered/s | host CPU ms/application | fake remote end's CPU ms/application | load avg |");
        Line(text, "|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var row in endToEnd)
        {
            var failure = row.Failure is null ? "" : $" ({row.Failure})";
            Line(text, row.Figures is { } f
                ? Invariant($"| {row.Name}{failure} | {f.Accepted} | {f.AcceptedPerSecond:0} | {f.P99Ms:0.0} | **{f.DeliveredPerSecond:0.0}** | {f.HostCpuMsPerApplication:0.00} | {f.RemoteCpuMsPerApplication:0.00} | {f.LoadAverage:0.0} |")
                : $"| {row.Name} | failed: {row.Failure} | | | | | | |");
        }

        Line(text, "");
        Line(text, "### The unavoidable work's primitives (one thread, Stopwatch loop of 1.5 s after a warm-up)");
        Line(text, "");
        Line(text, "| primitive | wall ms/op | CPU ms/op | note |");
        Line(text, "|---|---:|---:|---|");
        foreach (var p in primitives)
        {
            Line(text, Invariant($"| {p.Name} | {p.WallMs:0.0000} | {p.CpuMs:0.0000} | {p.Note} |"));
        }

        Line(text, "");
        Line(text, $"### Ratio: measured end to end (Z) against what the unavoidable work allows on {cores} cores (Y = {cores} × 1000 / X)");
        Line(text, "");
        Line(text, "| route | unavoidable work per application | X (CPU ms) | Y (max/s) | Z (delivered/s) | Z/Y (goal ≥ 0.5) | host CPU ms/application | X / host CPU |");
        Line(text, "|---|---|---:|---:|---:|---:|---:|---:|");
        foreach (var (label, route, parts, gatewayOnly) in CostModel.Routes)
        {
            var x = CostModel.CpuMilliseconds(primitives, parts);
            var figures = endToEnd.FirstOrDefault(r => r.Name == route)?.Figures;
            var z = figures?.DeliveredPerSecond;
            var y = x is > 0 ? cores * 1000 / x.Value : (double?)null;

            // The host's own share: how much of the gateway's CPU per application is the unavoidable work. It does not
            // depend on what else shares the cores (load harness, fakes). Z/Y ≥ 0.5 leaves 2 × X of CPU per application
            // for everything on the cores, so a route whose fake alone needs more than X cannot show it on this machine.
            var hostCpu = gatewayOnly ? figures?.HostCpuMsPerApplication : null;
            Line(text, Invariant($"| {label} | {string.Join(" + ", parts.Select(p => p.Times == 1 ? p.Label : $"{p.Times} × {p.Label}"))} | {x:0.000} | {y:0} | {z:0.0} | {(z / y):0.00} | {hostCpu:0.00} | {(x / hostCpu):0.00} |"));
        }

        return text.ToString();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static void Line(StringBuilder text, string line) => text.Append(line).Append('\n');
}
