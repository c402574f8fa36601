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
        JobFailures.RunAsync(logger, "delivery-sweep", () => sweeper.SweepAsync(cancellationToken), cancellationToken);
}

/// <summary>Asks transports with receipts (FIT-Connect) whether delivered applications were accepted or rejected.</summary>
[DisallowConcurrentExecution]
public sealed class ReceiptPollJob(ReceiptPoller poller, ILogger<ReceiptPollJob> logger) : IJob
{
    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        JobFailures.RunAsync(logger, "receipt-poll", () => poller.PollAsync(cancellationToken), cancellationToken);
}

/// <summary>
/// Applies the deletion rules (drafts, Postkorb, confirmed deliveries) and removes form sessions past their lifetime
/// (unsent answers and uploads of citizens who left without saving).
/// </summary>
[DisallowConcurrentExecution]
public sealed class RetentionJob(RetentionService retention, Forms.FormSessionStore sessions, ILogger<RetentionJob> logger) : IJob
{
    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        JobFailures.RunAsync(logger, "retention", async () =>
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
        JobFailures.RunAsync(logger, "postkorb-notices", () => notifier.RunAsync(cancellationToken), cancellationToken);
}

/// <summary>
/// Keeps a failing job's exception message out of the log (Quartz would log it whole, and messages may quote data):
/// type and stack are logged, and the job runs again at its next scheduled time.
/// </summary>
internal static partial class JobFailures
{
    public static async ValueTask RunAsync(ILogger logger, string job, Func<Task> work, CancellationToken cancellationToken)
    {
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
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Job {Job} failed with {ExceptionType}; it runs again at its next scheduled time; stack: {StackTrace}")]
    private static partial void LogFailed(ILogger logger, string job, string exceptionType, string stackTrace);
}

public static class GatewayJobsServiceCollectionExtensions
{
    public static IServiceCollection AddGatewayJobs(this IServiceCollection services, IConfiguration configuration)
    {
        var worker = configuration.GetSection($"{GatewayOptions.SectionName}:Worker").Get<WorkerOptions>() ?? new WorkerOptions();
        services.AddQuartz(quartz =>
        {
            var sweep = new JobKey("delivery-sweep");
            quartz.AddJob<DeliverySweepJob>(job => job.WithIdentity(sweep));
            quartz.AddTrigger(trigger => trigger.ForJob(sweep).StartAt(TimeProvider.System.GetUtcNow() + worker.SweepInterval)
                .WithSimpleSchedule(s => s.WithInterval(worker.SweepInterval).RepeatForever()));

            var receipts = configuration.GetSection(ReceiptOptions.SectionName).Get<ReceiptOptions>() ?? new ReceiptOptions();
            var receiptPoll = new JobKey("receipt-poll");
            quartz.AddJob<ReceiptPollJob>(job => job.WithIdentity(receiptPoll));
            quartz.AddTrigger(trigger => trigger.ForJob(receiptPoll).StartAt(TimeProvider.System.GetUtcNow() + receipts.PollInterval)
                .WithSimpleSchedule(s => s.WithInterval(receipts.PollInterval).RepeatForever()));

            var retention = new JobKey("retention");
            quartz.AddJob<RetentionJob>(job => job.WithIdentity(retention));
            quartz.AddTrigger(trigger => trigger.ForJob(retention).WithCronSchedule(worker.RetentionCron));

            // The interval is validated at start (NotificationOptionsValidator); an invalid one never reaches a trigger.
            var notifications = configuration.GetSection(Notifications.NotificationOptions.SectionName).Get<Notifications.NotificationOptions>()
                ?? new Notifications.NotificationOptions();
            var notices = new JobKey("postkorb-notices");
            quartz.AddJob<PostkorbNoticeJob>(job => job.WithIdentity(notices));
            quartz.AddTrigger(trigger => trigger.ForJob(notices).StartAt(TimeProvider.System.GetUtcNow() + notifications.Interval)
                .WithSimpleSchedule(s => s.WithInterval(notifications.Interval).RepeatForever()));
        });
        services.AddQuartzHostedService(options => options.WaitForJobsToComplete = true);
        return services;
    }
}
