using System.Net.Http.Json;
using System.Text.Json;
using EfaGateway.Conformance.FitConnect.Fake;
using EfaGateway.Conformance.FitConnect.Scenarios;
using EfaGateway.Conformance.FitConnect.Subscriber;
using EfaGateway.Core.Pipeline;
using EfaGateway.Host.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace EfaGateway.Host.Tests.FitConnect;

/// <summary>What the gateway checks about a destination before sending, how it caches it, and how it waits for receipts.</summary>
public sealed class FitConnectRulesTests : IAsyncLifetime
{
    private DirectFitConnect setup = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => setup = await DirectFitConnect.StartAsync();

    public async ValueTask DisposeAsync() => await setup.DisposeAsync();

    [Fact]
    public async Task An_inactive_destination_is_retried_and_never_announced_to()
    {
        setup.Fake.SetStatus(setup.Destination, DestinationStatus.Inactive);

        var status = await setup.Sender.StatusAsync(await setup.Sender.SendAsync(setup.Target, 1, Ct), Ct);

        Assert.Equal(SenderState.Failed, status.State);
        Assert.Contains("Gave up after 12 attempts", status.Reason, StringComparison.Ordinal);
        Assert.Contains($"Destination {setup.Destination.DestinationId} is inactive, not active", status.Reason, StringComparison.Ordinal);
        Assert.Empty(setup.Fake.Announces);
    }

    [Fact]
    public async Task A_destination_that_does_not_offer_the_service_fails_at_once()
    {
        var other = setup.Fake.AddDestination(new DestinationSetup
        {
            Services = [new DestinationService(DestinationService.LeikaIdentifier("99000000000001"), [new SubmissionSchema(setup.Sender.SchemaUri, "application/json")], ["DE"])],
        });

        var status = await setup.Sender.StatusAsync(await setup.Sender.SendAsync(setup.Target with { DestinationId = other.DestinationId }, 1, Ct), Ct);

        Assert.Equal(SenderState.Failed, status.State);
        Assert.Equal($"Destination {other.DestinationId} does not offer the service urn:de:fim:leika:leistung:{setup.Sender.LeikaKey}.", status.Reason);
        Assert.Equal(1, (await setup.Sender.DeliveryAsync(await LastRunAsync())).AttemptCount);
    }

    [Fact]
    public async Task A_destination_that_does_not_list_the_data_schema_fails_at_once()
    {
        var other = setup.Fake.AddDestination(new DestinationSetup
        {
            Services = [new DestinationService(DestinationService.LeikaIdentifier(setup.Sender.LeikaKey), [new SubmissionSchema(DestinationSetup.DemoSchemaUri, "application/json")], ["DE"])],
        });

        var status = await setup.Sender.StatusAsync(await setup.Sender.SendAsync(setup.Target with { DestinationId = other.DestinationId }, 1, Ct), Ct);

        Assert.Equal(SenderState.Failed, status.State);
        Assert.Contains($"does not accept the schema {setup.Sender.SchemaUri} (application/json)", status.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_destination_without_a_metadata_version_the_gateway_writes_fails_at_once()
    {
        var other = setup.Fake.AddDestination(new DestinationSetup
        {
            Services = setup.Destination.Services,
            MetadataVersions = ["1.2.0"],
        });

        var status = await setup.Sender.StatusAsync(await setup.Sender.SendAsync(setup.Target with { DestinationId = other.DestinationId }, 1, Ct), Ct);

        Assert.Equal(SenderState.Failed, status.State);
        Assert.Equal($"Destination {other.DestinationId} accepts metadata versions 1.2.0; this gateway writes 2.1.0, 2.0.0, 1.0.0.", status.Reason);
    }

    [Fact]
    public async Task The_destination_is_cached_and_read_again_after_five_minutes_when_a_rotated_key_is_used_at_once()
    {
        await setup.Sender.SendAsync(setup.Target, 1, Ct);
        var rotated = setup.Fake.RotateEncryptionKey(setup.Destination);
        setup.Sender.Factory.Time.Advance(TimeSpan.FromMinutes(6));

        var second = await setup.Sender.SendAsync(setup.Target, 1, Ct);

        var status = await setup.Sender.StatusAsync(second, Ct);
        Assert.True(status.State == SenderState.AwaitingReceipt, status.Reason);
        Assert.Equal(1, (await setup.Sender.DeliveryAsync(second)).AttemptCount);
        Assert.DoesNotContain(setup.Fake.Uploads, u => u.Status >= 400);
        Assert.Equal(rotated.Kid, setup.Destination.EncryptionKid);
    }

    [Fact]
    public async Task Without_a_verdict_in_time_operators_are_alerted_once_and_the_delivery_waits_on()
    {
        var run = await setup.Sender.SendAsync(setup.Target, 1, Ct);
        var time = setup.Sender.Factory.Time;

        time.Advance(TimeSpan.FromDays(3) - TimeSpan.FromMinutes(1));
        await setup.Sender.Factory.PollReceiptsAsync(Ct);
        Assert.Null((await setup.Sender.DeliveryAsync(run)).LastError);

        time.Advance(TimeSpan.FromMinutes(2));
        await setup.Sender.Factory.PollReceiptsAsync(Ct);
        await setup.Sender.Factory.PollReceiptsAsync(Ct);

        var delivery = await setup.Sender.DeliveryAsync(run);
        Assert.Equal("Delivered", delivery.State.ToString());
        Assert.Equal("No receipt within 3.00:00:00 of delivery.", delivery.LastError);
        await setup.Sender.Factory.OverdueAlertLoggedAsync(Ct);
        Assert.Single(setup.Sender.Factory.Logs.Lines, ReceiptSteps.IsOverdueAlert);

        // The verdict still counts when it comes.
        using var subscriber = setup.Subscriber();
        await subscriber.ProcessPendingAsync(Ct);
        Assert.Equal(SenderState.Confirmed, (await setup.Sender.CheckReceiptAsync(run, Ct)).State);
    }

    [Fact]
    public async Task A_rejection_is_listed_for_operators_with_its_problems()
    {
        var run = await setup.Sender.SendAsync(setup.Target, 1, Ct);
        using var subscriber = setup.Subscriber();
        subscriber.RejectWith(ProblemTypes.HashMismatch, "attachment:00000000-0000-0000-0000-000000000000");
        await subscriber.ProcessPendingAsync(Ct);
        await setup.Sender.CheckReceiptAsync(run, Ct);

        using var client = setup.Sender.Factory.CreateOperatorClient();
        var deadLetters = await client.GetFromJsonAsync<JsonElement>($"/api/v1/tenants/{DemoApplication.Tenant}/deliveries/dead-letters", Ct);

        var entry = Assert.Single(deadLetters.EnumerateArray());
        Assert.Equal("DeadLettered", entry.GetProperty("state").GetString());
        var reason = entry.GetProperty("lastError").GetString();
        Assert.StartsWith("Rejected by the destination: ", reason, StringComparison.Ordinal);
        Assert.Contains(ProblemTypes.HashMismatch, reason, StringComparison.Ordinal);
        Assert.Contains("instance attachment:00000000-0000-0000-0000-000000000000", reason, StringComparison.Ordinal);
    }

    private async Task<SenderRun> LastRunAsync()
    {
        await using var scope = setup.Sender.Factory.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<Core.Ports.IDeliveryStore>();
        var dead = Assert.Single(await store.ListDeadLetteredAsync(DemoApplication.Tenant, Ct));
        return new SenderRun(dead.Id.ToString("D"), 1);
    }
}
