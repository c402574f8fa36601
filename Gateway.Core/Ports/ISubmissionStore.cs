using EfaGateway.Core.Deliveries;
using EfaGateway.Core.Submissions;

namespace EfaGateway.Core.Ports;

/// <summary>Submissions. A submission and its deliveries are written in one transaction (the outbox).</summary>
public interface ISubmissionStore
{
    Task AddAsync(Submission submission, IReadOnlyList<Delivery> deliveries, CancellationToken cancellationToken);

    Task<Submission?> FindAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>Which of <paramref name="ids"/> are submissions (in one query per few hundred ids, not one per id).</summary>
    Task<IReadOnlySet<Guid>> FindExistingAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken);

    Task<Submission?> FindByVorgangsnummerAsync(string tenantId, string vorgangsnummer, CancellationToken cancellationToken);

    /// <summary>The tenant's submission that a request with this <c>Idempotency-Key</c> created, if any.</summary>
    Task<Submission?> FindByIdempotencyKeyAsync(string tenantId, string idempotencyKey, CancellationToken cancellationToken);

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

/// <summary>
/// The tenant already has a submission created with this Idempotency-Key: a concurrent request with the same key
/// committed first. Nothing of this one was written; intake answers with the first one.
/// </summary>
public sealed class DuplicateIdempotencyKeyException(Exception? inner = null)
    : Exception("The Idempotency-Key is already used in this tenant.", inner);
