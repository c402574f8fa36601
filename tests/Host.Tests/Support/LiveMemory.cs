namespace EfaGateway.Host.Tests.Support;

/// <summary>
/// Live managed memory while something runs. Tests that measure it belong to the <see cref="MemoryMeasurement"/>
/// collection, which xUnit runs alone, so no other test's allocations count.
/// </summary>
public static class LiveMemory
{
    private static int samples;

    /// <summary>How many samples have been taken so far (a control measurement waits for two while it holds memory).</summary>
    public static int Samples => Volatile.Read(ref samples);

    /// <summary>
    /// The most live managed memory above the start while the action runs: a sampler forces a full collection every
    /// 50 ms and reads what survives, so garbage does not count but anything held (a buffered file) does. The sampler is
    /// a thread of its own, not the pool: under load the pool may not run it while the action runs.
    /// </summary>
    public static async Task<long> PeakDuringAsync(Func<Task> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        var peak = baseline;
        using var done = new ManualResetEventSlim();
        var sampler = new Thread(() =>
        {
            do
            {
                Volatile.Write(ref peak, Math.Max(Volatile.Read(ref peak), GC.GetTotalMemory(forceFullCollection: true)));
                Interlocked.Increment(ref samples);
            }
            while (!done.Wait(50));
        }) { IsBackground = true, Name = "memory sampler" };
        sampler.Start();
        try
        {
            await action();
        }
        finally
        {
            done.Set();
            sampler.Join();
        }

        return Volatile.Read(ref peak) - baseline;
    }

    /// <summary>Keeps <paramref name="held"/> alive until the sampler has looked at it twice (at most 10 s).</summary>
    public static async Task HoldUntilSampledAsync(object held, CancellationToken cancellationToken)
    {
        var seen = Samples;
        for (var waited = 0; Samples < seen + 2 && waited < 200; waited++)
        {
            await Task.Delay(50, cancellationToken);
        }

        GC.KeepAlive(held);
    }
}

/// <summary>Tests that measure live memory: run alone, after the parallel ones.</summary>
[CollectionDefinition(nameof(MemoryMeasurement), DisableParallelization = true)]
public sealed class MemoryMeasurement;
