using EfaGateway.Core.Deliveries;
using EfaGateway.Core.Pipeline;
using EfaGateway.Core.Retention;
using EfaGateway.Host.Composition;
using Quartz;

namespace EfaGateway.Host.Jobs;

/// <summary>Releases deliveries of crashed workers and wakes the workers for retries that fell due.</summary>
[DisallowConcurrentExecution]
public sealed class DeliverySweepJob(LeaseSweeper sweeper, ILogger<DeliverySweepJob> logger) : IJob
{
    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        JobRuns.RunAsync(logger, context, () => sweeper.SweepAsync(cancellationToken), cancellationToken);
}

/// <summary>Asks transports with receipts (FIT-Connect) whether delivered applications were accepted or rejected.</summary>
[DisallowConcurrentExecution]
public sealed class ReceiptPollJob(ReceiptPoller poller, ILogger<ReceiptPollJob> logger) : IJob
{
    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        JobRuns.RunAsync(logger, context, () => poller.PollAsync(cancellationToken), cancellationToken);
}

/// <summary>
/// Applies the deletion rules (drafts, Postkorb, confirmed deliveries) and removes form sessions past their lifetime
/// (unsent answers and uploads of citizens who left without saving).
/// </summary>
[DisallowConcurrentExecution]
public sealed class RetentionJob(RetentionService retention, Forms.FormSessionStore sessions, ILogger<RetentionJob> logger) : IJob
{
    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        JobRuns.RunAsync(logger, context, async () =>
        {
            await retention.RunAsync(cancellationToken);
            await sessions.DeleteExpiredAsync(cancellationToken);
        }, cancellationToken);
}

/// <summary>Mails Postkorb staff about new items (see <see cref="Notifications.PostkorbNotifier"/>).</summary>
[DisallowConcurrentExecution]
public sealed class PostkorbNoticeJob(Notifications.PostkorbNotifier notifier, ILogger<PostkorbNoticeJob> logger) : IJob
{
    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        JobRuns.RunAsync(logger, context, () => notifier.RunAsync(cancellationToken), cancellationToken);
}

/// <summary>
/// One line per run, naming the period it ran for and the host that ran it: with several hosts on one database this is
/// how an operator sees that each period ran once, and where. A failing job's exception message stays out of the log
/// (Quartz would log it whole, and messages may quote data): type and stack are logged, and the job runs again at its
/// next scheduled time.
/// </summary>
internal static partial class JobRuns
{
    public static async ValueTask RunAsync(ILogger logger, IJobExecutionContext context, Func<Task> work, CancellationToken cancellationToken)
    {
        var job = context.JobDetail.Key.Name;
        try
        {
            await work();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            LogFailed(logger, job, ex.GetType().FullName ?? ex.GetType().Name, ex.StackTrace ?? string.Empty);
        }

        LogRan(logger, job, context.ScheduledFireTimeUtc ?? context.FireTimeUtc, context.Scheduler.SchedulerInstanceId);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Job {Job} failed with {ExceptionType}; it runs again at its next scheduled time; stack: {StackTrace}")]
    private static partial void LogFailed(ILogger logger, string job, string exceptionType, string stackTrace);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {Job} ran for {ScheduledFireTime:O} on {Instance}")]
    private static partial void LogRan(ILogger logger, string job, DateTimeOffset scheduledFireTime, string instance);
}
