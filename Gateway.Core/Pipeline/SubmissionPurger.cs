using EfaGateway.Core.Blobs;
using EfaGateway.Core.Diagnostics;
using EfaGateway.Core.Ports;
using Microsoft.Extensions.Logging;

namespace EfaGateway.Core.Pipeline;

/// <summary>
/// Deletes a submission's personal data once nothing needs it any more: every delivery settled (confirmed, or
/// dead-lettered and carried by a fallback) and no Postkorb item of it left. A minimal record stays (ids, times, hashes).
/// </summary>
public sealed partial class SubmissionPurger(
    ISubmissionStore submissions,
    IDeliveryStore deliveries,
    IPostkorbStore postkorb,
    IBlobStore blobs,
    TimeProvider time,
    GatewayMetrics metrics,
    ILogger<SubmissionPurger> logger)
{
    public async Task<bool> TryPurgeAsync(Guid submissionId, CancellationToken cancellationToken)
    {
        // The cheapest check that most often says no comes first: every confirmed Postkorb delivery lands here, and its
        // item keeps the data until the item's own retention ends, so one query settles it instead of three.
        if (await postkorb.AnyForSubmissionAsync(submissionId, cancellationToken))
        {
            return false;
        }

        var routes = await deliveries.ListForSubmissionAsync(submissionId, cancellationToken);
        if (routes.Count == 0 || routes.Any(d => !d.IsSettled))
        {
            return false;
        }

        var submission = await submissions.FindAsync(submissionId, cancellationToken);
        if (submission is null || submission.IsPurged)
        {
            return false;
        }

        // Blobs first: if the database write then fails, the next run finds the submission unpurged and finishes.
        await blobs.DeleteByPrefixAsync(BlobKeys.SubmissionPrefix(submissionId), cancellationToken);
        submission.PurgePersonalData(time.GetUtcNow());
        await submissions.SaveAsync(submission, cancellationToken);
        LogPurged(logger, submissionId);
        metrics.Deleted(GatewayMetrics.DeletionRules.Purge);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Personal data of submission {SubmissionId} deleted")]
    private static partial void LogPurged(ILogger logger, Guid submissionId);
}
