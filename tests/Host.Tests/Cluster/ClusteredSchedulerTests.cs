using System.Diagnostics;
using EfaGateway.TestSupport;
using Npgsql;

namespace EfaGateway.Host.Tests.Cluster;

/// <summary>
/// Several real host processes on one PostgreSQL database form one Quartz cluster: each scheduled period of a job runs
/// on exactly one host (also while a host is restarted), and when a host dies (SIGKILL) the others carry on with its
/// jobs. Retention runs every two seconds here so that a short test sees many periods; the runs are read from each
/// host's log line "Job {Job} ran for {ScheduledFireTime} on {Instance}". Both tests are in this class so that they
/// never run side by side (six host processes at once on a two-core machine).
/// </summary>
public sealed class ClusteredSchedulerTests
{
    private static readonly TimeSpan RetentionPeriod = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan SweepPeriod = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(120);

    private static readonly string[] FastSchedules =
    [
        "--Gateway:Worker:RetentionCron=0/2 * * * * ?",
        "--Gateway:Worker:SweepInterval=00:00:03",
    ];

    [Fact]
    public async Task Three_hosts_on_one_postgresql_database_run_each_period_exactly_once_also_while_a_host_restarts()
    {
        await using var database = await TestDatabase.CreatePostgresAsync(TestContext.Current.CancellationToken);
        var nodes = StartNodes(database, 3, FastSchedules).ToList();
        try
        {
            await Task.WhenAll(nodes.Select(node => node.WaitUntilLiveAsync(StartTimeout)));
            var allLive = TimeProvider.System.GetUtcNow();
            await WaitUntilAsync([.. nodes], () => Runs(nodes, "retention").Count(run => run.ScheduledFireTime > allLive) >= 3,
                "three retention periods with all three hosts up");

            // The host running retention is stopped (SIGTERM) and started again, as in a rolling update: its periods move
            // to another host, and the new process finds the stored triggers and leaves them as they are.
            var holder = NodeOfLatestRun(nodes);
            await holder.StopAsync();
            var restarted = ClusterNode.Start($"{holder.Name}-again", database, FastSchedules);
            nodes.Add(restarted);
            var running = nodes.Where(node => node != holder).ToArray();
            await restarted.WaitUntilLiveAsync(StartTimeout);
            var restartedAt = TimeProvider.System.GetUtcNow();
            await WaitUntilAsync(running, () => Runs(nodes, "retention").Count(run => run.ScheduledFireTime > restartedAt) >= 6,
                "six retention periods after the restart");
        }
        finally
        {
            // Killed rather than stopped, so that nothing runs between the check above and the reading below.
            await DisposeAllAsync(nodes);
        }

        var retention = Runs(nodes, "retention");
        Report(nodes, retention);
        AssertEachPeriodOnce(retention, RetentionPeriod, nodes);
        AssertEachPeriodOnce(Runs(nodes, "delivery-sweep"), SweepPeriod, nodes);
        Assert.True(retention.Select(run => run.Instance).Distinct().Count() >= 2, "Retention never moved to another host");
    }

    [Fact]
    public async Task When_a_host_is_killed_the_other_hosts_take_over_its_jobs_without_running_a_period_twice()
    {
        await using var database = await TestDatabase.CreatePostgresAsync(TestContext.Current.CancellationToken);
        // Short check-ins so that the dead host is noticed within seconds (production: 10 s + 20 s).
        var nodes = StartNodes(database, 3, [.. FastSchedules, "--Gateway:Worker:ClusterCheckinInterval=00:00:02", "--Gateway:Worker:ClusterCheckinMisfireThreshold=00:00:06"]);
        try
        {
            await Task.WhenAll(nodes.Select(node => node.WaitUntilLiveAsync(StartTimeout)));
            var allLive = TimeProvider.System.GetUtcNow();
            await WaitUntilAsync(nodes, () => Runs(nodes, "retention").Any(run => run.ScheduledFireTime > allLive), "a retention run with all hosts up");

            // Killing the host that holds the next fire time is the hard case: that period waits for the cluster to notice.
            var victim = NodeOfLatestRun(nodes);
            var victimInstance = Runs([victim], "retention")[^1].Instance;
            victim.Kill();
            var killedAt = TimeProvider.System.GetUtcNow();
            var survivors = nodes.Where(node => node != victim).ToArray();

            await WaitUntilAsync(survivors, () => Runs(survivors, "retention").Count(run => run.ScheduledFireTime > killedAt) >= 5,
                "five retention periods on the surviving hosts after the kill");
            await WaitUntilAsync(survivors, async () => !await IsCheckedInAsync(database, victimInstance),
                "the cluster to write off the killed host");
        }
        finally
        {
            await DisposeAllAsync(nodes);
        }

        var retention = Runs(nodes, "retention");
        Report(nodes, retention);
        var duplicates = retention.GroupBy(run => run.ScheduledFireTime).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(duplicates.Count == 0, $"Periods run more than once: {string.Join(", ", duplicates)}");
    }

