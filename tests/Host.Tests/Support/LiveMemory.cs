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
        // A stable start: what the previous test let go of (a disposed host, its fake) may still be on its way out, and a
        // baseline that counts it would later see it freed and hide what the action holds ("Only 0 MiB seen").
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        for (var settle = 0; settle < 40; settle++)
        {
            await Task.Delay(50);
            var next = GC.GetTotalMemory(forceFullCollection: true);
            var stable = Math.Abs(next - baseline) < 1024 * 1024;
            baseline = Math.Min(baseline, next);
            if (stable && settle >= 3)
            {
                break;
            }
        }

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

    /// <summary>
    /// For a control measurement: allocates <paramref name="bytes"/>, holds them until sampled twice, then lets go for
    /// certain. A local of an async lambda lives on in its state machine after it returns (in Debug builds), so the next
    /// test's baseline would count it and then see it freed ("Only 0 MiB seen"); the slot is cleared instead.
    /// </summary>
    public static async Task HoldFreshAsync(int bytes, CancellationToken cancellationToken)
    {
        var slot = new byte[1][];
        slot[0] = new byte[bytes];
        slot[0][^1] = 1;
        await HoldUntilSampledAsync(slot[0], cancellationToken);
        slot[0] = [];
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
