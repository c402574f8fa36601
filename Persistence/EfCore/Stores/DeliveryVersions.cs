using System.Runtime.CompilerServices;
using EfaGateway.Core.Deliveries;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

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

    /// <summary>Attaches a detached delivery as modified, with the version read as the concurrency token's original value.</summary>
    public static EntityEntry<Delivery> AttachModified(DbContext db, Delivery delivery)
    {
        if (!ReadVersions.TryGetValue(delivery, out var readVersion))
        {
            throw new InvalidOperationException(
                $"Delivery {delivery.Id} was not read through the delivery store, so the version it was read at is unknown.");
        }

        var entry = db.Attach(delivery);
        entry.State = EntityState.Modified;
        entry.Property(d => d.Version).OriginalValue = readVersion.Value;
        return entry;
    }
}
