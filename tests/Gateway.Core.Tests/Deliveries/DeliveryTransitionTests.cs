using EfaGateway.Core.Deliveries;

namespace EfaGateway.Core.Tests.Deliveries;

public sealed class DeliveryTransitionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 10, 0, 0, TimeSpan.Zero);
    private static readonly RetryOptions Retry = new() { BaseDelay = TimeSpan.FromSeconds(10), MaxDelay = TimeSpan.FromMinutes(10), MaxAttempts = 3, JitterFraction = 0 };

    [Fact]
    public void A_new_delivery_is_pending_and_due_at_once()
    {
        var delivery = NewDelivery();

        Assert.Equal(DeliveryState.Pending, delivery.State);
        Assert.Equal(Now, delivery.NextAttemptAt);
        Assert.Equal(0, delivery.AttemptCount);
    }

    private static Delivery NewDelivery() =>
        Delivery.Create(Guid.NewGuid(), Guid.NewGuid(), "demo", "proc", "postkorb", ["pdf"], null, Now);
}
