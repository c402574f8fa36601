using EfaGateway.Core.Postkorb;

namespace EfaGateway.Core.Ports;

public interface IPostkorbStore
{
    Task<PostkorbItem?> FindAsync(Guid id, CancellationToken cancellationToken);

    Task AddAsync(PostkorbItem item, CancellationToken cancellationToken);

    Task SaveAsync(PostkorbItem item, CancellationToken cancellationToken);

    Task<IReadOnlyList<PostkorbItem>> ListAsync(string tenantId, string? processId, CancellationToken cancellationToken);

    Task<IReadOnlyList<PostkorbItem>> ListDueForDeletionAsync(DateTimeOffset now, int max, CancellationToken cancellationToken);

    Task<bool> AnyForSubmissionAsync(Guid submissionId, CancellationToken cancellationToken);

    Task DeleteAsync(PostkorbItem item, CancellationToken cancellationToken);
}
