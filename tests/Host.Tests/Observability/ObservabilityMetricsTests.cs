using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using EfaGateway.Core.Blobs;
using EfaGateway.Core.Drafts;
using EfaGateway.Core.Ports;
using EfaGateway.Core.Processes;
using EfaGateway.Core.Retention;
using EfaGateway.Core.Tenants;
using EfaGateway.Host.Forms;
using EfaGateway.Host.Tests.Support;
using EfaGateway.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace EfaGateway.Host.Tests.Observability;

/// <summary>The gateway's counters and gauges, recorded where the events happen, through the real host.</summary>
public sealed class ObservabilityMetricsTests : IDisposable
{
    private const string TestTenant = "messdorf";
    private readonly GatewayFactory factory;
    private readonly TelemetryCapture capture;

    public ObservabilityMetricsTests()
    {
        // The scheduled retention run would race the test's own run on the fake clock (and count the same deletions).
        factory = new GatewayFactory(new Dictionary<string, string?> { ["Gateway:Worker:RetentionCron"] = "0 0 3 1 1 ? 2099" }, services =>
        {
            services.AddKeyedSingleton<ITransport, RefusingTransport>(RefusingTransport.TransportId);
            services.AddKeyedSingleton<ITransport, UnavailableTransport>(UnavailableTransport.TransportId);
        });
        capture = new TelemetryCapture(factory.Services);
    }

