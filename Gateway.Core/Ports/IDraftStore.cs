using EfaGateway.Core.Drafts;

namespace EfaGateway.Core.Ports;

public interface IDraftStore
{
    Task AddAsync(Draft draft, CancellationToken cancellationToken);

    Task<Draft?> FindAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>Stores a changed draft (saved again, PIN attempts, lock).</summary>
    Task UpdateAsync(Draft draft, CancellationToken cancellationToken);

    Task<IReadOnlyList<Draft>> ListSavedBeforeAsync(DateTimeOffset cutoff, int max, CancellationToken cancellationToken);

    Task DeleteAsync(Draft draft, CancellationToken cancellationToken);
}
