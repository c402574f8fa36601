using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using EfaGateway.Host.Tests.Support;
using EfaGateway.TestSupport;

namespace EfaGateway.Host.Tests.Crash;

/// <summary>
/// Several real gateway processes (the built EfaGateway.Host.dll) serving on loopback ports, all on one PostgreSQL
/// database and one data directory (the blob key file; the blobs themselves live in the database). A host can be
/// killed (SIGKILL on Linux: no shutdown code runs) and started again on its port. The verbs run the same binary with
/// the same settings, so the schema comes from the <c>migrate</c> verb, as in production.
/// </summary>
public sealed class HostCluster : IAsyncDisposable
{
    private readonly TestDatabase database;
    private readonly IReadOnlyDictionary<string, string> settings;
    private readonly Process?[] processes;
    private readonly int[] ports;
    private readonly bool[] serving;

    public HostCluster(TestDatabase database, int size, IReadOnlyDictionary<string, string> extraSettings)
    {
        this.database = database;
        var all = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Gateway:DataDirectory"] = database.DataDirectory,
            ["Gateway:SamplesDirectory"] = Path.Combine(RepositoryRoot.Path, "samples"),
            ["Gateway:Database:Provider"] = database.Provider,
            ["Gateway:Database:ConnectionString"] = database.ConnectionString,
            ["Gateway:Blobs:Store"] = "Database",
            ["Gateway:MigrateOnStart"] = "false",
            ["Gateway:Clamd:Port"] = ClamdServer.Port.ToString(CultureInfo.InvariantCulture),
            ["Gateway:Smtp:Port"] = SmtpTestServer.Shared.Port.ToString(CultureInfo.InvariantCulture),
            ["Gateway:Smtp:Security"] = "None",
        };
        foreach (var (key, value) in extraSettings)
        {
            all[key] = value;
        }

        settings = all;
        processes = new Process?[size];
        serving = new bool[size];
        ports = [.. Enumerable.Range(0, size).Select(_ => FreePort())];
    }

    public int Size => processes.Length;

    /// <summary>True from the moment the host answered /health/live until just before it is killed.</summary>
    public bool IsServing(int host) => Volatile.Read(ref serving[host]);

    public int ServingCount => Enumerable.Range(0, Size).Count(IsServing);

    public Uri BaseUrl(int host) => new($"http://127.0.0.1:{ports[host].ToString(CultureInfo.InvariantCulture)}/");

    /// <summary>Runs a CLI verb of the host binary on the cluster's database; throws with its output when it fails.</summary>
    public async Task<string> RunVerbAsync(params string[] args)
    {
        using var process = Process.Start(StartInfo(args))!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var errors = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        var text = await output + await errors;
        return process.ExitCode == 0 ? text : throw new InvalidOperationException($"'{string.Join(' ', args)}' failed ({process.ExitCode}): {text}");
    }

    /// <summary>Starts host <paramref name="host"/> and waits until it answers /health/live.</summary>
    public async Task StartAsync(int host, CancellationToken cancellationToken)
    {
        var start = StartInfo(["--urls", BaseUrl(host).ToString().TrimEnd('/')]);
        var process = Process.Start(start)!;
        // The host's own log (warnings and errors), kept next to the data for diagnosing a failed run.
        var log = new StreamWriter(Path.Combine(database.DataDirectory, $"host-{host.ToString(CultureInfo.InvariantCulture)}.log"), append: true) { AutoFlush = true };
        process.OutputDataReceived += (_, line) => Write(log, line.Data);
        process.ErrorDataReceived += (_, line) => Write(log, line.Data);
        process.Exited += (_, _) => { lock (log) { log.Dispose(); } };
        process.EnableRaisingEvents = true;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        processes[host] = process;
        await WaitUntilLiveAsync(host, process, cancellationToken);
        Volatile.Write(ref serving[host], true);
    }

    /// <summary>SIGKILL: the process ends at once, in whatever it was doing (Process.Kill sends SIGKILL on Linux).</summary>
    public async Task KillAsync(int host)
    {
        Volatile.Write(ref serving[host], false);
        if (processes[host] is { } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            process.Dispose();
            processes[host] = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        for (var host = 0; host < processes.Length; host++)
        {
            await KillAsync(host);
        }
    }

    private ProcessStartInfo StartInfo(IEnumerable<string> args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = database.DataDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "EfaGateway.Host.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in settings)
        {
            start.ArgumentList.Add($"--{key}={value}");
        }

        start.Environment["Serilog__MinimumLevel__Default"] = "Warning";
        return start;
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            try
            {
                log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // The last lines of a killed host may arrive after its log was closed.
            }
        }
    }

    private async Task WaitUntilLiveAsync(int host, Process process, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"Host {host} exited with {process.ExitCode} while starting; see host-{host}.log in {database.DataDirectory}.");
            }

            try
            {
                using var response = await client.GetAsync(new Uri(BaseUrl(host), "health/live"), cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // not listening yet
            }

            await Task.Delay(200, cancellationToken);
        }

        throw new InvalidOperationException($"Host {host} did not start within 90 seconds.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
