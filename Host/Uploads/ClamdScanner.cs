using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;
using EfaGateway.Core.Ports;
using Microsoft.Extensions.Options;

namespace EfaGateway.Host.Uploads;

/// <summary>
/// Asks clamd over TCP with the INSTREAM command: the content goes in length-prefixed chunks, never as one buffer, and
/// clamd answers "stream: OK" or "stream: &lt;signature&gt; FOUND". Anything else, or no answer in time, is no verdict.
/// </summary>
public sealed partial class ClamdScanner(IOptions<ClamdOptions> options, Core.Diagnostics.GatewayMetrics metrics, ILogger<ClamdScanner> logger)
    : IMalwareScanner
{
    public async Task<ScanResult> ScanAsync(Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        var result = await ScanUncountedAsync(write, cancellationToken);
        metrics.Scanned(result.Verdict switch
        {
            ScanVerdict.Clean => Core.Diagnostics.GatewayMetrics.ScanResults.Clean,
            ScanVerdict.Infected => Core.Diagnostics.GatewayMetrics.ScanResults.Infected,
            _ => Core.Diagnostics.GatewayMetrics.ScanResults.Error,
        });
        return result;
    }

    private async Task<ScanResult> ScanUncountedAsync(Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken) =>
        await AskAsync(async (stream, ct) =>
        {
            await stream.WriteAsync("zINSTREAM\0"u8.ToArray(), ct);
            await using (var chunks = new InstreamChunks(stream, options.Value.ChunkSize))
            {
                await write(chunks, ct);
            }

            await stream.WriteAsync(new byte[4], ct);
            return Interpret(await ReadAnswerAsync(stream, ct));
        }, cancellationToken) ?? new ScanResult(ScanVerdict.Unavailable);

    /// <summary>PING → PONG: whether clamd answers at all (the health check).</summary>
    public async Task<bool> PingAsync(CancellationToken cancellationToken) =>
        await AskAsync(async (stream, ct) =>
        {
            await stream.WriteAsync("zPING\0"u8.ToArray(), ct);
            return await ReadAnswerAsync(stream, ct);
        }, cancellationToken) == "PONG";

    /// <summary>One conversation on a new connection, within the timeout; null (and a warning) when clamd cannot be reached.</summary>
    private async Task<T?> AskAsync<T>(Func<NetworkStream, CancellationToken, Task<T>> conversation, CancellationToken cancellationToken)
        where T : class
    {
        var settings = options.Value;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.Timeout);
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(settings.Host, settings.Port, timeout.Token);
            await using var stream = client.GetStream();
            return await conversation(stream, timeout.Token);
        }
        catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            LogUnavailable(logger, settings.Host, settings.Port, ex.GetType().Name);
            return null;
        }
    }

    internal static ScanResult Interpret(string answer)
    {
        if (answer == "stream: OK")
        {
            return new ScanResult(ScanVerdict.Clean);
        }

        const string Prefix = "stream: ";
        const string Found = " FOUND";
        return answer.StartsWith(Prefix, StringComparison.Ordinal) && answer.EndsWith(Found, StringComparison.Ordinal)
            ? new ScanResult(ScanVerdict.Infected, answer[Prefix.Length..^Found.Length])
            : new ScanResult(ScanVerdict.Unavailable);
    }

    private static async Task<string> ReadAnswerAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var answer = new List<byte>();
        var one = new byte[256];
        while (answer.Count < 4096)
        {
            var read = await stream.ReadAsync(one, cancellationToken);
            if (read == 0)
            {
                break;
            }

            answer.AddRange(one.AsSpan(0, read));
            if (answer.Contains(0))
            {
                break;
            }
        }

        return Encoding.ASCII.GetString([.. answer]).TrimEnd('\0', '\n');
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "clamd at {Host}:{Port} gave no verdict ({Error}); uploads are refused until it answers")]
    private static partial void LogUnavailable(ILogger logger, string host, int port, string error);
}

/// <summary>INSTREAM framing: whatever is written goes to clamd as length-prefixed chunks of at most the chunk size.</summary>
internal sealed class InstreamChunks(Stream clamd, int chunkSize) : Core.Blobs.WriteOnlyStream
{
    private readonly byte[] prefix = new byte[4];

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (buffer.Length > 0)
        {
            var take = Math.Min(chunkSize, buffer.Length);
            BinaryPrimitives.WriteUInt32BigEndian(prefix, (uint)take);
            await clamd.WriteAsync(prefix, cancellationToken);
            await clamd.WriteAsync(buffer[..take], cancellationToken);
            buffer = buffer[take..];
        }
    }
}

/// <summary>Where clamd listens (section <c>Gateway:Clamd</c>).</summary>
public sealed class ClamdOptions
{
    public const string SectionName = "Gateway:Clamd";

    public string Host { get; set; } = "127.0.0.1";

    public int Port { get; set; } = 3310;

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    public int ChunkSize { get; set; } = 64 * 1024;
}

public sealed class ClamdOptionsValidator : IValidateOptions<ClamdOptions>
{
    public ValidateOptionsResult Validate(string? name, ClamdOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Host))
        {
            failures.Add("Gateway:Clamd:Host must name the clamd host.");
        }

        if (options.Port is < 1 or > 65535)
        {
            failures.Add("Gateway:Clamd:Port must be between 1 and 65535.");
        }

        if (options.Timeout < TimeSpan.FromSeconds(1) || options.Timeout > TimeSpan.FromMinutes(10))
        {
            failures.Add("Gateway:Clamd:Timeout must be between 1 second and 10 minutes.");
        }

        if (options.ChunkSize is < 1024 or > 4 * 1024 * 1024)
        {
            failures.Add("Gateway:Clamd:ChunkSize must be between 1 KB and 4 MB.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

/// <summary>Health: unhealthy when clamd does not answer, because uploads are then refused.</summary>
public sealed class ClamdHealthCheck(ClamdScanner scanner) : Microsoft.Extensions.Diagnostics.HealthChecks.IHealthCheck
{
    public async Task<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult> CheckHealthAsync(
        Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await scanner.PingAsync(cancellationToken)
            ? Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy("clamd answers")
            : Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Unhealthy("clamd does not answer: uploads are refused");
}
