using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EfaGateway.Core.Pipeline;
using EfaGateway.Core.Ports;
using EfaGateway.Core.Processes;
using EfaGateway.Core.Tenants;
using EfaGateway.Host.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace EfaGateway.Host.Tests.Pipeline;

/// <summary>Retries, idempotency, fallback and "retry now", through the real host with test transports.</summary>
public sealed class DeliveryPipelineTests : IDisposable
{
    private const string TestTenant = "testdorf";
    private readonly FakeRemoteEnd remote = new();
    private readonly CancellationTokenSource shutdown = new();
    private readonly GatewayFactory factory;
    private readonly HangingTransport hanging = new();

    public DeliveryPipelineTests()
    {
        factory = new GatewayFactory(configureServices: services =>
        {
            services.AddKeyedSingleton<ITransport>(FailsAfterRemoteAcceptedTransport.TransportId,
                new FailsAfterRemoteAcceptedTransport(remote, () => new IOException("Connection reset after the remote side accepted.")));
            services.AddKeyedSingleton<ITransport>("crashes-after-accept",
                new CrashingTransport(new FailsAfterRemoteAcceptedTransport(remote, () =>
                {
                    shutdown.Cancel();
                    return new OperationCanceledException(shutdown.Token);
                })));
            services.AddKeyedSingleton<ITransport, RefusingTransport>(RefusingTransport.TransportId);
            services.AddKeyedSingleton<ITransport>(HangingTransport.TransportId, hanging);
            services.AddKeyedSingleton<ITransport, UnavailableTransport>(UnavailableTransport.TransportId);
        });
    }

    [Fact]
    public async Task A_transport_that_fails_after_the_remote_side_accepted_is_retried_without_a_second_delivery()
    {
        await EnableRouteAsync(new RouteDefinition { TransportId = FailsAfterRemoteAcceptedTransport.TransportId, MapperIds = ["canonical-xml"] });
        using var client = factory.CreateClient();
        var accepted = await DemoApplication.SubmitAsync(client, null, TestTenant);

        await factory.DeliverDueAsync();
        var afterFailure = await DeliveryAsync(client, accepted);
        Assert.Equal("Retrying", afterFailure.GetProperty("state").GetString());
        Assert.Contains("IOException", afterFailure.GetProperty("lastError").GetString(), StringComparison.Ordinal);
        Assert.Equal(factory.Time.GetUtcNow().AddSeconds(30), afterFailure.GetProperty("nextAttemptAt").GetDateTimeOffset());

        factory.Time.Advance(TimeSpan.FromSeconds(30));
        await factory.DeliverDueAsync();

        var delivered = await DeliveryAsync(client, accepted);
        Assert.Equal("Confirmed", delivered.GetProperty("state").GetString());
        Assert.Equal(2, delivered.GetProperty("attempts").GetInt32());
        Assert.Equal(1, remote.Announcements);
        Assert.Equal(1, Assert.Single(remote.Uploads).Value);
    }

