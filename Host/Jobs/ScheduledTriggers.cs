using Quartz;

namespace EfaGateway.Host.Jobs;

/// <summary>
/// Puts the configured jobs and triggers into the scheduler's store when a host starts, without disturbing what other
/// hosts of the cluster already run. A stored trigger with the configured schedule is kept as it is: replacing it on
/// every start would move its next fire time (a host restarting often would starve a 30-second sweep, and a cron
/// trigger replaced within the second it fired would fire that second again). A trigger left from an older schedule
/// is removed, so a changed <c>RetentionCron</c> takes effect with the next host that starts.
/// </summary>
/// <remarks>
/// No job asks for recovery: a run cut off by a crashed host is not repeated by another one, the next period's run
/// catches up (every job here works through whatever is due). That keeps "each period runs once" true even when a
/// live host is wrongly declared dead after a long pause.
/// </remarks>
public sealed partial class ScheduledTriggers(ISchedulerFactory schedulers, IReadOnlyList<JobSchedule> schedules, ILogger<ScheduledTriggers> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        foreach (var schedule in schedules)
        {
            // Replacing a job's definition leaves its triggers and their fire times alone.
            await scheduler.AddJob(schedule.BuildJob(), AddJobOptions.Replacing, cancellationToken);
            foreach (var stale in (await scheduler.GetTriggersOfJob(schedule.Job, cancellationToken)).Where(t => !t.Key.Equals(schedule.TriggerKey)))
            {
                await scheduler.UnscheduleJob(stale.Key, cancellationToken);
                LogReplaced(logger, schedule.Job.Name, stale.Key.Name, schedule.Schedule);
            }

            if (await scheduler.GetTrigger(schedule.TriggerKey, cancellationToken) is not null)
            {
                continue;
            }

            try
            {
                await scheduler.ScheduleJob(schedule.BuildTrigger(schedule.TriggerKey), default, cancellationToken);
            }
            catch (ObjectAlreadyExistsException)
            {
                // Another host stored the same schedule a moment earlier; its trigger is the one to keep.
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {Job}: trigger {OldTrigger} removed, the configured schedule is now {Schedule}")]
    private static partial void LogReplaced(ILogger logger, string job, string oldTrigger, string schedule);
}
