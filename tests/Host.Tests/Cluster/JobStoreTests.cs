using EfaGateway.Host.Jobs;
using EfaGateway.Host.Tests.Support;
using EfaGateway.Persistence;
using EfaGateway.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Quartz;

namespace EfaGateway.Host.Tests.Cluster;

/// <summary>
/// Which job store a host uses (in memory on the embedded SQLite default, clustered in the database on PostgreSQL),
/// that the migrate verb creates Quartz's tables, and that starting hosts again keeps the stored triggers.
/// </summary>
public sealed class JobStoreTests
{
    private static readonly string[] JobNames = ["delivery-sweep", "postkorb-notices", "receipt-poll", "retention"];

    [Fact]
    public async Task An_embedded_sqlite_host_keeps_the_in_memory_job_store_with_every_job_scheduled()
    {
        using var factory = new GatewayFactory();
        var scheduler = await factory.Services.GetRequiredService<ISchedulerFactory>().GetScheduler(TestContext.Current.CancellationToken);
        var metadata = await scheduler.GetMetadata(TestContext.Current.CancellationToken);

        Assert.False(metadata.JobStorePersistent);
        Assert.False(metadata.JobStoreClustered);
        foreach (var job in JobNames)
        {
            Assert.Single(await scheduler.GetTriggersOfJob(new JobKey(job), TestContext.Current.CancellationToken));
        }
    }

    [Fact]
    public async Task A_postgresql_host_uses_the_clustered_job_store_in_its_database()
    {
        await using var database = await TestDatabase.CreatePostgresAsync(TestContext.Current.CancellationToken);
        using var factory = new GatewayFactory(new Dictionary<string, string?>(database.ConfigurationValues));
        var scheduler = await factory.Services.GetRequiredService<ISchedulerFactory>().GetScheduler(TestContext.Current.CancellationToken);
        var metadata = await scheduler.GetMetadata(TestContext.Current.CancellationToken);

        Assert.True(metadata.JobStorePersistent);
        Assert.True(metadata.JobStoreClustered);
        Assert.Equal(GatewayJobsServiceCollectionExtensions.SchedulerName, metadata.SchedulerName);
        Assert.Equal(JobNames, (await TriggersAsync(database)).Select(t => t.Job));
    }

    [Fact]
    public async Task Hosts_started_again_keep_the_stored_triggers_and_a_changed_schedule_replaces_only_its_own()
    {
        await using var database = await TestDatabase.CreatePostgresAsync(TestContext.Current.CancellationToken);
        var settings = new Dictionary<string, string?>(database.ConfigurationValues);
        var first = await TriggersAfterHostStartAsync(database, settings);
        var again = await TriggersAfterHostStartAsync(database, settings);
        Assert.Equal(JobNames, first.Select(t => t.Job));

        // Same names, same start and next fire times: a restart neither re-fires nor postpones a period.
        Assert.Equal(first, again);

        settings["Gateway:Worker:RetentionCron"] = "0 30 3 * * ?";
        var changed = await TriggersAfterHostStartAsync(database, settings);
        var retention = Assert.Single(changed, t => t.Job == "retention");
        Assert.Equal("retention@cron 0 30 3 * * ?", retention.Name);
        Assert.Equal(first.Where(t => t.Job != "retention"), changed.Where(t => t.Job != "retention"));
    }

    [Fact]
    public async Task The_migrate_verb_creates_the_quartz_tables_on_postgresql_and_its_down_migration_drops_them()
    {
        await using var database = await TestDatabase.CreatePostgresAsync(TestContext.Current.CancellationToken);
        Assert.Equal(15, await QuartzTableCountAsync(database));

        // Back to the migration before this one (EF runs the Down), then forward again with the host's own verb.
        await using (var db = await database.Services.GetRequiredService<IDbContextFactory<GatewayDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken))
        {
            var migrations = db.Database.GetMigrations().ToList();
            var before = migrations[migrations.FindIndex(m => m.EndsWith("_QuartzScheduler", StringComparison.Ordinal)) - 1];
            await db.GetService<IMigrator>().MigrateAsync(before, cancellationToken: TestContext.Current.CancellationToken);
        }

        Assert.Equal(0, await QuartzTableCountAsync(database));
        var migrate = await HostProcess.RunAsync(database.DataDirectory, "migrate", "--Gateway:Database:Provider=PostgreSql",
            $"--Gateway:Database:ConnectionString={database.ConnectionString}");
        Assert.True(migrate.ExitCode == 0, migrate.Output);
        Assert.Contains("QuartzScheduler", migrate.Output, StringComparison.Ordinal);
        Assert.Equal(15, await QuartzTableCountAsync(database));
    }

    private static async Task<List<StoredTrigger>> TriggersAfterHostStartAsync(TestDatabase database, Dictionary<string, string?> settings)
    {
        using var factory = new GatewayFactory(settings);
        _ = factory.Services; // starts the host, and with it the scheduler
        return await TriggersAsync(database);
    }

    private static async Task<List<StoredTrigger>> TriggersAsync(TestDatabase database)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT job_name, trigger_name, start_time, next_fire_time FROM qrtz_triggers WHERE sched_name = @name ORDER BY job_name", connection);
        command.Parameters.AddWithValue("name", GatewayJobsServiceCollectionExtensions.SchedulerName);
        var triggers = new List<StoredTrigger>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            triggers.Add(new StoredTrigger(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3)));
        }

        return triggers;
    }

    private static async Task<long> QuartzTableCountAsync(TestDatabase database)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename LIKE 'qrtz\\_%'", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private sealed record StoredTrigger(string Job, string Name, long StartTime, long NextFireTime);
}
