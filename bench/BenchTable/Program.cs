using System.Globalization;
using EfaGateway.Bench.BenchTable;

// Usage: bench/run-table.sh [--quick] [--keep] [--out <file.md>] [--no-postgres] [--parts primitives,submit,e2e] [--routes postkorb,fit-connect,xta] [--host-dll <path>]
//   (or, after a Release build of Host, the two fakes and bench/LoadHarness: dotnet bench/BenchTable/bin/Release/net10.0/BenchTable.dll …)
// Starts and stops every server it needs (gateway hosts, FIT-Connect and XTA fakes), creates and drops its PostgreSQL
// databases, and prints the table of issue 7 point 9 as Markdown.
var quick = args.Contains("--quick");
var keep = args.Contains("--keep");
var withPostgres = !args.Contains("--no-postgres");
var outFile = args.SkipWhile(a => a != "--out").Skip(1).FirstOrDefault();
var counts = quick ? Counts.Quick : Counts.Default;
var parts = (args.SkipWhile(a => a != "--parts").Skip(1).FirstOrDefault() ?? "primitives,submit,e2e").Split(',');
var routes = (args.SkipWhile(a => a != "--routes").Skip(1).FirstOrDefault() ?? "postkorb,fit-connect,xta").Split(',');
var root = RunFolder.FindRepositoryRoot();
var run = new RunFolder(root, Directory.CreateTempSubdirectory("efagw-bench-").FullName)
{
    HostDll = args.SkipWhile(a => a != "--host-dll").Skip(1).FirstOrDefault(),
};
var started = TimeProvider.System.GetUtcNow();
var header = string.Create(CultureInfo.InvariantCulture,
    $"## EfaGateway benchmark, {started:yyyy-MM-dd HH:mm} UTC: {Environment.ProcessorCount} cores, .NET {Environment.Version}, load average at start {File.ReadAllText("/proc/loadavg")[..14].Trim()}");
Console.Error.WriteLine($"bench: working in {run.Directory}");
try
{
    Progress("primitives");
    IReadOnlyList<Primitive> primitives = [];
    if (parts.Contains("primitives"))
    {
        var commitDatabase = withPostgres ? await TryCreateDatabaseAsync("commit") : null;
        try
        {
            primitives = await Primitives.MeasureAsync(run, commitDatabase?.ConnectionString);
        }
        finally
        {
            if (commitDatabase is not null)
            {
                await commitDatabase.DisposeAsync();
            }
        }
    }

    var intake = new List<ScenarioRow>();
    if (parts.Contains("submit"))
    {
        Progress("submit on SQLite");
        intake.Add(await Scenarios.IntakeAsync(run, counts, "SQLite (embedded default)", null));
    }

    if (withPostgres && parts.Contains("submit"))
    {
        Progress("submit on PostgreSQL");
        await using var database = await TryCreateDatabaseAsync("intake");
        intake.Add(database is null
            ? new ScenarioRow("PostgreSQL", null, $"no database could be created on {PostgresDatabase.AdminConnectionString.Split(';')[0]}", [])
            : await Scenarios.IntakeAsync(run, counts, "PostgreSQL", database.ConnectionString));
    }

    var endToEnd = new List<ScenarioRow>();
    if (parts.Contains("e2e"))
    {
        if (routes.Contains("postkorb"))
        {
            Progress("end to end: Postkorb");
            endToEnd.Add(await Scenarios.EndToEndAsync(run, "Postkorb", counts.PostkorbWarmup, counts.Postkorb, null));
        }

        if (routes.Contains("fit-connect"))
        {
            Progress("end to end: FIT-Connect");
            endToEnd.Add(await Scenarios.EndToEndAsync(run, "FIT-Connect", counts.RemoteWarmup, counts.Remote, () => Fakes.StartFitConnectAsync(run)));
        }

        if (routes.Contains("xta"))
        {
            Progress("end to end: XTA");
            endToEnd.Add(await Scenarios.EndToEndAsync(run, "XTA", counts.RemoteWarmup, counts.Remote, () => Fakes.StartXtaAsync(run)));
        }
    }

    var elapsed = TimeProvider.System.GetUtcNow() - started;
    var report = Report.Write(header, intake, endToEnd, primitives, Environment.ProcessorCount)
        + string.Create(CultureInfo.InvariantCulture, $"\nRun took {elapsed.TotalMinutes:0.0} min; load average at the end {File.ReadAllText("/proc/loadavg")[..14].Trim()}.\n");
    Console.WriteLine(report);
    if (outFile is not null)
    {
        await File.WriteAllTextAsync(outFile, report);
    }

    return intake.Concat(endToEnd).Any(r => r.Failure is not null) ? 1 : 0;
}
finally
{
    if (keep)
    {
        Console.Error.WriteLine($"bench: kept {run.Directory}");
    }
    else
    {
        Directory.Delete(run.Directory, recursive: true);
    }
}

// A PostgreSQL server that is down makes its rows fail, not the whole run.
static async Task<PostgresDatabase?> TryCreateDatabaseAsync(string purpose)
{
    try
    {
        return await PostgresDatabase.CreateAsync(purpose);
    }
    catch (Exception ex) when (ex is Npgsql.NpgsqlException or System.Net.Sockets.SocketException or InvalidOperationException)
    {
        Console.Error.WriteLine($"bench: PostgreSQL is not available ({ex.Message}); its figures are left out");
        return null;
    }
}

void Progress(string step) => Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"bench: {(TimeProvider.System.GetUtcNow() - started).TotalSeconds,5:0}s {step} (load average {Harness.LoadAverage():0.0})"));
