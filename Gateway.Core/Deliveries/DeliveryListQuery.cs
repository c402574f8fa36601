namespace EfaGateway.Core.Deliveries;

/// <summary>
/// One page of a tenant's deliveries in the order they were created (their ids are UUIDv7, so id order is creation
/// order): optionally only one state, only those created at or after <see cref="Since"/>, only those after the id
/// <see cref="After"/> (the last of the previous page), at most <see cref="Limit"/>.
/// </summary>
public sealed record DeliveryListQuery(DeliveryState? State, DateTimeOffset? Since, Guid? After, int Limit)
{
    /// <summary>The page size when the caller names none: enough for a glance, small enough to answer at once.</summary>
    public const int DefaultLimit = 500;

    /// <summary>A tenant may hold millions of deliveries; one answer never carries more than this.</summary>
    public const int MaxLimit = 1000;
}
