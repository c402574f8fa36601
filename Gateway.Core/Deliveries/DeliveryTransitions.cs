namespace EfaGateway.Core.Deliveries;

/// <summary>
/// The one table of legal state changes. <see cref="Delivery"/> can only change state through it, so an illegal
/// transition cannot happen without an <see cref="IllegalDeliveryTransitionException"/>.
/// </summary>
public static class DeliveryTransitions
{
    private static readonly HashSet<(DeliveryState From, DeliveryState To)> Allowed =
    [
        (DeliveryState.Pending, DeliveryState.InFlight),
        (DeliveryState.Retrying, DeliveryState.InFlight),
        (DeliveryState.InFlight, DeliveryState.Delivered),
        (DeliveryState.InFlight, DeliveryState.Retrying),
        (DeliveryState.InFlight, DeliveryState.DeadLettered),
        (DeliveryState.Delivered, DeliveryState.Confirmed),
        (DeliveryState.Delivered, DeliveryState.DeadLettered),
        (DeliveryState.Retrying, DeliveryState.Pending),
        (DeliveryState.DeadLettered, DeliveryState.Pending),
    ];

    public static IReadOnlyCollection<(DeliveryState From, DeliveryState To)> All => Allowed;

    public static bool IsAllowed(DeliveryState from, DeliveryState to) => Allowed.Contains((from, to));
}

/// <summary>Thrown when code asks a delivery for a change the state machine forbids: always a bug in the caller.</summary>
public sealed class IllegalDeliveryTransitionException(DeliveryState from, DeliveryState to)
    : InvalidOperationException($"A delivery cannot go from {from} to {to}.")
{
    public DeliveryState From { get; } = from;

    public DeliveryState To { get; } = to;
}
