using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using EfaGateway.Transports.FitConnect.Crypto;

// Usage: dotnet run -c Release --project bench/JweBench            (the tables: .NET and node for 1 KB, 1 MB, 50 MB;
//                                                                      jose-jwt and the streaming writer for 1, 50, 200 MB)
//        dotnet run -c Release --project bench/JweBench -- one <bytes> <iterations>      (one jose-jwt measurement, JSON on stdout)
//        dotnet run -c Release --project bench/JweBench -- stream <bytes> <iterations>   (one streaming-writer measurement)
if (args is ["one", var bytesText, var iterationsText])
{
    Console.WriteLine(JsonSerializer.Serialize(MeasureHere(int.Parse(bytesText, CultureInfo.InvariantCulture), int.Parse(iterationsText, CultureInfo.InvariantCulture))));
    return 0;
}

if (args is ["stream", var streamBytesText, var streamIterationsText])
{
    Console.WriteLine(JsonSerializer.Serialize(await StreamingBench.MeasureAsync(long.Parse(streamBytesText, CultureInfo.InvariantCulture),
        int.Parse(streamIterationsText, CultureInfo.InvariantCulture))));
    return 0;
}

var sizes = new (string Name, int Bytes, int Iterations)[] { ("1 KB", 1024, 2000), ("1 MB", 1024 * 1024, 100), ("50 MB", 50 * 1024 * 1024, 4) };
var self = Environment.ProcessPath!;
var selfArgs = self.EndsWith("dotnet", StringComparison.Ordinal) ? [typeof(Measurement).Assembly.Location] : Array.Empty<string>();
var nodeScript = Path.Combine(AppContext.BaseDirectory, "node", "jose-bench.mjs");
if (!File.Exists(nodeScript))
{
    nodeScript = Path.Combine(Path.GetDirectoryName(typeof(Measurement).Assembly.Location)!, "..", "..", "..", "node", "jose-bench.mjs");
}

Console.WriteLine($"JWE RSA-OAEP-256 + A256GCM, RSA-4096, compact serialization; {Environment.ProcessorCount} cores; .NET {Environment.Version}");
Console.WriteLine("| payload | implementation | ops/s | MB/s | peak RSS (MB) |");
Console.WriteLine("|---|---|---:|---:|---:|");
foreach (var (name, bytes, iterations) in sizes)
{
    var dotnet = Run(self, [.. selfArgs, "one", bytes.ToString(CultureInfo.InvariantCulture), iterations.ToString(CultureInfo.InvariantCulture)]);
    var node = Run("node", [Path.GetFullPath(nodeScript), bytes.ToString(CultureInfo.InvariantCulture), iterations.ToString(CultureInfo.InvariantCulture)]);
    Console.WriteLine($"| {name} | .NET jose-jwt (gateway) | {dotnet.OpsPerSecond:0.0} | {dotnet.MegabytesPerSecond:0.0} | {dotnet.PeakRssMegabytes:0} |");
    Console.WriteLine($"| {name} | node jose {node.Implementation} | {node.OpsPerSecond:0.0} | {node.MegabytesPerSecond:0.0} | {node.PeakRssMegabytes:0} |");
}

// The attachment path: the plaintext is generated as it is read and the JWE goes to Stream.Null, so the peak is what
// the encryption itself holds (one-shot jose-jwt holds the file, its ciphertext and the compact string).
Console.WriteLine();
Console.WriteLine("| attachment | implementation | MB/s | peak RSS (MB) | peak managed heap (MB) |");
Console.WriteLine("|---|---|---:|---:|---:|");
foreach (var (name, bytes, iterations) in new (string, long, int)[] { ("1 MB", 1L << 20, 50), ("50 MB", 50L << 20, 3), ("200 MB", 200L << 20, 1) })
{
    var oneShot = Run(self, [.. selfArgs, "one", bytes.ToString(CultureInfo.InvariantCulture), iterations.ToString(CultureInfo.InvariantCulture)]);
    var streamed = Run(self, [.. selfArgs, "stream", bytes.ToString(CultureInfo.InvariantCulture), iterations.ToString(CultureInfo.InvariantCulture)]);
    Console.WriteLine($"| {name} | jose-jwt, compact string | {oneShot.MegabytesPerSecond:0.0} | {oneShot.PeakRssMegabytes:0} | – |");
    Console.WriteLine($"| {name} | StreamingJweWriter | {streamed.MegabytesPerSecond:0.0} | {streamed.PeakRssMegabytes:0} | {streamed.PeakManagedMegabytes:0.0} |");
}

return 0;

static Measurement MeasureHere(int bytes, int iterations)
{
    using var key = RSA.Create(4096);
    var payload = new byte[bytes];
    RandomNumberGenerator.Fill(payload);
    Jwe.Encrypt(payload, key, "bench-kid", "application/octet-stream"); // warm-up (JIT)
    var watch = Stopwatch.StartNew();
    long length = 0;
    for (var i = 0; i < iterations; i++)
    {
        length += Jwe.Encrypt(payload, key, "bench-kid", "application/octet-stream").Length;
    }

    watch.Stop();
    GC.KeepAlive(length);
    using var process = Process.GetCurrentProcess();
    return new Measurement(".NET", iterations / watch.Elapsed.TotalSeconds, (double)bytes * iterations / 1_048_576 / watch.Elapsed.TotalSeconds,
        process.PeakWorkingSet64 / 1_048_576.0);
}

static Measurement Run(string program, string[] arguments)
{
    var start = new ProcessStartInfo(program) { RedirectStandardOutput = true };
    foreach (var argument in arguments)
    {
        start.ArgumentList.Add(argument);
    }

    using var child = Process.Start(start)!;
    var output = child.StandardOutput.ReadToEnd();
    child.WaitForExit();
    return JsonSerializer.Deserialize<Measurement>(output) ?? throw new InvalidOperationException($"{program} printed {output}");
}

internal sealed record Measurement(string Implementation, double OpsPerSecond, double MegabytesPerSecond, double PeakRssMegabytes,
    double PeakManagedMegabytes = 0);
