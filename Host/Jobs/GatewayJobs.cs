using EfaGateway.Core.Pipeline;
using EfaGateway.Core.Retention;
using EfaGateway.Host.Composition;
using Quartz;

namespace EfaGateway.Host.Jobs;

/// <summary>Releases deliveries of crashed workers and wakes the workers for retries that fell due.</summary>
[DisallowConcurrentExecution]
public sealed class DeliverySweepJob(LeaseSweeper sweeper) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => await sweeper.SweepAsync(cancellationToken);
}

/// <summary>Applies the deletion rules (drafts, Postkorb, confirmed deliveries).</summary>
[DisallowConcurrentExecution]
public sealed class RetentionJob(RetentionService retention) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => await retention.RunAsync(cancellationToken);
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

            var retention = new JobKey("retention");
            quartz.AddJob<RetentionJob>(job => job.WithIdentity(retention));
            quartz.AddTrigger(trigger => trigger.ForJob(retention).WithCronSchedule(worker.RetentionCron));
        });
        services.AddQuartzHostedService(options => options.WaitForJobsToComplete = true);
        return services;
    }
}
