using EfaGateway.Core.Pipeline;
using EfaGateway.Host.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace EfaGateway.Host.Tests.FitConnect;

/// <summary>The receipt poll driven by a test, and the overdue alert it may raise.</summary>
internal static class ReceiptSteps
{
    public static bool IsOverdueAlert(string line) =>
        line.Contains("ALERT", StringComparison.Ordinal) && line.Contains("has no receipt", StringComparison.Ordinal);

    /// <summary>One poll, as the scheduled job runs it.</summary>
    public static async Task PollReceiptsAsync(this GatewayFactory factory, CancellationToken cancellationToken)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ReceiptPoller>().PollAsync(cancellationToken);
    }

    /// <summary>
    /// Waits (at most 30 s) until the overdue ALERT line is written. It may come from the check the submission's callback
    /// started in the background (still in flight when the test moves the clock): that check saves first and logs just
    /// after, so the line is awaited rather than looked for once. Without it the caller's assertion fails with the lines.
    /// </summary>
    public static async Task OverdueAlertLoggedAsync(this GatewayFactory factory, CancellationToken cancellationToken)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!factory.Logs.Lines.Any(IsOverdueAlert) && waited.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(20, cancellationToken);
        }
    }
}
