using System.Diagnostics;

namespace EfaGateway.Bench.BenchTable;

/// <summary>Which database and which settings a gateway host of the benchmark runs with.</summary>
internal sealed record GatewaySetup(string Name, string? PostgresConnectionString, int Workers, IReadOnlyDictionary<string, string>? Settings = null);

/// <summary>
/// The real host, built in Release and started as an operator would (<c>dotnet EfaGateway.Host.dll</c>), with its own
/// data folder: the database is migrated, the demo samples loaded and the routes set through the CLI verbs first.
/// Settings go in as environment variables (<c>Gateway__…</c>), the same for the verbs and the host.
/// </summary>
internal sealed class GatewayHost : IAsyncDisposable
{
    private readonly ChildProcess process;

    private GatewayHost(ChildProcess process, Uri url, string operatorKey)
    {
        this.process = process;
        Url = url;
        OperatorKey = operatorKey;
    }

    public Uri Url { get; }

    public string OperatorKey { get; }

    public ChildProcess Process => process;

    public static async Task<GatewayHost> StartAsync(RunFolder run, GatewaySetup setup, string? routesFile, string process = "hundesteuer-anmeldung")
    {
        var dll = run.HostDll ?? run.Built("Host", "EfaGateway.Host");
        var folder = Directory.CreateDirectory(run.Path(setup.Name)).FullName;
        var port = RunFolder.FreePort();
        var operatorKey = "bench-operator-key-" + Guid.NewGuid().ToString("N");
        var environment = new Dictionary<string, string>
        {
            ["Urls"] = $"http://127.0.0.1:{port}",
            ["Gateway__DataDirectory"] = Path.Combine(folder, "data"),
            ["Gateway__Api__OperatorKeys__0"] = operatorKey,
            ["Gateway__Worker__Workers"] = setup.Workers.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (setup.PostgresConnectionString is { } postgres)
        {
            environment["Gateway__Database__Provider"] = "PostgreSql";
            environment["Gateway__Database__ConnectionString"] = postgres;
        }

        foreach (var (key, value) in setup.Settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        var verbs = Path.Combine(folder, "verbs.log");
        await VerbAsync(dll, ["migrate"], verbs, environment);
        await VerbAsync(dll, ["load-samples"], verbs, environment);
        if (routesFile is not null)
        {
            await VerbAsync(dll, ["route", "set", "schoenwetter-am-berg", process, routesFile], verbs, environment);
        }

        var host = ChildProcess.Start("dotnet", [dll], Path.Combine(folder, "host.log"), environment, folder);
        var url = new Uri($"http://127.0.0.1:{port}");
        using var client = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(5) };
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (host.HasExited)
            {
                throw new InvalidOperationException($"The gateway host stopped at start; see {folder}/host.log.");
            }

            try
            {
                using var response = await client.GetAsync(new Uri("/health/live", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    return new GatewayHost(host, url, operatorKey);
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException)
            {
                // busy starting
            }

            await Task.Delay(250);
        }

        await host.DisposeAsync();
        throw new InvalidOperationException($"The gateway host did not answer within 90 s; see {folder}/host.log.");
    }

    private static async Task VerbAsync(string dll, string[] verb, string log, Dictionary<string, string> environment)
    {
        var exit = await ChildProcess.RunAsync("dotnet", [dll, .. verb], log, environment, TimeSpan.FromMinutes(2));
        if (exit != 0)
        {
            throw new InvalidOperationException($"'{string.Join(' ', verb)}' failed with exit code {exit}; see {log}.");
        }
    }

    public ValueTask DisposeAsync() => process.DisposeAsync();
}