    [Fact]
    public async Task A_submission_is_counted_as_accepted_and_its_postkorb_delivery_as_delivered_and_confirmed()
    {
        using var client = factory.CreateClient();
        await DemoApplication.SubmitAsync(client);

        var accepted = Assert.Single(capture.Of("efagw.submissions.accepted"));
        Assert.Equal(1, accepted.Value);
        Assert.True(accepted.Has("tenant", DemoApplication.Tenant));
        Assert.True(accepted.Has("process", DemoApplication.Process));
        Assert.Equal(["process", "tenant"], accepted.Tags.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(1, capture.Sum("efagw.uploads.scanned", ("result", "clean")));

        Assert.Equal(1, await factory.DeliverDueAsync());
        Assert.Equal(1, capture.Sum("efagw.deliveries", ("transport", "postkorb"), ("outcome", "delivered")));
        Assert.Equal(1, capture.Sum("efagw.deliveries", ("transport", "postkorb"), ("outcome", "confirmed")));
        Assert.Empty(capture.Of("efagw.delivery.retries"));
        Assert.Empty(capture.Of("efagw.dead_letters"));
    }

    [Fact]
    public async Task A_transient_failure_is_counted_as_a_retry_and_a_refusal_as_a_dead_letter()
    {
        await EnableRoutesAsync(
            new RouteDefinition { TransportId = UnavailableTransport.TransportId, MapperIds = ["canonical-xml"] },
            new RouteDefinition { TransportId = RefusingTransport.TransportId, MapperIds = ["canonical-xml"] });
        using var client = factory.CreateClient();
        await DemoApplication.SubmitAsync(client, null, TestTenant);

        Assert.Equal(2, await factory.DeliverDueAsync());

        Assert.Equal(1, capture.Sum("efagw.deliveries", ("transport", UnavailableTransport.TransportId), ("outcome", "transient")));
        Assert.Equal(1, capture.Sum("efagw.delivery.retries", ("transport", UnavailableTransport.TransportId)));
        Assert.Equal(1, capture.Sum("efagw.deliveries", ("transport", RefusingTransport.TransportId), ("outcome", "permanent")));
        Assert.Equal(1, capture.Sum("efagw.deliveries", ("transport", RefusingTransport.TransportId), ("outcome", "dead_lettered")));
        var deadLetter = Assert.Single(capture.Of("efagw.dead_letters"));
        Assert.True(deadLetter.Has("transport", RefusingTransport.TransportId));
        Assert.True(deadLetter.Has("fallback", false));
        Assert.Equal(0, capture.Sum("efagw.delivery.retries", ("transport", RefusingTransport.TransportId)));
    }

    [Fact]
    public async Task Retention_counts_its_deletions_by_rule()
    {
        using var client = factory.CreateClient();
        await DemoApplication.SubmitAsync(client);
        await factory.DeliverDueAsync();
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var draft = new Draft(Guid.NewGuid(), DemoApplication.Tenant, DemoApplication.Process, "1.0.0", "{}",
                "pbkdf2-sha512$600000$c2FsdA$aGFzaA", factory.Time.GetUtcNow());
            await scope.ServiceProvider.GetRequiredService<IDraftStore>().AddAsync(draft, CancellationToken.None);
            await scope.ServiceProvider.GetRequiredService<IBlobStore>().PutAsync(
                FormSessionStore.SessionPrefix(Guid.CreateVersion7(factory.Time.GetUtcNow())) + "state", "{}"u8.ToArray(), CancellationToken.None);
        }

        factory.Time.Advance(TimeSpan.FromDays(90));
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var report = await scope.ServiceProvider.GetRequiredService<RetentionService>().RunAsync(CancellationToken.None);
            Assert.Equal(new RetentionReport(1, 1, 1), report);
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<FormSessionStore>().DeleteExpiredAsync(CancellationToken.None));
        }

        Assert.Equal(1, capture.Sum("efagw.deletions", ("rule", "draft")));
        Assert.Equal(1, capture.Sum("efagw.deletions", ("rule", "postkorb")));
        Assert.Equal(1, capture.Sum("efagw.deletions", ("rule", "purge")));
        Assert.Equal(1, capture.Sum("efagw.deletions", ("rule", "form_session")));
    }

    [Fact]
    public async Task An_infected_upload_is_counted_as_infected()
    {
        var request = DemoApplication.Request();
        request["attachments"]![0]!["content"] = Convert.ToBase64String(Encoding.ASCII.GetBytes("%PDF-1.4\n" + ClamdServer.Eicar + "\n"));
        using var client = factory.CreateClient();

        using var response = await client.PostAsJsonAsync(DemoApplication.SubmitPath, request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(1, capture.Sum("efagw.uploads.scanned", ("result", "infected")));
        Assert.Empty(capture.Of("efagw.submissions.accepted"));
    }

    [Fact]
    public async Task The_backlog_gauges_report_the_oldest_pending_delivery_and_are_cached_between_scrapes()
    {
        Assert.Equal(0, capture.Observe("efagw.deliveries.pending"));
        using var client = factory.CreateClient();
        await DemoApplication.SubmitAsync(client);
        factory.Time.Advance(TimeSpan.FromMinutes(10));

        Assert.Equal(600, capture.Observe("efagw.deliveries.oldest_pending_age_seconds"));
        Assert.Equal(1, capture.Observe("efagw.deliveries.pending"));

        // Within the cache period the figure stays, even though the delivery has left the backlog meanwhile.
        await factory.DeliverDueAsync();
        factory.Time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(600, capture.Observe("efagw.deliveries.oldest_pending_age_seconds"));

        factory.Time.Advance(TimeSpan.FromSeconds(15));
        Assert.Equal(0, capture.Observe("efagw.deliveries.oldest_pending_age_seconds"));
        Assert.Equal(0, capture.Observe("efagw.deliveries.pending"));
    }

    private async Task EnableRoutesAsync(params RouteDefinition[] routes)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var catalog = scope.ServiceProvider.GetRequiredService<ICatalogStore>();
        await catalog.AddTenantAsync(new Tenant(TestTenant, "Messdorf", factory.Time.GetUtcNow()), CancellationToken.None);
        await catalog.EnableProcessAsync(TestTenant, DemoApplication.Process, "1.0.0", routes, 90, CancellationToken.None);
    }

    public void Dispose()
    {
        capture.Dispose();
        factory.Dispose();
    }
}