    private static ClusterNode[] StartNodes(TestDatabase database, int count, string[] settings) =>
        [.. Enumerable.Range(0, count).Select(i => ClusterNode.Start(((char)('a' + i)).ToString(), database, settings))];

    /// <summary>The host that ran retention last: it most likely holds the next fire time already.</summary>
    private static ClusterNode NodeOfLatestRun(IReadOnlyList<ClusterNode> nodes)
    {
        var latest = Runs(nodes, "retention").MaxBy(run => run.ScheduledFireTime)!;
        return nodes.Single(node => node.Runs.Contains(latest));
    }

    private static List<JobRun> Runs(IEnumerable<ClusterNode> nodes, string job) =>
        [.. nodes.SelectMany(node => node.Runs).Where(run => run.Job == job)];

    /// <summary>No period twice, and none left out between the first and the last run seen.</summary>
    private static void AssertEachPeriodOnce(List<JobRun> runs, TimeSpan period, IReadOnlyList<ClusterNode> nodes)
    {
        var duplicates = runs.GroupBy(run => run.ScheduledFireTime).Where(g => g.Count() > 1)
            .Select(g => $"{g.Key:O} on {string.Join(" and ", g.Select(run => run.Instance))}").ToList();
        Assert.True(duplicates.Count == 0, $"Periods run more than once: {string.Join("; ", duplicates)}");

        var times = runs.Select(run => run.ScheduledFireTime).Order().ToList();
        var gaps = times.Zip(times.Skip(1)).Where(pair => pair.Second - pair.First != period)
            .Select(pair => $"{pair.First:O} -> {pair.Second:O}").ToList();
        Assert.True(gaps.Count == 0, $"Periods left out: {string.Join("; ", gaps)}{Environment.NewLine}{string.Join(Environment.NewLine, nodes.Select(n => n.Tail))}");
        Assert.True(times.Count >= 5, $"Only {times.Count} runs seen");
    }

    private static async Task<bool> IsCheckedInAsync(TestDatabase database, string instance)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM qrtz_scheduler_state WHERE instance_name = @instance", connection);
        command.Parameters.AddWithValue("instance", instance);
        return (long)(await command.ExecuteScalarAsync())! > 0;
    }

    private static Task WaitUntilAsync(ClusterNode[] nodes, Func<bool> condition, string what) =>
        WaitUntilAsync(nodes, () => Task.FromResult(condition()), what);

    /// <summary>Polls; fails with the hosts' last lines if a host died or the condition did not come within the bound.</summary>
    private static async Task WaitUntilAsync(ClusterNode[] nodes, Func<Task<bool>> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > RunTimeout || nodes.Any(node => node.HasExited))
            {
                Assert.Fail($"Gave up waiting for {what} after {clock.Elapsed}.{Environment.NewLine}{string.Join(Environment.NewLine, nodes.Select(n => n.Tail))}");
            }

            await Task.Delay(250);
        }
    }

    private static void Report(IReadOnlyList<ClusterNode> nodes, List<JobRun> retention)
    {
        foreach (var node in nodes)
        {
            var runs = node.Runs;
            var instance = runs.Count > 0 ? runs[0].Instance : "(no runs)";
            TestContext.Current.TestOutputHelper?.WriteLine($"host {node.Name} ({instance}): {retention.Count(runs.Contains)} retention run(s)");
        }
    }

    /// <summary>Kills what still runs (SIGKILL); the runs read so far stay readable.</summary>
    private static async Task DisposeAllAsync(IReadOnlyList<ClusterNode> nodes)
    {
        foreach (var node in nodes)
        {
            await node.DisposeAsync();
        }
    }
}
