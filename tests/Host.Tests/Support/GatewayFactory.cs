using EfaGateway.Core.Pipeline;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Serilog.Core;

namespace EfaGateway.Host.Tests.Support;

/// <summary>
/// The real host in memory, on its own temporary data directory (SQLite by default), with a fake clock and a log capture.
/// Delivery workers are off unless a test turns them on, so tests drive the pipeline step by step.
/// </summary>
public sealed class GatewayFactory : WebApplicationFactory<Program>
{
    public const string OperatorKey = "test-operator-key-0123456789abcdefghijklmnop";

    private readonly Dictionary<string, string?> settings;
    private readonly Action<IServiceCollection>? configureServices;

    public GatewayFactory(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? configureServices = null)
    {
        DataDirectory = Directory.CreateTempSubdirectory("efagw-test-").FullName;
        this.settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Gateway:DataDirectory"] = DataDirectory,
            ["Gateway:SamplesDirectory"] = Path.Combine(RepositoryRoot.Path, "samples"),
            ["Gateway:Worker:Workers"] = "0",
            ["Gateway:Api:OperatorKeys:0"] = OperatorKey,
            ["Gateway:Retry:JitterFraction"] = "0",
            ["Gateway:Smtp:Port"] = EfaGateway.TestSupport.SmtpTestServer.Shared.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Gateway:Smtp:Security"] = "None",
            ["Gateway:Clamd:Port"] = EfaGateway.TestSupport.ClamdServer.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),

            // Tests run the sweep, the deletion rules and the notices themselves; scheduled runs fire on the wall clock but
            // act on the fake one (a test that advanced it 91 days would see its items vanish mid-test), so they never fire here.
            ["Gateway:Worker:SweepInterval"] = "01:00:00",
            ["Gateway:Worker:RetentionCron"] = "0 0 0 1 1 ? 2099",
            ["Gateway:Notifications:Interval"] = "1.00:00:00",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            this.settings[key] = value;
        }

        this.configureServices = configureServices;
    }

    public string DataDirectory { get; }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));

    public CapturingSink Logs { get; } = new();

    public HttpClient CreateOperatorClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", OperatorKey);
        return client;
    }

    /// <summary>Runs the delivery worker step until nothing is due (as the background loop would).</summary>
    public async Task<int> DeliverDueAsync()
    {
        var processed = 0;
        while (true)
        {
            await using var scope = Services.CreateAsyncScope();
            if (!await scope.ServiceProvider.GetRequiredService<DeliveryProcessor>().ProcessNextAsync("test-worker", CancellationToken.None))
            {
                return processed;
            }

            processed++;
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Time);
            services.AddSingleton<ILogEventSink>(Logs);
            configureServices?.Invoke(services);
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open by a finishing background task; the OS temp cleaner takes it.
            }
        }
    }
}
