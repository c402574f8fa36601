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

    /// <summary>
    /// How old an application's files must be before they count as orphaned when no submission owns them: an intake
    /// stores the files first and commits the submission after, so younger files may belong to one still running.
    /// </summary>
    public static readonly TimeSpan OrphanGrace = TimeSpan.FromHours(1);

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

        var orphans = await DeleteOrphanedFilesAsync(now, cancellationToken);

        // Also covers purges the pipeline did since the last run (interface deliveries are purged on confirmation).
        await maintenance.AfterDeletionAsync(cancellationToken);
        var report = new RetentionReport(draftsDeleted, itemsDeleted, purged);
        LogRun(logger, report.DraftsDeleted, report.PostkorbItemsDeleted, report.SubmissionsPurged, orphans);
        return report;
    }

    /// <summary>
    /// A host that dies (SIGKILL, power loss) between storing an application's files and committing the submission
    /// leaves files no submission owns; its clean-up on failure never runs, and the rules above only find files through
    /// their submission. These are citizens' documents, so they go once they are older than <see cref="OrphanGrace"/>
    /// (the crash test found them). The age comes from the submission id, a version-7 GUID stamped at intake.
    /// </summary>
    private async Task<int> DeleteOrphanedFilesAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var candidates = new HashSet<Guid>();
        await foreach (var key in blobs.ListKeysAsync(BlobKeys.SubmissionsRoot, cancellationToken))
        {
            var rest = key.AsSpan(BlobKeys.SubmissionsRoot.Length);
            var slash = rest.IndexOf('/');
            if (slash > 0 && Guid.TryParseExact(rest[..slash], "N", out var id) && id.Version == 7 && CreatedAt(id) < now - OrphanGrace)
            {
                candidates.Add(id);
            }
        }

        var owned = await submissions.FindExistingAsync(candidates, cancellationToken);
        var orphaned = candidates.Where(id => !owned.Contains(id)).ToList();
        foreach (var id in orphaned)
        {
            await blobs.DeleteByPrefixAsync(BlobKeys.SubmissionPrefix(id), cancellationToken);
        }

        return orphaned.Count;
    }

    /// <summary>The millisecond a version-7 GUID was made: its first 48 bits, big-endian.</summary>
    private static DateTimeOffset CreatedAt(Guid id)
    {
        Span<byte> bytes = stackalloc byte[16];
        id.TryWriteBytes(bytes, bigEndian: true, out _);
        var milliseconds = 0L;
        foreach (var b in bytes[..6])
        {
            milliseconds = (milliseconds << 8) | b;
        }

        return DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
    }

    /// <summary>Process, dates and whether anybody fetched it: enough to answer "where did it go?", nothing of the form.</summary>
    private static string DeletionDetails(Postkorb.PostkorbItem item) => string.Create(CultureInfo.InvariantCulture,
        $"process {item.ProcessId}; provided {item.ProvidedAt:yyyy-MM-dd}; deletion date {item.DeleteAt:yyyy-MM-dd}; {(item.FirstFetchedAt is null ? "never fetched" : "fetched")}");

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention run: {Drafts} draft(s), {PostkorbItems} Postkorb item(s) deleted, {Submissions} submission(s) purged, files of {Orphans} never committed submission(s) deleted")]
    private static partial void LogRun(ILogger logger, int drafts, int postkorbItems, int submissions, int orphans);
}

public sealed record RetentionReport(int DraftsDeleted, int PostkorbItemsDeleted, int SubmissionsPurged);
