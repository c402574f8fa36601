using EfaGateway.Core.Deliveries;
using EfaGateway.Core.Submissions;

namespace EfaGateway.Core.Ports;

/// <summary>Submissions. A submission and its deliveries are written in one transaction (the outbox).</summary>
public interface ISubmissionStore
{
    Task AddAsync(Submission submission, IReadOnlyList<Delivery> deliveries, CancellationToken cancellationToken);

    Task<Submission?> FindAsync(Guid id, CancellationToken cancellationToken);

    Task<Submission?> FindByVorgangsnummerAsync(string tenantId, string vorgangsnummer, CancellationToken cancellationToken);

    Task SaveAsync(Submission submission, CancellationToken cancellationToken);

    /// <summary>Submissions whose personal data is still held, oldest first.</summary>
    Task<IReadOnlyList<Guid>> ListUnpurgedAsync(int max, CancellationToken cancellationToken);
}
