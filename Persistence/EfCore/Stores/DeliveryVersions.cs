using System.Runtime.CompilerServices;
using EfaGateway.Core.Deliveries;

namespace EfaGateway.Persistence.Stores;

/// <summary>
/// Remembers, per Delivery instance, the Version it had when it was last read from or written to the database.
/// Core bumps <see cref="Delivery.Version"/> itself as it changes the delivery, so by the time a changed delivery comes
/// back to be saved its current Version is no longer the one in the row; the optimistic check needs the one read.
/// Weak references: a delivery nobody holds any more is forgotten with it. Static because a delivery read through one
/// scope's store may be saved through another's.
/// </summary>
internal static class DeliveryVersions
{
    private static readonly ConditionalWeakTable<Delivery, StrongBox<int>> ReadVersions = [];

    public static void Remember(Delivery delivery) =>
        ReadVersions.AddOrUpdate(delivery, new StrongBox<int>(delivery.Version));

    public static void Remember(IEnumerable<Delivery> deliveries)
    {
        foreach (var delivery in deliveries)
        {
            Remember(delivery);
        }
    }

    /// <summary>The version a delivery had when it was read or last saved: the one its row must still have for a save.</summary>
    public static int ReadVersionOf(Delivery delivery) =>
        ReadVersions.TryGetValue(delivery, out var readVersion)
            ? readVersion.Value
            : throw new InvalidOperationException(
                $"Delivery {delivery.Id} was not read through the delivery store, so the version it was read at is unknown.");
}
