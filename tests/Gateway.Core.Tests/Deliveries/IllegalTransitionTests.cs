using EfaGateway.Core.Deliveries;

namespace EfaGateway.Core.Tests.Deliveries;

/// <summary>
/// Drives a delivery into every state, then tries every operation: each either moves along an edge of the
/// transition table or throws, and a throw leaves the delivery unchanged.
/// </summary>
public sealed class IllegalTransitionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 10, 0, 0, TimeSpan.Zero);
    private static readonly RetryOptions Retry = new() { MaxAttempts = 5, JitterFraction = 0 };

    public static TheoryData<DeliveryState, string> StatesAndOperations()
    {
        var data = new TheoryData<DeliveryState, string>();
        foreach (var state in Enum.GetValues<DeliveryState>())
        {
            foreach (var operation in Operations.Keys)
            {
                data.Add(state, operation);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(StatesAndOperations))]
    public void Every_operation_in_every_state_follows_the_table_or_changes_nothing(DeliveryState state, string operation)
    {
        var delivery = InState(state);
        var versionBefore = delivery.Version;

        try
        {
            Operations[operation](delivery);
        }
        catch (InvalidOperationException)
        {
            Assert.Equal(state, delivery.State);
            Assert.Equal(versionBefore, delivery.Version);
            return;
        }

        if (delivery.State != state)
        {
            Assert.True(
                DeliveryTransitions.IsAllowed(state, delivery.State) ||
                (DeliveryTransitions.IsAllowed(state, DeliveryState.Delivered) && delivery.State == DeliveryState.Confirmed),
                $"{operation} moved {state} to {delivery.State}, which the table forbids.");
        }
    }

    [Fact]
    public void Confirmed_is_terminal()
    {
        Assert.DoesNotContain(DeliveryTransitions.All, t => t.From == DeliveryState.Confirmed);
    }

    [Fact]
    public void The_table_has_exactly_the_documented_edges()
    {
        var expected = new[]
        {
            "Pending>InFlight", "Retrying>InFlight", "InFlight>Delivered", "InFlight>Retrying", "InFlight>DeadLettered",
            "Delivered>Confirmed", "Delivered>DeadLettered", "Retrying>Pending", "DeadLettered>Pending",
        };

        Assert.Equal(expected.Order(StringComparer.Ordinal), DeliveryTransitions.All.Select(t => $"{t.From}>{t.To}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Skipping_straight_from_pending_to_delivered_is_impossible()
    {
        var delivery = DeliveryTransitionTests.NewDelivery();

        var error = Assert.Throws<IllegalDeliveryTransitionException>(() => delivery.Apply(DeliveryOutcome.Succeeded(false), Now, Retry, 0));

        Assert.Equal(DeliveryState.Pending, error.From);
        Assert.Equal(DeliveryState.Delivered, error.To);
    }

    private static readonly Dictionary<string, Action<Delivery>> Operations = new()
    {
        ["claim"] = d => d.Claim("w2", Now, TimeSpan.FromMinutes(1)),
        ["delivered"] = d => d.Apply(DeliveryOutcome.Succeeded(true), Now, Retry, 0),
        ["transient"] = d => d.Apply(DeliveryOutcome.Retry("x"), Now, Retry, 0),
        ["permanent"] = d => d.Apply(DeliveryOutcome.Fail("x"), Now, Retry, 0),
        ["confirm"] = d => d.Confirm(Now),
        ["reject"] = d => d.Reject("x", Now),
        ["retry-now"] = d => d.RetryNow(Now),
        ["release-lease"] = d => d.ReleaseExpiredLease(Now.AddHours(1), Retry, 0),
    };

    private static Delivery InState(DeliveryState state)
    {
        var delivery = DeliveryTransitionTests.NewDelivery();
        switch (state)
        {
            case DeliveryState.Pending:
                break;
            case DeliveryState.InFlight:
                delivery.Claim("w1", Now, TimeSpan.FromMinutes(1));
                break;
            case DeliveryState.Delivered:
                delivery.Claim("w1", Now, TimeSpan.FromMinutes(1));
                delivery.Apply(DeliveryOutcome.Succeeded(true), Now, Retry, 0);
                break;
            case DeliveryState.Confirmed:
                delivery.Claim("w1", Now, TimeSpan.FromMinutes(1));
                delivery.Apply(DeliveryOutcome.Succeeded(false), Now, Retry, 0);
                break;
            case DeliveryState.Retrying:
                delivery.Claim("w1", Now, TimeSpan.FromMinutes(1));
                delivery.Apply(DeliveryOutcome.Retry("x"), Now, Retry, 0);
                break;
            case DeliveryState.DeadLettered:
                delivery.Claim("w1", Now, TimeSpan.FromMinutes(1));
                delivery.Apply(DeliveryOutcome.Fail("x"), Now, Retry, 0);
                break;
        }

        Assert.Equal(state, delivery.State);
        return delivery;
    }
}