    [Fact]
    public async Task A_worker_that_dies_mid_delivery_is_replaced_after_its_lease_and_the_remote_id_is_reused()
    {
        await EnableRouteAsync(new RouteDefinition { TransportId = "crashes-after-accept", MapperIds = ["pdf"] });
        using var client = factory.CreateClient();
        var accepted = await DemoApplication.SubmitAsync(client, null, TestTenant);

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
                scope.ServiceProvider.GetRequiredService<DeliveryProcessor>().ProcessNextAsync("doomed-worker", shutdown.Token));
        }

        Assert.Equal("InFlight", (await DeliveryAsync(client, accepted)).GetProperty("state").GetString());
        Assert.Equal(0, await factory.DeliverDueAsync());

        factory.Time.Advance(TimeSpan.FromMinutes(5));
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<LeaseSweeper>().SweepAsync(CancellationToken.None));
        }

        factory.Time.Advance(TimeSpan.FromSeconds(30));
        await factory.DeliverDueAsync();

        Assert.Equal("Confirmed", (await DeliveryAsync(client, accepted)).GetProperty("state").GetString());
        Assert.Equal(1, remote.Announcements);
        Assert.Equal(1, Assert.Single(remote.Uploads).Value);
    }

    [Fact]
    public async Task A_dead_lettered_route_with_a_fallback_is_delivered_to_the_postkorb()
    {
        await EnableRouteAsync(new RouteDefinition { TransportId = RefusingTransport.TransportId, MapperIds = ["pdf"], FallbackTransportId = "postkorb" });
        using var client = factory.CreateClient();
        var accepted = await DemoApplication.SubmitAsync(client, null, TestTenant);

        await factory.DeliverDueAsync();

        var status = await client.GetFromJsonAsync<JsonElement>(accepted.Status);
        var deliveries = status.GetProperty("deliveries").EnumerateArray().ToList();
        var dead = Assert.Single(deliveries, d => d.GetProperty("transport").GetString() == RefusingTransport.TransportId);
        var fallback = Assert.Single(deliveries, d => d.GetProperty("transport").GetString() == "postkorb");
        Assert.Equal("DeadLettered", dead.GetProperty("state").GetString());
        Assert.Equal("The back office refused the message (test).", dead.GetProperty("lastError").GetString());
        Assert.Equal(fallback.GetProperty("id").GetGuid(), dead.GetProperty("fallbackDelivery").GetGuid());
        Assert.Equal(dead.GetProperty("id").GetGuid(), fallback.GetProperty("fallbackFor").GetGuid());
        Assert.Equal("Confirmed", fallback.GetProperty("state").GetString());
        using var staff = factory.CreateOperatorClient();
        Assert.Single((await staff.GetFromJsonAsync<JsonElement>($"/api/v1/tenants/{TestTenant}/postkorb")).EnumerateArray());
    }

    [Fact]
    public async Task A_dead_letter_without_fallback_is_listed_for_operators_and_retry_now_resets_its_attempts()
    {
        await EnableRouteAsync(new RouteDefinition { TransportId = RefusingTransport.TransportId, MapperIds = ["pdf"] });
        using var client = factory.CreateClient();
        var accepted = await DemoApplication.SubmitAsync(client, null, TestTenant);
        await factory.DeliverDueAsync();
        using var operatorClient = factory.CreateOperatorClient();

        var deadLetters = await operatorClient.GetFromJsonAsync<JsonElement>($"/api/v1/tenants/{TestTenant}/deliveries/dead-letters");
        var dead = Assert.Single(deadLetters.EnumerateArray());
        Assert.Equal(accepted.Id, dead.GetProperty("submissionId").GetGuid());
        Assert.Contains(factory.Logs.Lines, l => l.Contains("ALERT", StringComparison.Ordinal) && l.Contains(dead.GetProperty("id").GetString()!, StringComparison.Ordinal));

        using var retry = await operatorClient.PostAsync($"/api/v1/tenants/{TestTenant}/deliveries/{dead.GetProperty("id").GetGuid()}/retry", null);
        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        var retried = await retry.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Pending", retried.GetProperty("state").GetString());
        Assert.Equal(0, retried.GetProperty("attempts").GetInt32());

        using var again = await operatorClient.PostAsync($"/api/v1/tenants/{TestTenant}/deliveries/{dead.GetProperty("id").GetGuid()}/retry", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        using var unknown = await operatorClient.PostAsync($"/api/v1/tenants/{TestTenant}/deliveries/{Guid.NewGuid()}/retry", null);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using var anonymous = factory.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync($"/api/v1/tenants/{TestTenant}/deliveries/{dead.GetProperty("id").GetGuid()}/retry", null)).StatusCode);
    }

    [Fact]
    public async Task Transient_failures_back_off_exponentially_and_dead_letter_after_the_last_attempt()
    {
        await EnableRouteAsync(new RouteDefinition { TransportId = UnavailableTransport.TransportId, MapperIds = ["canonical-xml"] });
        using var client = factory.CreateClient();
        var accepted = await DemoApplication.SubmitAsync(client, null, TestTenant);
        var delays = new List<TimeSpan>();

        for (var attempt = 1; attempt <= 12; attempt++)
        {
            Assert.Equal(1, await factory.DeliverDueAsync());
            var delivery = await DeliveryAsync(client, accepted);
            if (delivery.GetProperty("state").GetString() == "DeadLettered")
            {
                Assert.Equal(12, attempt);
                Assert.Contains("Gave up after 12 attempts", delivery.GetProperty("lastError").GetString(), StringComparison.Ordinal);
                break;
            }

            var next = delivery.GetProperty("nextAttemptAt").GetDateTimeOffset();
            delays.Add(next - factory.Time.GetUtcNow());
            factory.Time.Advance(next - factory.Time.GetUtcNow());
        }

        Assert.Equal(TimeSpan.FromSeconds(30), delays[0]);
        Assert.Equal(TimeSpan.FromSeconds(60), delays[1]);
        Assert.Equal(TimeSpan.FromSeconds(120), delays[2]);
        Assert.Equal(TimeSpan.FromHours(2), delays[^1]);
        Assert.Equal(11, delays.Count);
    }

    [Fact]
    public async Task An_application_is_mapped_with_the_process_version_it_was_submitted_under()
    {
        var route = new RouteDefinition { TransportId = "postkorb", MapperIds = ["canonical-xml"] };
        await EnableRouteAsync(route);
        using var client = factory.CreateClient();
        var accepted = await DemoApplication.SubmitAsync(client, null, TestTenant);

        // The tenant moves to a new version before the worker gets to the application.
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var catalog = scope.ServiceProvider.GetRequiredService<ICatalogStore>();
            var json = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(
                Path.Combine(RepositoryRoot.Path, "samples", "processes", "hundesteuer-anmeldung.json")))!.AsObject();
            json["version"] = "2.0.0";
            var text = json.ToJsonString();
            await catalog.AddProcessDefinitionAsync(ProcessDefinitionJson.Parse(text), text, CancellationToken.None);
            await catalog.EnableProcessAsync(TestTenant, DemoApplication.Process, "2.0.0", [route], 90, CancellationToken.None);
        }

        await factory.DeliverDueAsync();

        Assert.Equal("Confirmed", (await DeliveryAsync(client, accepted)).GetProperty("state").GetString());
        using var staff = factory.CreateOperatorClient();
        var item = Assert.Single((await staff.GetFromJsonAsync<JsonElement>($"/api/v1/tenants/{TestTenant}/postkorb")).EnumerateArray());
        var xml = await staff.GetStringAsync($"/api/v1/tenants/{TestTenant}/postkorb/{item.GetProperty("id").GetGuid()}/files/0");
        Assert.Contains("<version>1.0.0</version>", xml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_attempt_that_outlives_its_lease_is_abandoned_before_another_worker_could_take_over()
    {
        await EnableRouteAsync(new RouteDefinition { TransportId = HangingTransport.TransportId, MapperIds = ["pdf"] });
        using var client = factory.CreateClient();
        var accepted = await DemoApplication.SubmitAsync(client, null, TestTenant);

        var worker = factory.DeliverDueAsync();
        await hanging.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        factory.Time.Advance(TimeSpan.FromMinutes(4.5)); // 90 % of the default 5-minute lease
        await worker.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        var delivery = await DeliveryAsync(client, accepted);
        Assert.Equal("Retrying", delivery.GetProperty("state").GetString());
        Assert.Equal("The attempt exceeded its lease and was abandoned.", delivery.GetProperty("lastError").GetString());
    }

    private async Task EnableRouteAsync(RouteDefinition route)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var catalog = scope.ServiceProvider.GetRequiredService<ICatalogStore>();
        await catalog.AddTenantAsync(new Tenant(TestTenant, "Testdorf", factory.Time.GetUtcNow()), CancellationToken.None);
        await catalog.EnableProcessAsync(TestTenant, DemoApplication.Process, "1.0.0", [route], 90, CancellationToken.None);
    }

    private static async Task<JsonElement> DeliveryAsync(HttpClient client, SubmissionAccepted accepted) =>
        Assert.Single((await client.GetFromJsonAsync<JsonElement>(accepted.Status)).GetProperty("deliveries").EnumerateArray());

    public void Dispose()
    {
        factory.Dispose();
        shutdown.Dispose();
    }

    /// <summary>Never answers: stands for a remote side that stops responding mid-upload.</summary>
    private sealed class HangingTransport : ITransport
    {
        public const string TransportId = "hangs";

        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Id => TransportId;

        public async Task<Core.Deliveries.DeliveryOutcome> DeliverAsync(DeliveryRequest request, CancellationToken cancellationToken)
        {
            Entered.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable");
        }
    }

    /// <summary>Wraps a transport so its failure looks like the host shutting down mid-call (the worker's token is cancelled).</summary>
    private sealed class CrashingTransport(ITransport inner) : ITransport
    {
        public string Id => "crashes-after-accept";

        public Task<Core.Deliveries.DeliveryOutcome> DeliverAsync(DeliveryRequest request, CancellationToken cancellationToken) =>
            inner.DeliverAsync(request, cancellationToken);
    }
}
