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

/// <summary>
/// The tenant already has a submission with this Vorgangsnummer. With 35 random bits per year this is rare but
/// possible; intake draws a new number and tries again.
/// </summary>
public sealed class DuplicateVorgangsnummerException(Exception? inner = null)
    : Exception("The Vorgangsnummer is already taken in this tenant.", inner);
