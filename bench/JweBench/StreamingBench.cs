using System.Diagnostics;
using System.Security.Cryptography;
using EfaGateway.Transports.FitConnect.Crypto;

/// <summary>The streaming writer on a generated plaintext of any size, written to nowhere.</summary>
internal static class StreamingBench
{
    public static async Task<Measurement> MeasureAsync(long bytes, int iterations)
    {
        using var key = RSA.Create(4096);
        var block = RandomNumberGenerator.GetBytes(StreamingJweWriter.ChunkSize);
        async Task Plaintext(Stream sink, CancellationToken cancellationToken)
        {
            for (long offset = 0; offset < bytes; offset += block.Length)
            {
                await sink.WriteAsync(block.AsMemory(0, (int)Math.Min(block.Length, bytes - offset)), cancellationToken);
            }
        }

        Task Once() => StreamingJweWriter.WriteAsync(Stream.Null, key, "bench-kid", "application/octet-stream", Plaintext, bytes, CancellationToken.None);
        await Once(); // JIT
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < iterations; i++)
        {
            await Once();
        }

        watch.Stop();

        // Once more under a sampler that forces collections (it would slow the timed runs): the live heap while the
        // writer runs, i.e. what it holds, not the garbage it leaves.
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        long peak = baseline;
        using var done = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!done.IsCancellationRequested)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true));
                await Task.Delay(50, CancellationToken.None);
            }
        });
        await Once();
        await done.CancelAsync();
        await sampler;
        using var process = Process.GetCurrentProcess();
        return new Measurement(".NET streaming", iterations / watch.Elapsed.TotalSeconds, (double)bytes * iterations / 1_048_576 / watch.Elapsed.TotalSeconds,
            process.PeakWorkingSet64 / 1_048_576.0, (peak - baseline) / 1_048_576.0);
    }
}
