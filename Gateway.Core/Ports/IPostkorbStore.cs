using EfaGateway.Core.Postkorb;

namespace EfaGateway.Core.Ports;

public interface IPostkorbStore
{
    Task<PostkorbItem?> FindAsync(Guid id, CancellationToken cancellationToken);

    Task AddAsync(PostkorbItem item, CancellationToken cancellationToken);

    Task SaveAsync(PostkorbItem item, CancellationToken cancellationToken);

    Task<IReadOnlyList<PostkorbItem>> ListAsync(string tenantId, string? processId, CancellationToken cancellationToken);

    Task<IReadOnlyList<PostkorbItem>> ListDueForDeletionAsync(DateTimeOffset now, int max, CancellationToken cancellationToken);

    /// <summary>Items whose staff have not been told yet (<see cref="PostkorbItem.NotifiedAt"/> null), oldest first.</summary>
    Task<IReadOnlyList<PostkorbItem>> ListUnnotifiedAsync(int max, CancellationToken cancellationToken);

    /// <summary>Sets <see cref="PostkorbItem.NotifiedAt"/> on those of the items that have none yet (deleted ones are skipped).</summary>
    Task MarkNotifiedAsync(IReadOnlyCollection<Guid> itemIds, DateTimeOffset at, CancellationToken cancellationToken);

    Task<bool> AnyForSubmissionAsync(Guid submissionId, CancellationToken cancellationToken);

    /// <summary>Deletes the item; false if it was already gone (e.g. a second retention run got there first).</summary>
    Task<bool> DeleteAsync(PostkorbItem item, CancellationToken cancellationToken);
}
