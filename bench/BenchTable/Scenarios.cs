namespace EfaGateway.Bench.BenchTable;

/// <summary>How many applications each part sends; <c>--quick</c> divides them for a smoke run.</summary>
internal sealed record Counts(int IntakeWarmup, int Sweep, int Intake, int EndToEndWarmup, int Postkorb, int Remote, int[] Concurrencies)
{
    public static Counts Default { get; } = new(300, 1000, 3000, 100, 1000, 300, [4, 16, 64]);

    public static Counts Quick { get; } = new(50, 200, 400, 10, 200, 50, [8, 32]);
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
            var sweep = new List<HarnessFigures>();
            foreach (var concurrency in counts.Concurrencies)
            {
                sweep.Add(await Harness.RunAsync(run, host, counts.Sweep, concurrency, awaitDelivery: false));
            }

            var best = sweep.MaxBy(f => f.AcceptedPerSecond)!.Concurrency;
            return new ScenarioRow(name, await Harness.RunAsync(run, host, counts.Intake, best, awaitDelivery: false), null, sweep);
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or HttpRequestException or Npgsql.NpgsqlException or OperationCanceledException)
        {
            return new ScenarioRow(name, null, ex.Message, []);
        }
    }

    /// <summary>
    /// A host as configured by default (two delivery workers) on the embedded SQLite, the demo process routed to one
    /// transport; the receipt poll runs every second (default one minute), so the figure shows the gateway's work
    /// rather than the poll period. Warm-up applications are confirmed before the measured ones start.
    /// </summary>
    public static async Task<ScenarioRow> EndToEndAsync(RunFolder run, Counts counts, string name, int applications,
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
            await Harness.RunAsync(run, host, counts.EndToEndWarmup, 16, awaitDelivery: true);
            var figures = await Harness.RunAsync(run, host, applications, 16, awaitDelivery: true);
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
