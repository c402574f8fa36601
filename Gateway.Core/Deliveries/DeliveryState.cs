namespace EfaGateway.Core.Deliveries;

/// <summary>The states of one delivery route of a submission (DESIGN.md §3).</summary>
public enum DeliveryState
{
    /// <summary>Waiting for its first (or a manually re-driven) attempt.</summary>
    Pending,

    /// <summary>Claimed by a worker that is mapping and delivering it right now.</summary>
    InFlight,

    /// <summary>Handed to the remote end, waiting for its receipt.</summary>
    Delivered,

    /// <summary>The remote end confirmed it. Terminal.</summary>
    Confirmed,

    /// <summary>A transient failure; the next attempt is due at NextAttemptAt.</summary>
    Retrying,

    /// <summary>Failed permanently or ran out of attempts; needs a fallback route or an operator.</summary>
    DeadLettered,
}
