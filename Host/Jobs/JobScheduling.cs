using EfaGateway.Core.Deliveries;
using EfaGateway.Host.Composition;
using EfaGateway.Persistence.Configuration;
using Quartz;

namespace EfaGateway.Host.Jobs;

/// <summary>
/// One scheduled job: its key, its type and the schedule from configuration. The trigger's name carries the schedule,
/// so a host that starts with the schedule already stored leaves it alone, and a changed schedule is a new trigger.
/// </summary>
public sealed record JobSchedule(JobKey Job, string Schedule, Func<IJobDetail> BuildJob, Func<TriggerKey, ITrigger> BuildTrigger)
{
    public const string TriggerGroup = "gateway";

    public TriggerKey TriggerKey => new($"{Job.Name}@{Schedule}", TriggerGroup);

    /// <summary>Durable: the job stays stored while its trigger is swapped for one with a new schedule.</summary>
    public static JobSchedule For<TJob>(string name, string schedule, Func<TriggerKey, JobKey, ITrigger> buildTrigger) where TJob : IJob
    {
        var job = new JobKey(name);
        return new(job, schedule, () => JobBuilder.Create<TJob>().WithIdentity(job).StoreDurably().Build(), key => buildTrigger(key, job));
    }
}

public static class GatewayJobsServiceCollectionExtensions
{
    /// <summary>All hosts of one database form one cluster under this name (PostgreSQL); it is the qrtz_ tables' sched_name.</summary>
    public const string SchedulerName = "EfaGateway";

    /// <summary>
    /// Quartz with the jobs of a server host. On PostgreSQL the job store is Quartz's clustered ADO.NET store in the
    /// gateway's database (tables from the <c>migrate</c> verb): every host runs the scheduler, and each fire time is
    /// taken by exactly one of them. The embedded default (SQLite, one host) keeps the in-memory store.
    /// </summary>
    public static IServiceCollection AddGatewayJobs(this IServiceCollection services, IConfiguration configuration)
    {
        var worker = configuration.GetSection($"{GatewayOptions.SectionName}:Worker").Get<WorkerOptions>() ?? new WorkerOptions();
        var provider = DatabaseOptions.NormalizeProvider(configuration[$"{DatabaseOptions.SectionName}:{nameof(DatabaseOptions.Provider)}"]);
        services.AddSingleton<IReadOnlyList<JobSchedule>>(Schedules(configuration, worker));
        services.AddQuartz(quartz =>
        {
            quartz.ConfigureScheduler(scheduler => scheduler.InstanceName = SchedulerName);
            if (provider == DatabaseOptions.PostgreSql)
            {
                // The connection string is checked at start (DatabaseOptionsValidator) before the scheduler is built.
                var connectionString = configuration[$"{DatabaseOptions.SectionName}:{nameof(DatabaseOptions.ConnectionString)}"] ?? string.Empty;
                quartz.ConfigureScheduler(scheduler => scheduler.GenerateInstanceId = true); // AUTO: host name and start time
                quartz.UsePersistentStore(store =>
                {
                    store.UsePostgres(connectionString);
                    store.UseSystemTextJsonSerializer();
                    // A fire time more than this late (all hosts down, or a dead host not yet written off) is a misfire:
                    // retention then runs once right away, the interval jobs wait for their next period.
                    store.ConfigureStore(options => options.MisfireThreshold = TimeSpan.FromMinutes(1));
                    store.UseClustering(cluster =>
                    {
                        cluster.CheckinInterval = worker.ClusterCheckinInterval;
                        cluster.CheckinMisfireThreshold = worker.ClusterCheckinMisfireThreshold;
                    });
                });
            }
            else
            {
                quartz.UseInMemoryStore();
            }
        });

        // Before the Quartz hosted service: the triggers are in place before the scheduler starts firing.
        services.AddHostedService<ScheduledTriggers>();
        services.AddQuartzHostedService(options => options.WaitForJobsToComplete = true);
        return services;
    }

    private static JobSchedule[] Schedules(IConfiguration configuration, WorkerOptions worker)
    {
        var receipts = configuration.GetSection(ReceiptOptions.SectionName).Get<ReceiptOptions>() ?? new ReceiptOptions();
        // The interval is validated at start (NotificationOptionsValidator); an invalid one never reaches a trigger.
        var notifications = configuration.GetSection(Notifications.NotificationOptions.SectionName).Get<Notifications.NotificationOptions>()
            ?? new Notifications.NotificationOptions();
        return
        [
            Every<DeliverySweepJob>("delivery-sweep", worker.SweepInterval),
            Every<ReceiptPollJob>("receipt-poll", receipts.PollInterval),
            JobSchedule.For<RetentionJob>("retention", $"cron {worker.RetentionCron}", (key, job) =>
                TriggerBuilder.Create(TimeProvider.System).WithIdentity(key).ForJob(job).WithCronSchedule(worker.RetentionCron).Build()),
            Every<PostkorbNoticeJob>("postkorb-notices", notifications.Interval),
        ];
    }

    /// <summary>The first run one interval after the trigger is first stored (not after every host start).</summary>
    private static JobSchedule Every<TJob>(string name, TimeSpan interval) where TJob : IJob =>
        JobSchedule.For<TJob>(name, $"every {interval:c}", (key, job) =>
            TriggerBuilder.Create(TimeProvider.System).WithIdentity(key).ForJob(job).StartAt(TimeProvider.System.GetUtcNow() + interval)
                .WithSimpleSchedule(s => s.WithInterval(interval).RepeatForever()).Build());
}
