using EfaGateway.Core.Deliveries;

namespace EfaGateway.Core.Tests.Deliveries;

public sealed class DeliveryTransitionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 10, 0, 0, TimeSpan.Zero);
    private static readonly RetryOptions Retry = new()
    {
        BaseDelay = TimeSpan.FromSeconds(10),
        MaxDelay = TimeSpan.FromMinutes(10),
        MaxAttempts = 3,
        JitterFraction = 0,
    };

    [Fact]
    public void A_new_delivery_is_pending_and_due_at_once()
    {
        var delivery = NewDelivery();

        Assert.Equal(DeliveryState.Pending, delivery.State);
        Assert.Equal(Now, delivery.NextAttemptAt);
        Assert.Equal(0, delivery.AttemptCount);
    }

    [Fact]
    public void The_happy_path_goes_pending_in_flight_delivered_confirmed()
    {
        var delivery = NewDelivery();

        delivery.Claim("w1", Now, TimeSpan.FromMinutes(1));
        Assert.Equal(DeliveryState.InFlight, delivery.State);
        Assert.Equal("w1", delivery.LeaseOwner);

        delivery.Apply(DeliveryOutcome.Succeeded(awaitsReceipt: true), Now, Retry, 0);
        Assert.Equal(DeliveryState.Delivered, delivery.State);
        Assert.Null(delivery.LeaseOwner);

        delivery.Confirm(Now.AddMinutes(5));
        Assert.Equal(DeliveryState.Confirmed, delivery.State);
        Assert.Equal(Now.AddMinutes(5), delivery.ConfirmedAt);
        Assert.True(delivery.IsSettled);
    }

    [Fact]
    public void A_delivery_without_receipt_is_confirmed_on_handover()
    {
        var delivery = Claimed();

        delivery.Apply(DeliveryOutcome.Succeeded(awaitsReceipt: false), Now, Retry, 0);

        Assert.Equal(DeliveryState.Confirmed, delivery.State);
        Assert.Equal(Now, delivery.DeliveredAt);
        Assert.Equal(Now, delivery.ConfirmedAt);
    }

    [Fact]
    public void A_transient_failure_schedules_a_retry_with_exponential_backoff()
    {
        var delivery = Claimed();

        delivery.Apply(DeliveryOutcome.Retry("HTTP 503"), Now, Retry, 0);
        Assert.Equal(DeliveryState.Retrying, delivery.State);
        Assert.Equal(Now.AddSeconds(10), delivery.NextAttemptAt);
        Assert.Equal("HTTP 503", delivery.LastError);

        delivery.Claim("w1", Now.AddSeconds(10), TimeSpan.FromMinutes(1));
        delivery.Apply(DeliveryOutcome.Retry("HTTP 503"), Now.AddSeconds(10), Retry, 0);
        Assert.Equal(Now.AddSeconds(30), delivery.NextAttemptAt);
        Assert.Equal(2, delivery.AttemptCount);
    }

    [Fact]
    public void Running_out_of_attempts_dead_letters_with_the_last_error()
    {
        var delivery = Claimed();
        for (var attempt = 1; attempt < Retry.MaxAttempts; attempt++)
        {
            delivery.Apply(DeliveryOutcome.Retry("timeout"), Now, Retry, 0);
            delivery.Claim("w1", Now, TimeSpan.FromMinutes(1));
        }

        delivery.Apply(DeliveryOutcome.Retry("timeout"), Now, Retry, 0);

        Assert.Equal(DeliveryState.DeadLettered, delivery.State);
        Assert.Contains("3 attempts", delivery.LastError, StringComparison.Ordinal);
        Assert.Contains("timeout", delivery.LastError, StringComparison.Ordinal);
        Assert.Null(delivery.NextAttemptAt);
    }

    [Fact]
    public void A_permanent_failure_dead_letters_at_once()
    {
        var delivery = Claimed();

        delivery.Apply(DeliveryOutcome.Fail("schema violation"), Now, Retry, 0);

        Assert.Equal(DeliveryState.DeadLettered, delivery.State);
        Assert.Equal("schema violation", delivery.LastError);
        Assert.Equal(Now, delivery.DeadLetteredAt);
        Assert.False(delivery.IsSettled);
    }

    [Fact]
    public void A_rejected_receipt_dead_letters_a_delivered_delivery()
    {
        var delivery = Claimed();
        delivery.Apply(DeliveryOutcome.Succeeded(awaitsReceipt: true), Now, Retry, 0);

        delivery.Reject("rejected by the Fachverfahren", Now);

        Assert.Equal(DeliveryState.DeadLettered, delivery.State);
    }

    [Fact]
    public void Retry_now_resets_the_attempt_counter_and_makes_it_due()
    {
        var delivery = Claimed();
        delivery.Apply(DeliveryOutcome.Fail("down"), Now, Retry, 0);

        delivery.RetryNow(Now.AddHours(1));

        Assert.Equal(DeliveryState.Pending, delivery.State);
        Assert.Equal(0, delivery.AttemptCount);
        Assert.Equal(Now.AddHours(1), delivery.NextAttemptAt);
    }

    [Fact]
    public void A_dead_letter_handed_to_a_fallback_is_settled_and_cannot_be_retried()
    {
        var delivery = Claimed();
        delivery.Apply(DeliveryOutcome.Fail("down"), Now, Retry, 0);

        delivery.LinkFallback(Guid.NewGuid());

        Assert.True(delivery.IsSettled);
        Assert.False(delivery.CanRetryNow);
        Assert.Throws<InvalidOperationException>(() => delivery.RetryNow(Now));
        Assert.Throws<InvalidOperationException>(() => delivery.LinkFallback(Guid.NewGuid()));
    }

    [Fact]
    public void An_expired_lease_counts_as_a_transient_failure()
    {
        var delivery = NewDelivery();
        delivery.Claim("w1", Now, TimeSpan.FromMinutes(1));

        Assert.Throws<InvalidOperationException>(() => delivery.ReleaseExpiredLease(Now.AddSeconds(30), Retry, 0));
        delivery.ReleaseExpiredLease(Now.AddMinutes(1), Retry, 0);

        Assert.Equal(DeliveryState.Retrying, delivery.State);
        Assert.Null(delivery.LeaseOwner);
    }

    [Fact]
    public void External_ids_are_recorded_only_during_an_attempt_and_never_change()
    {
        var delivery = NewDelivery();
        Assert.Throws<InvalidOperationException>(() => delivery.RecordExternalId("submissionId", "a"));

        delivery.Claim("w1", Now, TimeSpan.FromMinutes(1));
        delivery.RecordExternalId("submissionId", "a");
        delivery.RecordExternalId("submissionId", "a");

        Assert.Equal("a", delivery.ExternalIds["submissionId"]);
        Assert.Throws<InvalidOperationException>(() => delivery.RecordExternalId("submissionId", "b"));
    }

    [Fact]
    public void Every_state_change_bumps_the_version()
    {
        var delivery = NewDelivery();
        var before = delivery.Version;

        delivery.Claim("w1", Now, TimeSpan.FromMinutes(1));

        Assert.True(delivery.Version > before);
    }

    internal static Delivery NewDelivery() =>
        Delivery.Create(Guid.NewGuid(), Guid.NewGuid(), "demo", "proc", "postkorb", ["pdf"], null, Now);

    private static Delivery Claimed()
    {
        var delivery = NewDelivery();
        delivery.Claim("w1", Now, TimeSpan.FromMinutes(1));
        return delivery;
    }
}
