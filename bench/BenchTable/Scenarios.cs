namespace EfaGateway.Bench.BenchTable;

/// <summary>How many applications each part sends; <c>--quick</c> divides them for a smoke run.</summary>
internal sealed record Counts(int IntakeWarmup, int Sweep, int Intake, int PostkorbWarmup, int Postkorb, int RemoteWarmup, int Remote, int[] Concurrencies)
{
    public static Counts Default { get; } = new(3000, 1000, 3000, 2000, 1000, 600, 300, [4, 8, 16, 32, 64]);

    public static Counts Quick { get; } = new(300, 200, 400, 30, 200, 30, 50, [8, 32]);

    /// <summary>
    /// After the warm-up the run pauses this long: the runtime compiles hot methods again, optimised, on a background
    /// thread (tiered compilation) for a while after they became hot; measured straight after start-up, a third of
    /// the host's CPU went there. The figures are meant to be a running gateway's, not its first seconds'.
    /// </summary>
    public static TimeSpan Settle { get; } = TimeSpan.FromSeconds(5);

    /// <summary>Submissions each harness process sends before its measured ones, to warm its own HTTP client and JIT.</summary>
    public const int HarnessWarmup = 200;

    /// <summary>The submit latency goal of issue 7: the sweep picks the most accepted/s among the runs within it.</summary>
    public const double P99GoalMs = 50;
}

/// <summary>A row of the submit table, or of the end-to-end table.</summary>
internal sealed record ScenarioRow(string Name, HarnessFigures? Figures, string? Failure, IReadOnlyList<HarnessFigures> Sweep);

/// <summary>The parts of the run: the intake on each database, then end to end over each transport.</summary>
internal static class Scenarios
{
    /// <summary>
    /// Accepting only (no delivery workers in the host, so nothing competes with the submits for the two cores):
    /// a warm-up, a sweep over the harness's concurrency, and the main run at the concurrency that accepted most.
    /// </summary>
    public static async Task<ScenarioRow> IntakeAsync(RunFolder run, Counts counts, string name, string? postgres)
    {
        try
        {
            await using var host = await GatewayHost.StartAsync(run, new GatewaySetup(postgres is null ? "submit-sqlite" : "submit-postgres", postgres, Workers: 0), routesFile: null);
            await Harness.RunAsync(run, host, counts.IntakeWarmup, 16, awaitDelivery: false);
            await Task.Delay(Counts.Settle);
            var sweep = new List<HarnessFigures>();
            foreach (var concurrency in counts.Concurrencies)
            {
                sweep.Add(await Harness.RunAsync(run, host, counts.Sweep, concurrency, awaitDelivery: false, warmup: Counts.HarnessWarmup));
            }

            // The most accepted/s among the concurrencies that kept p99 within the goal; if none did, the most overall.
            var withinGoal = sweep.Where(f => f.P99Ms < Counts.P99GoalMs).ToList();
            var best = (withinGoal.Count > 0 ? withinGoal : sweep).MaxBy(f => f.AcceptedPerSecond)!.Concurrency;
            return new ScenarioRow(name, await Harness.RunAsync(run, host, counts.Intake, best, awaitDelivery: false, warmup: Counts.HarnessWarmup), null, sweep);
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or HttpRequestException or Npgsql.NpgsqlException or OperationCanceledException)
        {
            return new ScenarioRow(name, null, ex.Message, []);
        }
    }

    /// <summary>
    /// A host as configured by default (two delivery workers) on the embedded SQLite, the demo process routed to one
    /// transport; the receipt poll runs every second (default one minute), so the figure shows the gateway's work
    /// rather than the poll period. Warm-up applications are confirmed before the measured ones start: enough of them
    /// (2,000 for the Postkorb, 600 for a remote route) that the host is past its tiered recompilation, which after 300
    /// took a sixth of the host's CPU still, and the measured harness sends its own uncounted warm-up first.
    /// </summary>
    public static async Task<ScenarioRow> EndToEndAsync(RunFolder run, string name, int warmup, int applications,
        Func<Task<(ChildProcess Fake, string RoutesFile)>>? startFake)
    {
        ChildProcess? fake = null;
        try
        {
            string? routes = null;
            if (startFake is not null)
            {
                (fake, routes) = await startFake();
            }

            var settings = new Dictionary<string, string> { ["Gateway__Receipts__PollInterval"] = "00:00:01" };
            await using var host = await GatewayHost.StartAsync(run, new GatewaySetup("e2e-" + name, null, Workers: 2, settings), routes);
            await Harness.RunAsync(run, host, warmup, 16, awaitDelivery: true);
            await Task.Delay(Counts.Settle);
            var figures = await Harness.RunAsync(run, host, applications, 16, awaitDelivery: true, warmup: Counts.HarnessWarmup, remote: fake);
            return figures.Confirmed == applications
                ? new ScenarioRow(name, figures, null, [])
                : new ScenarioRow(name, figures, $"only {figures.Confirmed} of {applications} confirmed, {figures.DeadLettered} dead-lettered", []);
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or HttpRequestException or OperationCanceledException or System.Text.Json.JsonException)
        {
            return new ScenarioRow(name, null, ex.Message, []);
        }
        finally
        {
            if (fake is not null)
            {
                await fake.DisposeAsync();
            }
        }
    }
}
