namespace EfaGateway.Host.Tests.FitConnect;

/// <summary>Live managed memory while something runs, as Forms/StreamedUploadTests measures it.</summary>
public static class LiveMemory
{
    /// <summary>
    /// The most live managed memory above the start while the action runs: a sampler forces a full collection every
    /// 50 ms and reads what survives, so garbage does not count but anything held (a buffered file) does.
    /// </summary>
    public static async Task<long> PeakDuringAsync(Func<Task> action)
    {
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        var peak = baseline;
        using var done = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!done.IsCancellationRequested)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true));
                await Task.Delay(50, CancellationToken.None);
            }
        }, CancellationToken.None);
        try
        {
            await action();
        }
        finally
        {
            await done.CancelAsync();
            await sampler;
        }

        return peak - baseline;
    }
}
