using EfaGateway.Core.Blobs;
using EfaGateway.Core.Drafts;
using EfaGateway.Core.Pipeline;
using EfaGateway.Core.Ports;
using Microsoft.Extensions.Logging;

namespace EfaGateway.Core.Retention;

/// <summary>
/// The deletion rules of the service description (DESIGN.md §5), run on a schedule:
/// drafts 30 days after saving; Postkorb items (and their application data) at their deletion date, fetched or not;
/// application data of interface deliveries once every delivery is settled.
/// </summary>
public sealed partial class RetentionService(
    IDraftStore drafts,
    IPostkorbStore postkorb,
    ISubmissionStore submissions,
    IBlobStore blobs,
    SubmissionPurger purger,
    IStoreMaintenance maintenance,
    TimeProvider time,
    ILogger<RetentionService> logger)
{
    private const int BatchSize = 200;

    public async Task<RetentionReport> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var draftsDeleted = 0;
        IReadOnlyList<Draft> expiredDrafts;
        do
        {
            expiredDrafts = await drafts.ListSavedBeforeAsync(now - Draft.Lifetime, BatchSize, cancellationToken);
            foreach (var draft in expiredDrafts)
            {
                await blobs.DeleteByPrefixAsync(BlobKeys.DraftPrefix(draft.Id), cancellationToken);
                await drafts.DeleteAsync(draft, cancellationToken);
                draftsDeleted++;
            }
        }
        while (expiredDrafts.Count == BatchSize);

        var itemsDeleted = 0;
        var purged = 0;
        IReadOnlyList<Postkorb.PostkorbItem> dueItems;
        do
        {
            dueItems = await postkorb.ListDueForDeletionAsync(now, BatchSize, cancellationToken);
            foreach (var item in dueItems)
            {
                await blobs.DeleteByPrefixAsync(BlobKeys.PostkorbPrefix(item.Id), cancellationToken);
                await postkorb.DeleteAsync(item, cancellationToken);
                itemsDeleted++;
                purged += await purger.TryPurgeAsync(item.SubmissionId, cancellationToken) ? 1 : 0;
            }
        }
        while (dueItems.Count == BatchSize);

        // Catches what the pipeline could not purge at once (e.g. a crash between confirmation and purge).
        foreach (var submissionId in await submissions.ListUnpurgedAsync(10_000, cancellationToken))
        {
            purged += await purger.TryPurgeAsync(submissionId, cancellationToken) ? 1 : 0;
        }

        // Also covers purges the pipeline did since the last run (interface deliveries are purged on confirmation).
        await maintenance.AfterDeletionAsync(cancellationToken);
        var report = new RetentionReport(draftsDeleted, itemsDeleted, purged);
        LogRun(logger, report.DraftsDeleted, report.PostkorbItemsDeleted, report.SubmissionsPurged);
        return report;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention run: {Drafts} draft(s), {PostkorbItems} Postkorb item(s) deleted, {Submissions} submission(s) purged")]
    private static partial void LogRun(ILogger logger, int drafts, int postkorbItems, int submissions);
}

public sealed record RetentionReport(int DraftsDeleted, int PostkorbItemsDeleted, int SubmissionsPurged);
