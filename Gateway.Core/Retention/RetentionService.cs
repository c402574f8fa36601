using System.Globalization;
using EfaGateway.Core.Audit;
using EfaGateway.Core.Blobs;
using EfaGateway.Core.Diagnostics;
using EfaGateway.Core.Drafts;
using EfaGateway.Core.Pipeline;
using EfaGateway.Core.Ports;
using Microsoft.Extensions.Logging;

namespace EfaGateway.Core.Retention;

/// <summary>
/// The deletion rules of the service description (DESIGN.md §5), run on a schedule:
/// drafts 30 days after saving; Postkorb items (and their application data) at their deletion date, fetched or not;
/// application data of interface deliveries once every delivery is settled. Each deleted Postkorb item is written to its
/// tenant's audit log (issue 6 point 5), naming the item and its Vorgangsnummer but nothing of the application.
/// </summary>
public sealed partial class RetentionService(
    IDraftStore drafts,
    IPostkorbStore postkorb,
    ISubmissionStore submissions,
    IBlobStore blobs,
    SubmissionPurger purger,
    IStoreMaintenance maintenance,
    IAuditLog audit,
    TimeProvider time,
    GatewayMetrics metrics,
    ILogger<RetentionService> logger)
{
    private const int BatchSize = 200;

    /// <summary>The actor of deletions by the retention rules in the audit log (no person acted).</summary>
    public const string AuditActor = "system (Löschfrist)";

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
                metrics.Deleted(GatewayMetrics.DeletionRules.Draft);
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

                // Recorded after the row is gone and only by the run that removed it, so the log never claims a
                // deletion that failed and two overlapping runs (the job and the CLI verb) do not log one item twice;
                // the window for a crash in between is one statement.
                if (await postkorb.DeleteAsync(item, cancellationToken))
                {
                    // Only the run that removed the row counts it, like the audit entry.
                    metrics.Deleted(GatewayMetrics.DeletionRules.Postkorb);
                    await audit.RecordAsync(new AuditEvent(item.TenantId, AuditActor, AuditActions.PostkorbDeleted,
                        $"{item.Id:D} ({item.Vorgangsnummer})", DeletionDetails(item)), cancellationToken);
                }

                // Counted either way: the item was due and is gone, whichever run removed it.
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

    /// <summary>Process, dates and whether anybody fetched it: enough to answer "where did it go?", nothing of the form.</summary>
    private static string DeletionDetails(Postkorb.PostkorbItem item) => string.Create(CultureInfo.InvariantCulture,
        $"process {item.ProcessId}; provided {item.ProvidedAt:yyyy-MM-dd}; deletion date {item.DeleteAt:yyyy-MM-dd}; {(item.FirstFetchedAt is null ? "never fetched" : "fetched")}");

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention run: {Drafts} draft(s), {PostkorbItems} Postkorb item(s) deleted, {Submissions} submission(s) purged")]
    private static partial void LogRun(ILogger logger, int drafts, int postkorbItems, int submissions);
}

public sealed record RetentionReport(int DraftsDeleted, int PostkorbItemsDeleted, int SubmissionsPurged);
