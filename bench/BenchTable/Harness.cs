using System.Globalization;
using System.Text.Json;

namespace EfaGateway.Bench.BenchTable;

/// <summary>One run of bench/LoadHarness against a host, with the host's CPU time over exactly that run.</summary>
internal sealed record HarnessFigures(int Accepted, int Concurrency, double AcceptedPerSecond, double P50Ms, double P99Ms, double MaxMs,
    int Confirmed, int DeadLettered, double DeliveredPerSecond, double HostCpuMsPerApplication, double LoadAverage,
    double? RemoteCpuMsPerApplication = null);

internal static class Harness
{
    /// <param name="remote">The fake remote end, if any: its CPU time is taken over the same measured run.</param>
    public static async Task<HarnessFigures> RunAsync(RunFolder run, GatewayHost host, int count, int concurrency, bool awaitDelivery,
        int warmup = 0, string process = "hundesteuer-anmeldung", ChildProcess? remote = null)
    {
        var dll = run.Built(Path.Combine("bench", "LoadHarness"), "LoadHarness");
        var load = LoadAverage();
        var cpuBefore = host.Process.CpuTime();
        var remoteBefore = remote?.CpuTime();

        // The harness is a new process each run: its own warm-up submissions (not counted) get its HTTP client and
        // JIT going, so the figures are the host's and not the client's start-up. The host's CPU time is taken from
        // the moment the harness announces the measured run, so the warm-up does not count there either.
        await using var harness = ChildProcess.Start("dotnet", [dll,
            "--url", host.Url.ToString().TrimEnd('/'),
            "--count", count.ToString(CultureInfo.InvariantCulture),
            "--concurrency", concurrency.ToString(CultureInfo.InvariantCulture),
            "--warmup", warmup.ToString(CultureInfo.InvariantCulture),
            "--process", process,
            "--await-delivery", awaitDelivery ? "true" : "false",
            "--api-key", host.OperatorKey,
            "--json", "true"], run.Path("harness.log"));
        harness.OnLineStartingWith("Submitting ", () =>
        {
            cpuBefore = host.Process.CpuTime();
            remoteBefore = remote?.CpuTime();
            load = LoadAverage();
        });
        var line = await harness.WaitForExitAndReadLastLineAsync(TimeSpan.FromMinutes(6));
        var cpu = host.Process.CpuTime() - cpuBefore;
        var remoteCpu = remote?.CpuTime() - remoteBefore;
        JsonElement result;
        try
        {
            result = JsonDocument.Parse(line).RootElement;
        }
        catch (JsonException)
        {
            throw new InvalidOperationException($"The load harness ended without a result (exit code {harness.ExitCode}); see {run.Path("harness.log")}.");
        }

        var accepted = result.GetProperty("accepted").GetInt32();
        if (accepted != count)
        {
            throw new InvalidOperationException($"Only {accepted} of {count} applications were accepted; see {run.Path("harness.log")} and the host log.");
        }

        return new HarnessFigures(accepted, concurrency,
            result.GetProperty("acceptedPerSecond").GetDouble(),
            result.GetProperty("p50Ms").GetDouble(),
            result.GetProperty("p99Ms").GetDouble(),
            result.GetProperty("maxMs").GetDouble(),
            result.GetProperty("confirmed").GetInt32(),
            result.GetProperty("deadLettered").GetInt32(),
            awaitDelivery ? result.GetProperty("deliveredPerSecond").GetDouble() : double.NaN,
            cpu.TotalMilliseconds / count,
            load,
            remoteCpu?.TotalMilliseconds / count);
    }

    /// <summary>The one-minute load average: other work on the machine skews every figure, so each row names it.</summary>
    public static double LoadAverage() =>
        double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);
}
