using EfaGateway.Core.Ports;
using Microsoft.EntityFrameworkCore;

namespace EfaGateway.Persistence.Stores;

internal static class ConcurrencyMapping
{
    /// <summary>Saves; a lost optimistic-concurrency race becomes Core's <see cref="DeliveryConflictException"/>.</summary>
    public static async Task SaveDeliveryChangesAsync(this DbContext db, Guid deliveryId, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException ex)
        {
            throw new DeliveryConflictException(deliveryId, ex);
        }
    }
}
