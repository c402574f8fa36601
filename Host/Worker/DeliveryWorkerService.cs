using EfaGateway.Core.Pipeline;
using EfaGateway.Core.Ports;
using EfaGateway.Host.Composition;
using Microsoft.Extensions.Options;

namespace EfaGateway.Host.Worker;

/// <summary>
/// Runs the configured number of delivery loops. Each drains due deliveries, then sleeps until new work is signalled
/// or the poll interval passes (due retries need no signal). Claiming in the store keeps loops and hosts apart.
/// </summary>
public sealed partial class DeliveryWorkerService(
    IServiceScopeFactory scopes,
    IDeliverySignal signal,
    IOptions<GatewayOptions> options,
    ILogger<DeliveryWorkerService> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var count = options.Value.Worker.Workers;
        var loops = Enumerable.Range(1, count)
            .Select(n => Task.Run(() => RunLoopAsync($"{Environment.MachineName}/{Environment.ProcessId}/{n}", stoppingToken), stoppingToken));
        return Task.WhenAll(loops);
    }

    private async Task RunLoopAsync(string workerId, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                bool processed;
                do
                {
                    await using var scope = scopes.CreateAsyncScope();
                    processed = await scope.ServiceProvider.GetRequiredService<DeliveryProcessor>().ProcessNextAsync(workerId, stoppingToken);
                }
                while (processed && !stoppingToken.IsCancellationRequested);

                await signal.WaitAsync(options.Value.Worker.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The database may be briefly unreachable; keep the loop alive and try again after a pause.
                LogLoopError(logger, ex.GetType().Name, workerId);
                await Task.Delay(options.Value.Worker.PollInterval, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Delivery worker {WorkerId} hit {ExceptionType}; continuing after a pause")]
    private static partial void LogLoopError(ILogger logger, string exceptionType, string workerId);
}

public static class DeliveryWorkerServiceCollectionExtensions
{
    public static IServiceCollection AddDeliveryWorkers(this IServiceCollection services) =>
        services.AddHostedService<DeliveryWorkerService>();
}
