using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using EfaGateway.Core.Ports;
using EfaGateway.Core.Processes;
using EfaGateway.Core.Tenants;
using EfaGateway.Host.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EfaGateway.Host.Tests.Observability;

/// <summary>Readiness of SMTP and remote endpoints (Degraded, not Unhealthy), and the operator's stuck list.</summary>
public sealed class ObservabilityHealthTests
{
    internal const string TestTenant = "klemmdorf";

    [Fact]
    public async Task An_unreachable_smtp_relay_makes_the_host_degraded_with_a_clear_description()
    {
        var closedPort = ClosedPort();
        using var factory = new GatewayFactory(new Dictionary<string, string?> { ["Gateway:Smtp:Port"] = closedPort.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        using var client = factory.CreateClient();

        using var ready = await client.GetAsync("/health/ready");

        // Still ready (200): applications are accepted; only mails wait.
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Degraded", await ready.Content.ReadAsStringAsync());
        using var operatorClient = factory.CreateOperatorClient();
        var detail = await operatorClient.GetFromJsonAsync<JsonElement>("/api/v1/admin/health");
        var smtp = Assert.Single(detail.GetProperty("checks").EnumerateArray(), c => c.GetProperty("name").GetString() == "smtp");
        Assert.Equal("Degraded", smtp.GetProperty("status").GetString());
        Assert.StartsWith($"SMTP relay 127.0.0.1:{closedPort} does not answer", smtp.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Contains(detail.GetProperty("checks").EnumerateArray(), c => c.GetProperty("name").GetString() == "database" && c.GetProperty("status").GetString() == "Healthy");
        using var anonymous = factory.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/admin/health")).StatusCode);
    }

    [Fact]
    public async Task A_working_smtp_relay_is_healthy()
    {
        using var factory = new GatewayFactory();
        var report = await CheckAsync(factory, "smtp");
        Assert.Equal(HealthStatus.Healthy, report.Status);
    }

    [Fact]
    public async Task An_unreachable_remote_endpoint_of_a_route_is_degraded_naming_host_and_route_but_no_secret()
    {
        var closedPort = ClosedPort();
        using var factory = new GatewayFactory();
        Assert.Equal(HealthStatus.Healthy, (await CheckAsync(factory, "remote-endpoints")).Status);
        var settings = JsonDocument.Parse($$"""
            {"tokenUrl":"http://127.0.0.1:{{closedPort}}/token?tenant=geheim","submissionApiUrl":"http://127.0.0.1:{{closedPort}}/api",
             "clientId":"client-1","clientSecret":"super-geheimes-secret"}
            """).RootElement.Clone();
        await EnableRoutesAsync(factory, new RouteDefinition { TransportId = "fit-connect", MapperIds = ["canonical-xml"], Settings = settings });
        factory.Time.Advance(TimeSpan.FromMinutes(1)); // past the cached "healthy"

        var report = await CheckAsync(factory, "remote-endpoints");

        Assert.Equal(HealthStatus.Degraded, report.Status);
        Assert.Contains($"127.0.0.1:{closedPort}", report.Description, StringComparison.Ordinal);
        Assert.Contains($"{TestTenant}/{DemoApplication.Process}/fit-connect", report.Description, StringComparison.Ordinal);
        Assert.DoesNotContain("geheim", report.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_stuck_list_names_a_dead_letter_with_its_reason_and_a_long_retry_with_its_last_error()
    {
        using var factory = new GatewayFactory(configureServices: services =>
        {
            services.AddKeyedSingleton<ITransport, RefusingTransport>(RefusingTransport.TransportId);
            services.AddKeyedSingleton<ITransport, UnavailableTransport>(UnavailableTransport.TransportId);
        });
        await EnableRoutesAsync(factory,
            new RouteDefinition { TransportId = RefusingTransport.TransportId, MapperIds = ["canonical-xml"] },
            new RouteDefinition { TransportId = UnavailableTransport.TransportId, MapperIds = ["canonical-xml"] });
        using var client = factory.CreateClient();
        var accepted = await DemoApplication.SubmitAsync(client, null, TestTenant);
        await factory.DeliverDueAsync();
        factory.Time.Advance(TimeSpan.FromHours(5));
        using var operatorClient = factory.CreateOperatorClient();

        var stuck = await operatorClient.GetFromJsonAsync<JsonElement>("/api/v1/admin/stuck");

        var tenant = Assert.Single(stuck.GetProperty("tenants").EnumerateArray(), t => t.GetProperty("tenantId").GetString() == TestTenant);
        var entries = tenant.GetProperty("stuck").EnumerateArray().ToList();
        var dead = Assert.Single(entries, e => e.GetProperty("kind").GetString() == "dead_lettered");
        Assert.Equal(accepted.Id, dead.GetProperty("submissionId").GetGuid());
        Assert.Equal(RefusingTransport.TransportId, dead.GetProperty("transportId").GetString());
        Assert.Contains("The back office refused the message (test).", dead.GetProperty("reason").GetString(), StringComparison.Ordinal);
        var retrying = Assert.Single(entries, e => e.GetProperty("kind").GetString() == "retrying");
        Assert.Equal(UnavailableTransport.TransportId, retrying.GetProperty("transportId").GetString());
        Assert.StartsWith("Still retrying after 5 hours", retrying.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, tenant.GetProperty("pendingCount").GetInt32());
        Assert.Equal(5 * 3600, tenant.GetProperty("oldestPendingAgeSeconds").GetInt64());

        var text = stuck.GetRawText();
        Assert.DoesNotContain(accepted.Vorgangsnummer, text, StringComparison.Ordinal);
        Assert.All(DemoApplication.Distinctive, value => Assert.DoesNotContain(value, text, StringComparison.OrdinalIgnoreCase));
        using var anonymous = factory.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/admin/stuck")).StatusCode);
    }

    private static async Task<HealthReportEntry> CheckAsync(GatewayFactory factory, string name)
    {
        var report = await factory.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(c => c.Name == name);
        return report.Entries[name];
    }

    /// <summary>A test tenant offering the demo process over the given routes (also used by the operator page's tests).</summary>
    internal static async Task EnableRoutesAsync(GatewayFactory factory, params RouteDefinition[] routes)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var catalog = scope.ServiceProvider.GetRequiredService<ICatalogStore>();
        await catalog.AddTenantAsync(new Tenant(TestTenant, "Klemmdorf", factory.Time.GetUtcNow()), CancellationToken.None);
        await catalog.EnableProcessAsync(TestTenant, DemoApplication.Process, "1.0.0", routes, 90, CancellationToken.None);
    }

    /// <summary>A port nothing listens on: bound once, then released.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
