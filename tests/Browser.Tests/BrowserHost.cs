using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using EfaGateway.Host.Composition;
using EfaGateway.Host.Staff;
using EfaGateway.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(EfaGateway.Browser.Tests.BrowserHost))]

namespace EfaGateway.Browser.Tests;

/// <summary>
/// The gateway as a real process on a free loopback port (its own data directory, the demo tenant, one imported FIM
/// process, a real clamd), and Debian's Chromium driven by Playwright. Shared by all browser tests.
/// </summary>
public sealed class BrowserHost : IAsyncLifetime
{
    public const string ImportedSchema = "S00000000364_1.0.0_xdf3.xml";

    private const string Chromium = "/usr/bin/chromium";

    private readonly string dataDirectory = Directory.CreateTempSubdirectory("efagw-browser-").FullName;
    private Process? host;
    private IPlaywright? playwright;

    public string BaseUrl { get; private set; } = string.Empty;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The operator key the host generated on its first start (no key is configured here).</summary>
    public string OperatorKey => File.ReadAllText(Path.Combine(dataDirectory, "keys", "operator-api-key")).Trim();

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(Chromium))
        {
            throw new InvalidOperationException($"{Chromium} is missing: install Debian's chromium (.ci/run does).");
        }

        var port = FreePort();
        BaseUrl = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
        string[][] preparation = [["migrate"], ["load-samples"], ["import-xdf", Path.Combine(Fixtures.FimSamples, "xdf3", ImportedSchema), "--tenant", "schoenwetter-am-berg"]];
        foreach (var step in preparation)
        {
            using var verb = await RunAsync(step, wait: true);
            if (verb.ExitCode != 0)
            {
                throw new InvalidOperationException($"{step[0]} failed: {await verb.StandardOutput.ReadToEndAsync()} {await verb.StandardError.ReadToEndAsync()}");
            }
        }

        host = await RunAsync(["--urls", BaseUrl], wait: false);
        await WaitUntilLiveAsync();
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            // As the machine's probe found: without these, Chromium tries the (closed) network at every start.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        playwright?.Dispose();
        if (host is { HasExited: false })
        {
            host.Kill(entireProcessTree: true);
            await host.WaitForExitAsync();
        }

        host?.Dispose();
    }

    /// <summary>
    /// Invites a staff member of the demo tenant through the gateway's own StaffAdministration, on the running host's
    /// database (as an operator's tool would; the admin API has no staff endpoints yet). Returns the set-password link.
    /// </summary>
    public async Task<Uri> InviteStaffAsync(string login, string[] processes, bool administrator = false)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [.. HostSettings()], ContentRootPath = AppContext.BaseDirectory });
        builder.AddGateway(runsServer: false);
        await using var app = builder.Build();
        await using var scope = app.Services.CreateAsyncScope();
        var invitation = await scope.ServiceProvider.GetRequiredService<StaffAdministration>().InviteAsync("schoenwetter-am-berg",
            new NewStaffMember(login, "Wiebke", "Quastenflosser", $"{login}@example.org", administrator, processes), "operator", new Uri(BaseUrl), CancellationToken.None);
        return invitation.Link;
    }

    private IEnumerable<string> HostSettings()
    {
        yield return $"--Gateway:DataDirectory={dataDirectory}";
        yield return $"--Gateway:Clamd:Port={ClamdServer.Port.ToString(CultureInfo.InvariantCulture)}";
        yield return "--Gateway:RateLimits:SubmitPerMinute=1000";
        yield return "--Gateway:RateLimits:PinPerMinute=1000"; // staff sign-ins of parallel tests come from one address
        yield return $"--Gateway:Smtp:Port={SmtpTestServer.Shared.Port.ToString(CultureInfo.InvariantCulture)}";
        yield return "--Gateway:Smtp:Security=None";
    }

    private async Task<Process> RunAsync(string[] args, bool wait)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = dataDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "EfaGateway.Host.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var setting in HostSettings())
        {
            start.ArgumentList.Add(setting);
        }

        start.Environment["Serilog__MinimumLevel__Default"] = "Information";
        var process = Process.Start(start)!;
        if (wait)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var errors = process.StandardError.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"{args[0]} failed: {await output} {await errors}");
            }
        }
        else
        {
            // The host's own log, kept for diagnosing a failing browser test.
            var log = new StreamWriter(Path.Combine(dataDirectory, "host.log")) { AutoFlush = true };
            process.OutputDataReceived += (_, line) => { lock (log) { log.WriteLine(line.Data); } };
            process.ErrorDataReceived += (_, line) => { lock (log) { log.WriteLine(line.Data); } };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        return process;
    }

    private async Task WaitUntilLiveAsync()
    {
        using var client = new HttpClient();
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            try
            {
                if ((await client.GetAsync($"{BaseUrl}/health/live")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(200);
        }

        throw new InvalidOperationException("The host did not start within 60 seconds.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
