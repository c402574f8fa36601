using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using EfaGateway.TestSupport;

namespace EfaGateway.Host.Tests.Cluster;

/// <summary>One run of a scheduled job, as the host logged it ("Job {Job} ran for {ScheduledFireTime} on {Instance}").</summary>
public sealed record JobRun(string Job, DateTimeOffset ScheduledFireTime, string Instance);

/// <summary>
/// The built host binary as a server process on its own data directory and loopback port, one node of a cluster on a
/// shared PostgreSQL database. Its job runs are read from its log as it writes them; <see cref="Kill"/> is SIGKILL.
/// </summary>
public sealed class ClusterNode : IAsyncDisposable
{
    private readonly Process process;
    private readonly List<JobRun> runs = [];
    private readonly List<string> log = [];
    private readonly string dataDirectory;

    private ClusterNode(string name, Process process, string dataDirectory, string baseUrl)
    {
        Name = name;
        this.process = process;
        this.dataDirectory = dataDirectory;
        BaseUrl = baseUrl;
        process.OutputDataReceived += (_, line) => Record(line.Data);
        process.ErrorDataReceived += (_, line) => Record(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Name { get; }

    public string BaseUrl { get; }

    public bool HasExited => process.HasExited;

    public IReadOnlyList<JobRun> Runs
    {
        get
        {
            lock (runs)
            {
                return [.. runs];
            }
        }
    }

    /// <summary>The last lines of the host's output, for a failure message.</summary>
    public string Tail
    {
        get
        {
            lock (log)
            {
                return $"--- {Name} ---{Environment.NewLine}{string.Join(Environment.NewLine, log.TakeLast(30))}";
            }
        }
    }

    /// <summary>Starts a server host on <paramref name="database"/> (already migrated); the scheduler's own log stays at Warning.</summary>
    public static ClusterNode Start(string name, TestDatabase database, params string[] settings)
    {
        var dataDirectory = Directory.CreateTempSubdirectory($"efagw-cluster-{name}-").FullName;
        var baseUrl = $"http://127.0.0.1:{FreePort().ToString(CultureInfo.InvariantCulture)}";
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = dataDirectory,
        };
        string[] arguments =
        [
            Path.Combine(AppContext.BaseDirectory, "EfaGateway.Host.dll"),
            $"--Urls={baseUrl}",
            $"--Gateway:DataDirectory={dataDirectory}",
            $"--Gateway:Database:Provider={database.Provider}",
            $"--Gateway:Database:ConnectionString={database.ConnectionString}",
            "--Gateway:MigrateOnStart=false",
            "--Gateway:LoadSamples=false",
            "--Gateway:Worker:Workers=0",
            "--Serilog:MinimumLevel:Override:EfaGateway.Host.Jobs=Information",
            .. settings,
        ];
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["Serilog__MinimumLevel__Default"] = "Warning";
        return new ClusterNode(name, Process.Start(start)!, dataDirectory, baseUrl);
    }

    /// <summary>Waits until the host answers /health/live (it has prepared and its hosted services have started).</summary>
    public async Task WaitUntilLiveAsync(TimeSpan timeout)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with {process.ExitCode}.{Environment.NewLine}{Tail}");
            }

            try
            {
                if ((await client.GetAsync(new Uri($"{BaseUrl}/health/live"))).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // not listening yet
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"{Name} did not start within {timeout}.{Environment.NewLine}{Tail}");
    }

    /// <summary>SIGTERM, as a service manager stops a host: running jobs finish, the scheduler hands its triggers back.</summary>
    public async Task StopAsync()
    {
        using (var signal = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await signal.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(timeout.Token);
    }

    /// <summary>SIGKILL: no shutdown, no check-out from the cluster, whatever it was running is cut off.</summary>
    public void Kill()
    {
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        try
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary directory is not worth failing a test for.
        }
    }

    private void Record(string? line)
    {
        if (string.IsNullOrEmpty(line))
        {
            return;
        }

        lock (log)
        {
            log.Add(line);
        }

        if (ParseRun(line) is { } run)
        {
            lock (runs)
            {
                runs.Add(run);
            }
        }
    }

    private static JobRun? ParseRun(string line)
    {
        if (!line.StartsWith('{'))
        {
            return null;
        }

        try
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            return root.TryGetProperty("Job", out var job) && root.TryGetProperty("ScheduledFireTime", out var time)
                && root.TryGetProperty("Instance", out var instance)
                ? new JobRun(job.GetString()!, DateTimeOffset.Parse(time.GetString()!, CultureInfo.InvariantCulture), instance.GetString()!)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
